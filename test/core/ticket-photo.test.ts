import assert from 'node:assert/strict';
import { imageFormatOf } from '../../core/tickets/ticket-photo';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

describe('what a file is, by its magic bytes', () => {
  const cases: Array<[string, Buffer, ReturnType<typeof imageFormatOf>]> = [
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe1]), 'jpeg'],
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n'), 'png'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['GIF89a', bytes('GIF89a'), 'gif'],
    ['GIF87a', bytes('GIF87a'), 'gif'],
    ['a phone HEIC', bytes([0, 0, 0, 24], 'ftypheic'), 'heif'],
    ['AVIF', bytes([0, 0, 0, 32], 'ftypavif'), 'heif'],
    ['an MP4 video', bytes([0, 0, 0, 32], 'ftypisom'), null],
    ['a text file named .jpg', bytes('Xin chào'), null],
    ['an SVG (script inside a picture)', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), null],
    ['a PDF', bytes('%PDF-1.7'), null],
    ['two bytes of JPEG', bytes([0xff, 0xd8]), null],
    ['nothing', bytes(), null],
  ];
  for (const [what, file, format] of cases) {
    it(`${what}: ${format ?? 'refused'}`, () => assert.equal(imageFormatOf(file), format));
  }
});
