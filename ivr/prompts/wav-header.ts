/** What Asterisk needs to know to play a .wav: it reads only 8 kHz mono 16-bit PCM as `wav`. */
export interface WavFormat {
  /** 1 = PCM */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationSeconds: number;
}

export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

/** Reads a RIFF/WAVE header by walking its chunks (sox and recorders add LIST chunks before data). */
export function readWavFormat(bytes: Uint8Array, source = 'the file'): WavFormat {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new WavFormatError(`${source} is not a RIFF/WAVE file`);
  }
  let fmt: Omit<WavFormat, 'dataBytes' | 'durationSeconds'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16) throw new WavFormatError(`${source} has a truncated fmt chunk`);
      fmt = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (fmt === undefined) throw new WavFormatError(`${source} has its data chunk before the fmt chunk`);
      const dataBytes = Math.min(size, bytes.byteLength - body);
      const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, dataBytes, durationSeconds: bytesPerSecond > 0 ? dataBytes / bytesPerSecond : 0 };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError(`${source} has no ${fmt === undefined ? 'fmt' : 'data'} chunk`);
}

/** Why a file will not play as Asterisk's `wav` format, or null when it will. */
export function telephonyWavProblem(format: WavFormat): string | null {
  const problems = [
    format.audioFormat !== 1 && `encoding ${format.audioFormat} (want 1, PCM)`,
    format.sampleRate !== 8000 && `${format.sampleRate} Hz (want 8000)`,
    format.channels !== 1 && `${format.channels} channels (want 1)`,
    format.bitsPerSample !== 16 && `${format.bitsPerSample}-bit (want 16)`,
    format.dataBytes === 0 && 'no audio',
  ].filter((problem): problem is string => typeof problem === 'string');
  return problems.length === 0 ? null : problems.join(', ');
}
