/**
 * node-postgres and PGlite disagree on a few types (int8 and count(*) come back as strings from
 * one and numbers from the other). Every connection of either kind uses these parsers, so queries
 * return the same JavaScript types whichever database runs underneath.
 */
export const PG_OID = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TEXT_ARRAY: 1009,
  INT8_ARRAY: 1016,
  NUMERIC_ARRAY: 1231,
  DATE_ARRAY: 1182,
} as const;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} does not fit a JavaScript number`);
  }
  return value;
}

/** Text-format parsers by type OID; dates stay 'YYYY-MM-DD' strings so no time zone shifts them. */
export const TEXT_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [PG_OID.INT8]: parseInt8,
  [PG_OID.NUMERIC]: Number,
  [PG_OID.DATE]: (text) => text,
};

/**
 * Arrays of the types above, to their element type. PGlite already parses array elements with
 * TEXT_PARSERS; node-postgres has array parsers of its own (int8[] as strings, date[] as local
 * midnights), so its connections map the elements through the same functions.
 */
export const ARRAY_ELEMENT_OID: Readonly<Record<number, number>> = {
  [PG_OID.INT8_ARRAY]: PG_OID.INT8,
  [PG_OID.NUMERIC_ARRAY]: PG_OID.NUMERIC,
  [PG_OID.DATE_ARRAY]: PG_OID.DATE,
};
