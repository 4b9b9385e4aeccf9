import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReading {
  pages: number;
  /** The first page's width and height in points. */
  size: [number, number];
  /** The first page's text, its lines joined by newlines. */
  text: string;
  /** The URIs of the first page's link annotations. */
  links: string[];
}

/** Opens a PDF with Mozilla's pdf.js, as a browser would, and reads its first page. */
export async function pdfText(bytes: Buffer): Promise<PdfReading> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  try {
    const page = await pdf.getPage(1);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''))
      .join('');
    const annotations = (await page.getAnnotations()) as Array<{ url?: string; unsafeUrl?: string }>;
    return {
      pages: pdf.numPages,
      size: [Math.round((width ?? 0) * 100) / 100, Math.round((height ?? 0) * 100) / 100],
      text,
      links: annotations.map((a) => a.url ?? a.unsafeUrl ?? '').filter((url) => url !== ''),
    };
  } finally {
    await pdf.destroy();
  }
}
