import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sampleOrganisation } from '../../core/seed/organisation.load';
import { parseManifest } from '../../ivr/prompts/manifest';
import { promptFileName, promptSources } from '../../ivr/prompts/prompt-set';
import { readWavFormat, telephonyWavProblem, WavFormatError } from '../../ivr/prompts/wav-header';

const SOUNDS = path.resolve(__dirname, '..', '..', 'ivr', 'sounds', 'vi');

function wav(options: {
  rate: number;
  channels: number;
  bits: number;
  extraChunk?: boolean;
  samples?: number;
}) {
  const data = Buffer.alloc((options.samples ?? 8) * options.channels * (options.bits / 8));
  const extra = options.extraChunk
    ? Buffer.concat([Buffer.from('LIST'), u32(3), Buffer.from('abc\0')])
    : Buffer.alloc(0);
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(options.channels, 2);
  fmt.writeUInt32LE(options.rate, 4);
  fmt.writeUInt32LE(options.rate * options.channels * (options.bits / 8), 8);
  fmt.writeUInt16LE(options.channels * (options.bits / 8), 12);
  fmt.writeUInt16LE(options.bits, 14);
  const body = Buffer.concat([
    Buffer.from('WAVE'),
    Buffer.from('fmt '),
    u32(16),
    fmt,
    extra,
    Buffer.from('data'),
    u32(data.length),
    data,
  ]);
  return Buffer.concat([Buffer.from('RIFF'), u32(body.length), body]);
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

describe('WAV header reader', () => {
  it('reads a telephony file, skipping chunks before data', () => {
    const format = readWavFormat(wav({ rate: 8000, channels: 1, bits: 16, extraChunk: true, samples: 8000 }));
    assert.deepEqual(format, {
      audioFormat: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      dataBytes: 16000,
      durationSeconds: 1,
    });
    assert.equal(telephonyWavProblem(format), null);
  });

  it('names what is wrong with a file Asterisk would not play as wav', () => {
    const format = readWavFormat(wav({ rate: 22050, channels: 2, bits: 8 }));
    assert.equal(telephonyWavProblem(format), '22050 Hz (want 8000), 2 channels (want 1), 8-bit (want 16)');
    assert.throws(() => readWavFormat(Buffer.from('ID3 not a wave file'), 'song.mp3'), WavFormatError);
  });
});

describe('committed prompts for the sample district', () => {
  const units = sampleOrganisation().units.filter((unit) => unit.active);
  const sources = promptSources(units);
  const manifest = parseManifest(readFileSync(path.join(SOUNDS, 'manifest.json'), 'utf8'), 'manifest.json');

  it('has a file for every phrase, digit and unit', () => {
    assert.equal(sources.length, 27 + 10 + units.length);
  });

  for (const source of sources) {
    it(`${source.id}.wav is 8 kHz mono 16-bit PCM and matches its wording`, () => {
      const file = path.join(SOUNDS, promptFileName(source.id));
      const bytes = readFileSync(file);
      const format = readWavFormat(bytes, file);
      assert.equal(telephonyWavProblem(format), null);
      assert.ok(format.durationSeconds > 0.2 && format.durationSeconds < 20, `${format.durationSeconds} s`);
      const entry = manifest.entries[source.id];
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // A human recording (hash differs from the manifest) is fine; a generated file must speak today's text.
      if (entry !== undefined && entry.sha256 === sha256) {
        assert.equal(
          entry.text,
          source.text,
          `${source.id} was generated from older wording: run npm run prompts`,
        );
      }
    });
  }
});
