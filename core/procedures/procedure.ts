/**
 * An administrative procedure (thủ tục hành chính) as the catalogue keeps it: what the citizen
 * brings, pays and waits, under which instruments, where. Fees and processing time are text, as
 * the published procedure sheets word them ("Miễn phí", "Trong ngày; nếu nộp sau 15 giờ..."):
 * they depend on cases a number would hide.
 */
export interface Procedure {
  id: number;
  /** The procedure's address on the citizen site (/p/tt/CODE): lower-case letters, digits, '.', '-'. */
  code: string;
  name: string;
  /** The documents to bring (thành phần hồ sơ), in order. */
  documents: string[];
  fees: string;
  processingTime: string;
  /** The legal instruments it rests on (căn cứ pháp lý), one per line. */
  legalBasis: string[];
  /** The unit that handles it; null when every ward does. */
  unitId: number | null;
  /** Its page on the national public service portal (https://dichvucong.gov.vn/...). */
  portalUrl: string | null;
  /** What else the citizen should know (where to file, deadlines, what the office still checks). */
  notes: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What a new procedure is made of; the store gives it its id, active flag and times. */
export type NewProcedure = Omit<Procedure, 'id' | 'active' | 'createdAt' | 'updatedAt'>;

/** A change to a procedure: any of its fields, the active flag included. */
export type ProcedureChange = Partial<Omit<Procedure, 'id' | 'createdAt' | 'updatedAt'>>;

/** The shape a procedure's code must have (the database checks the same pattern). */
export const PROCEDURE_CODE_PATTERN = /^[a-z0-9][a-z0-9.-]{0,39}$/;
