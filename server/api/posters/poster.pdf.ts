import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../../core/errors';
import type { PosterContent, PosterSize } from './poster.content';

/** Debian's fonts-dejavu-core: the PDF's standard fonts have no Vietnamese letters (ư, ơ, ạ, ...). */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

export class PosterFontMissingError extends AppError {
  constructor(file: string) {
    super(
      503,
      'poster-font-missing',
      `Posters need the DejaVu font at ${file}: apt-get install fonts-dejavu-core`,
      {
        file,
      },
    );
  }
}

/**
 * pdfkit and qrcode, loaded at the first poster or QR: reading them takes ~0.16 s that every
 * start-up spent before /healthz, for pages rarely asked.
 */
async function libraries() {
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([
    import('pdfkit'),
    import('qrcode'),
  ]);
  return { PDFDocument, QRCode };
}

type QrCodes = Awaited<ReturnType<typeof libraries>>['QRCode'];

function fontFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  if (!existsSync(file)) throw new PosterFontMissingError(file);
  return file;
}

/** The QR's dark modules as filled squares: vector, sharp at any print size, black on white. */
function drawQr(
  QRCode: QrCodes,
  doc: PDFKit.PDFDocument,
  url: string,
  x: number,
  y: number,
  size: number,
): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cell = size / (modules.size + 2 * quiet);
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fillColor('black').fill();
}

/**
 * Lays a poster out on one A4 or A5 page, in black only (it is printed on office printers), and
 * writes it to `out`. Checks the fonts first, so a missing font is a clear error, not half a PDF.
 */
export async function writePosterPdf(
  content: PosterContent,
  size: PosterSize,
  out: Writable,
  fontDir = DEJAVU_DIR,
): Promise<void> {
  const regular = fontFile(fontDir, 'DejaVuSans.ttf');
  const bold = fontFile(fontDir, 'DejaVuSans-Bold.ttf');
  const { PDFDocument, QRCode } = await libraries();
  const doc = new PDFDocument({
    size,
    margin: 0,
    info: {
      Title: `${content.title}${content.subtitle ? ` — ${content.subtitle}` : ''}`,
      Creator: 'hotline',
    },
  });
  doc.registerFont('regular', regular).registerFont('bold', bold);
  doc.pipe(out);
  const width = doc.page.width;
  const scale = width / 595.28; // A4's width in points; A5 scales everything down.
  const margin = 40 * scale;
  const text = (font: string, points: number, value: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc
      .font(font)
      .fontSize(points * scale)
      .fillColor('black')
      .text(value, margin, doc.y, { width: width - 2 * margin, align: 'center', ...options });

  doc.y = margin;
  text('bold', 30, content.heading);
  doc.moveDown(0.3);
  text('bold', 24, content.title);
  if (content.subtitle) text('regular', 20, content.subtitle);
  doc.moveDown(0.5);
  const qrSize = 300 * scale;
  const qrTop = doc.y;
  drawQr(QRCode, doc, content.qrUrl, (width - qrSize) / 2, qrTop, qrSize);
  doc.y = qrTop + qrSize;
  text('regular', 16, content.qrCaption);
  text('regular', 11, content.qrUrl, { link: content.qrUrl });
  doc.moveDown(0.8);
  if (content.hotlineLine) text('bold', 22, content.hotlineLine);
  if (content.call)
    text('regular', 18, `${content.call.label}: ${content.call.shown}`, { link: `tel:${content.call.tel}` });
  doc.end();
}

/** The QR alone, for a sign maker or a web page: SVG (vector) or PNG (1024 px square). */
export async function qrImage(url: string, format: 'svg' | 'png'): Promise<string | Buffer> {
  const { QRCode } = await libraries();
  const options = {
    errorCorrectionLevel: 'M' as const,
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  };
  return format === 'svg'
    ? QRCode.toString(url, { ...options, type: 'svg' })
    : QRCode.toBuffer(url, { ...options, type: 'png', width: 1024 });
}
