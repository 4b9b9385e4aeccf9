/** The admin web app routes in the URL's fragment: '/#/tickets/12' opens ticket 12 after sign-in. */
export const ticketLink = (ticket: { id: number }, publicUrl: string): string =>
  `${publicUrl}/#/tickets/${ticket.id}`;
