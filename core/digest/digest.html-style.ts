/** The e-mail's shared look: inline styles and the few building blocks every section uses. */
export const COLOURS = {
  ink: '#1a202c',
  muted: '#4a5568',
  line: '#e2e8f0',
  head: '#edf2f7',
  bar: '#2b6cb0',
  warn: '#c53030',
};
export const FONT = 'font-family:Arial,Helvetica,sans-serif;';
export const CELL = `padding:6px 8px;border-bottom:1px solid ${COLOURS.line};${FONT}font-size:13px;color:${COLOURS.ink};`;
export const NUM = `${CELL}text-align:right;white-space:nowrap;`;
export const TABLE = `role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"`;

export function escapeHtml(text: string): string {
  return text
    .normalize('NFC')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function heading(text: string): string {
  return `<h2 style="${FONT}font-size:16px;color:${COLOURS.ink};margin:24px 0 8px;">${escapeHtml(text)}</h2>`;
}

export function muted(text: string): string {
  return `<p style="${FONT}font-size:13px;color:${COLOURS.muted};margin:4px 0;">${escapeHtml(text)}</p>`;
}

/** A unit's name on a row of its own, the table's whole width, so it never squeezes into a column. */
export function unitNameRow(name: string, span: number): string {
  return `<tr><td colspan="${span}" class="unit" style="${FONT}font-size:14px;font-weight:bold;color:${COLOURS.ink};padding:10px 8px 2px;">${escapeHtml(name)}</td></tr>`;
}
