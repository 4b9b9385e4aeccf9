import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Where the test photo says it was taken (Hà Nội), as EXIF GPS rationals. */
export const PHOTO_GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '21/1 3/1 0/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '105/1 46/1 0/1',
};
export const PHOTO_CAMERA = 'CheapPhone A1';

/**
 * A phone's JPEG as it leaves the camera: 3200×2000 pixels stored sideways (left half red, right
 * half blue) with EXIF orientation 6 (turn 90° clockwise to view), the camera's make, GPS
 * coordinates and a Display P3 ICC profile. Viewed upright it is 2000 wide and 3200 tall, red on top.
 */
export async function phonePhotoJpeg(): Promise<Buffer> {
  const blueHalf = await sharp({
    create: { width: 1600, height: 2000, channels: 3, background: '#0000ff' },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width: 3200, height: 2000, channels: 3, background: '#ff0000' } })
    .composite([{ input: blueHalf, left: 1600, top: 0 }])
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: PHOTO_CAMERA, Model: PHOTO_CAMERA }, IFD3: PHOTO_GPS })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A small PNG with transparency (a screenshot, a drawing). */
export function smallPng(width = 200, height = 100): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** An animated GIF of three frames, red, blue then green. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width: 30, height: 20, channels: 3, background: colour } })
      .png()
      .toBuffer();
  const frames = await Promise.all(['#ff0000', '#0000ff', '#00ff00'].map(frame));
  return sharp(frames, { join: { animated: true } })
    .gif()
    .toBuffer();
}

/**
 * A decompression bomb: a valid PNG of a few dozen bytes whose header claims 20000×20000 pixels
 * (400 megapixels, 1.2 GB decoded); its chunk checksum is right, so only the pixel limit stops it.
 */
export async function pixelBombPng(): Promise<Buffer> {
  const bomb = Buffer.from(await smallPng(1, 1));
  bomb.writeUInt32BE(20_000, 16);
  bomb.writeUInt32BE(20_000, 20);
  bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
  return bomb;
}

/** The colour of one pixel of a picture. */
export async function pixelAt(
  image: Buffer,
  x: number,
  y: number,
): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  const [r = 0, g = 0, b = 0] = data.subarray(at, at + 3);
  return { r, g, b };
}
