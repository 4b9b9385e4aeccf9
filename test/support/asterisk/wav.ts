/** A PCM WAV (8 kHz mono 16-bit, like the IVR's prompts) of `durationMs` of a quiet 400 Hz tone. */
export function wavBytes(durationMs: number): Buffer {
  const sampleRate = 8000;
  const samples = Math.max(1, Math.round((sampleRate * durationMs) / 1000));
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 400 * i) / sampleRate)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Duration of a PCM WAV file from its header, or undefined when it is not one we can read. */
export function wavDurationMs(bytes: Buffer): number | undefined {
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF') return undefined;
  const byteRate = bytes.readUInt32LE(28);
  return byteRate > 0 ? Math.round(((bytes.length - 44) / byteRate) * 1000) : undefined;
}
