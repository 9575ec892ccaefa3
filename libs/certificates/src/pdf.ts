import PDFDocument from 'pdfkit';
import type { DocumentFonts } from './fonts.js';

export const REGULAR = 'K-Regular';
export const BOLD = 'K-Bold';

/** A4 in PDF points. */
export const A4 = { short: 595.28, long: 841.89 } as const;

export const PRODUCER = 'Kindling certificates (PDFKit)';

/**
 * Creates a document with the two fonts registered as REGULAR and BOLD. Everything from here
 * to `finish()` runs synchronously, so documents never interleave on the shared fonts.
 */
export function newDocument(options: PDFKit.PDFDocumentOptions, fonts: DocumentFonts): PDFKit.PDFDocument {
  fonts.beginDocument();
  // font: '' skips loading the default Helvetica metrics (an AFM parse per document).
  const doc = new PDFDocument({ margin: 0, autoFirstPage: false, font: '', ...options });
  doc.registerFont(REGULAR, fonts.fonts.regular);
  doc.registerFont(BOLD, fonts.fonts.bold);
  return doc;
}

/**
 * Ends the document and collects it. pdfkit writes synchronously during `end()`, so a document
 * never interleaves with another one even when several renders run concurrently.
 */
export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** PDF dates have one-second precision; trimming keeps the file ID stable for equal seconds. */
export function pdfDate(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}
