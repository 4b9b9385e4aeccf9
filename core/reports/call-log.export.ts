import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import { localDateTime } from '../domain/calendar';
import type { CallLogRow } from '../tickets/ticket-record';
import { CHANNEL_TERMS, GLOSSARY, OUTCOME_TERMS, RATING_TERMS, STATUS_TERMS } from './glossary';

export interface CallLogWriteOptions {
  sheetName: string;
  /** Times are printed as wall-clock time of this zone (spreadsheets have no time zones). */
  timeZone: string;
}

type Cell = string | number | Date | null;

interface Column {
  header: string;
  width: number;
  /** Dates are instants; each writer prints them as wall-clock time of the zone. */
  value(row: CallLogRow): Cell;
  numFmt?: string;
}

const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

const COLUMNS: readonly Column[] = [
  { header: GLOSSARY.ticketCode.vi, width: 18, value: (row) => row.code },
  {
    header: GLOSSARY.receivedAt.vi,
    width: 20,
    value: (row) => row.receivedAt,
    numFmt: DATE_TIME_FORMAT,
  },
  { header: GLOSSARY.channel.vi, width: 22, value: (row) => CHANNEL_TERMS[row.channel].vi },
  { header: GLOSSARY.unitCode.vi, width: 10, value: (row) => row.unitCode },
  { header: GLOSSARY.unit.vi, width: 28, value: (row) => row.unitName },
  { header: GLOSSARY.caller.vi, width: 16, value: (row) => row.callerNumber },
  {
    header: GLOSSARY.outcome.vi,
    width: 18,
    value: (row) => (row.outcome ? OUTCOME_TERMS[row.outcome].vi : null),
  },
  { header: `${GLOSSARY.wait.vi} (giây)`, width: 10, value: (row) => row.waitSeconds },
  { header: `${GLOSSARY.talk.vi} (giây)`, width: 14, value: (row) => row.talkSeconds },
  { header: GLOSSARY.answeredBy.vi, width: 22, value: (row) => row.answeredByName },
  {
    header: GLOSSARY.rating.vi,
    width: 16,
    value: (row) => (row.rating ? RATING_TERMS[row.rating].vi : null),
  },
  { header: GLOSSARY.status.vi, width: 14, value: (row) => STATUS_TERMS[row.status].vi },
  { header: GLOSSARY.needsCallback.vi, width: 11, value: (row) => (row.needsCallback ? 'Có' : 'Không') },
  { header: GLOSSARY.category.vi, width: 20, value: (row) => row.category },
  { header: GLOSSARY.summary.vi, width: 60, value: (row) => row.summary },
  {
    header: GLOSSARY.dueAt.vi,
    width: 20,
    value: (row) => row.dueAt,
    numFmt: DATE_TIME_FORMAT,
  },
];

/** The report's column headers, in order. */
export const CALL_LOG_HEADERS: readonly string[] = COLUMNS.map((column) => column.header);

/** A Date whose UTC fields are the local wall-clock time: Excel stores times without a zone. */
function wallClock(at: Date, timeZone: string): Date {
  const local = localDateTime(at, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

const ROWS_PER_CHECK = 100;

interface Drainable {
  writableNeedDrain?: boolean;
  /** readable-stream 3 (exceljs's and archiver's) keeps the flag only here. */
  _writableState?: { needDrain?: boolean };
}

async function drained(stream: Drainable | undefined): Promise<void> {
  if (stream?.writableNeedDrain ?? stream?._writableState?.needDrain) {
    await once(stream as NodeJS.EventEmitter, 'drain');
  }
}

/** Excel refuses sheet names over 31 characters or with any of \\ / ? * [ ] : in them. */
function excelSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '-').slice(0, 31) || 'Sheet1';
}

/**
 * exceljs hands each 64 KB of sheet XML to the zip without waiting for it to be taken, so a fast
 * row source would pile the whole sheet up in memory. Waiting for the zip's input (found through
 * the sheet stream's `pipes`, exceljs 4 internals; without them this only waits for `out`) and
 * for `out` to drain keeps memory flat.
 */
async function waitForRoom(sheet: ExcelJS.Worksheet, out: NodeJS.WritableStream): Promise<void> {
  const sheetStream = (sheet as unknown as { stream?: { pipes?: Drainable[] } }).stream;
  for (const zipInput of sheetStream?.pipes ?? []) await drained(zipInput);
  await drained(out as Drainable);
}

/**
 * Streams the rows as an XLSX workbook of one sheet (header row frozen) into `out`, which is ended
 * when the workbook is complete. Rows are written as they arrive, never held all at once.
 */
export async function writeCallLogXlsx(
  rows: AsyncIterable<CallLogRow>,
  out: NodeJS.WritableStream,
  options: CallLogWriteOptions,
): Promise<void> {
  // Loaded on the first export: exceljs is the slowest module of the service to load.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream: out as unknown as import('node:stream').Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Đường dây nóng Chủ tịch';
  const sheet = workbook.addWorksheet(excelSheetName(options.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((column, index) => ({
    key: `c${index}`,
    header: column.header,
    width: column.width,
    ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of rows) {
    const cells = COLUMNS.map((column) => {
      const value = column.value(row);
      return value instanceof Date ? wallClock(value, options.timeZone) : value;
    });
    sheet.addRow(cells).commit();
    count += 1;
    if (count % ROWS_PER_CHECK === 0) await waitForRoom(sheet, out);
  }
  sheet.commit();
  await workbook.commit();
}

const CSV_BOM = '\uFEFF';
// A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: Cell, timeZone: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = value instanceof Date ? localDateTime(value, timeZone).toFormat('yyyy-MM-dd HH:mm:ss') : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(cells: readonly Cell[], timeZone: string): string {
  return `${cells.map((cell) => csvField(cell, timeZone)).join(',')}\r\n`;
}

/**
 * Streams the rows as CSV into `out` (ended when done): UTF-8 with a byte-order mark so Excel reads
 * the Vietnamese correctly, CRLF line ends, times as 'YYYY-MM-DD HH:mm:ss' in the zone. Cells that a
 * spreadsheet would run as formulas get a leading apostrophe. `sheetName` is not used by CSV.
 */
export async function writeCallLogCsv(
  rows: AsyncIterable<CallLogRow>,
  out: NodeJS.WritableStream,
  options: CallLogWriteOptions,
): Promise<void> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(CSV_BOM + csvLine(CALL_LOG_HEADERS, options.timeZone));
  for await (const row of rows) {
    await write(
      csvLine(
        COLUMNS.map((column) => column.value(row)),
        options.timeZone,
      ),
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
}
