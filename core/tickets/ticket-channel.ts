/**
 * Where a ticket came from: a call to the hotline, a form on the citizen site (feedback, or a
 * rating from a unit's or desk's QR), or a service request an Open311 client posted. The
 * database's tickets_channel_known check lists the same.
 */
export const TICKET_CHANNELS = ['phone', 'web-feedback', 'web-rating', 'open311'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
