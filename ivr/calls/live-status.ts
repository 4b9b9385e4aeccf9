import type { CallStage } from '../../core/tickets/call-ticket';

/** Who a call is ringing or talking with. */
export interface LiveParty {
  contactId: number;
  name: string;
}

/** One call as the live board shows it: where it is, since when, and with whom. */
export interface LiveCall {
  callId: string;
  /** A citizen's call to the hotline, or a callback an official placed from a ticket. */
  kind: 'citizen' | 'callback';
  stage: CallStage;
  /** When the call entered its current stage. */
  since: Date;
  receivedAt: Date;
  /** E.164, or null when the caller withheld it; masking is the reader's business. */
  callerNumber: string | null;
  unit: { id: number; code: string; name: string } | null;
  party: LiveParty | null;
  /** The ticket a callback was placed from. */
  ticketId?: number;
  /** True for a callback placed from a confidential ticket, and for a citizen's confidential complaint. */
  confidential?: boolean;
  /**
   * True for a confidential complaint to the chairman (core/tickets/confidentiality.ts), a citizen's
   * call from the moment they press its key: unit staff never see it.
   */
  leaderOnly?: boolean;
}

/**
 * The part of a call the live board reads, updated as the call moves; every change calls
 * `onChange` (the router coalesces what it pushes, so this stays a plain callback).
 */
export class LiveStatus {
  private current: { stage: CallStage; since: Date; party: LiveParty | null };

  constructor(
    private readonly onChange: () => void,
    stage: CallStage,
    at = new Date(),
  ) {
    this.current = { stage, since: at, party: null };
  }

  get stage(): CallStage {
    return this.current.stage;
  }

  get since(): Date {
    return this.current.since;
  }

  get party(): LiveParty | null {
    return this.current.party;
  }

  /** A new stage; the party carries into 'talking' (the one who answered) and clears otherwise. */
  enter(stage: CallStage, at = new Date()): void {
    const party = stage === 'talking' ? this.current.party : null;
    this.current = { stage, since: at, party };
    this.onChange();
  }

  /** The target being rung now (or the one who took the call). */
  with(party: LiveParty | null): void {
    this.current = { ...this.current, party };
    this.onChange();
  }
}
