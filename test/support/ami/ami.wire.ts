/**
 * The AMI line protocol as Asterisk's manager.c speaks it: a message is `Key: Value` lines ending
 * in CRLF, closed by an empty line. Header names are matched case-insensitively (astman_get_header).
 */

export type AmiFields = ReadonlyArray<readonly [string, string]>;

/** One message from a client, with case-insensitive lookup of its headers. */
export class AmiMessage {
  constructor(readonly fields: AmiFields) {}

  get(name: string): string {
    const wanted = name.toLowerCase();
    return this.fields.find(([key]) => key.toLowerCase() === wanted)?.[1] ?? '';
  }

  get action(): string {
    return this.get('Action');
  }

  get actionId(): string {
    return this.get('ActionID');
  }
}

/** Encodes a message the way astman_append writes it. */
export function formatMessage(fields: AmiFields): string {
  return `${fields.map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n\r\n`;
}

/** Splits what arrived so far into complete messages; `rest` is an unfinished message to keep. */
export function parseMessages(buffered: string): { messages: AmiMessage[]; rest: string } {
  const messages: AmiMessage[] = [];
  const blocks = buffered.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const fields = block
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line): [string, string] => {
        const colon = line.indexOf(':');
        return colon < 0 ? [line.trim(), ''] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      });
    if (fields.length > 0) messages.push(new AmiMessage(fields));
  }
  return { messages, rest };
}
