/**
 * PDF/A-3b and tagged-PDF support on top of pdfkit 0.20.
 *
 * pdfkit does most of it when asked (`subset: 'PDF/A-3b'` writes the pdfaid XMP part and an sRGB
 * output intent with the ICC profile it ships, `tagged: true` the MarkInfo and structure tree),
 * and the DejaVu fonts are always embedded as subsets. Two things are added here:
 * - the XMP packet's document-information part, written with XML escaping (pdfkit pastes Title
 *   and Subject into the XML unescaped, so a name like "Anna & Bo" would break the packet) and
 *   with `xmp:ModifyDate`, which PDF/A requires to match the Info dictionary's ModDate;
 * - the credential as an associated file (`/AF` on the catalog, `AFRelationship /Alternative`),
 *   listed in the EmbeddedFiles name tree so ordinary viewers and `pdfdetach` find it.
 */

export const CREDENTIAL_FILE_NAME = 'credential.json';
export const PDFA_SUBSET = 'PDF/A-3b';

/** Document options that make a PDF/A-3b, tagged document (PDF 1.7: PDF/A-3 is based on it). */
export function archivalOptions(): Pick<PDFKit.PDFDocumentOptions, 'pdfVersion' | 'subset' | 'tagged'> {
  return { pdfVersion: '1.7', subset: PDFA_SUBSET, tagged: true };
}

function xml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function xmpDate(d: Date): string {
  return `${d.toISOString().split('.')[0]}Z`;
}

interface PdfkitInternals {
  info: { Title?: string; Author?: string; Subject?: string; Keywords?: string; Creator?: string; Producer?: string; CreationDate: Date; ModDate?: Date };
  appendXML(xml: string, newline?: boolean): void;
  _addInfo: () => void;
}

/**
 * Replaces pdfkit's XMP document-information writer on this document with one that escapes the
 * values and mirrors every Info entry PDF/A asks about (dc:title, dc:creator, dc:description,
 * pdf:Keywords, pdf:Producer, xmp:CreatorTool, xmp:CreateDate, xmp:ModifyDate).
 */
export function useEscapedXmpInfo(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as PdfkitInternals;
  d._addInfo = function addInfo(this: PdfkitInternals): void {
    const i = this.info;
    const parts = [
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
      `<xmp:CreateDate>${xmpDate(i.CreationDate)}</xmp:CreateDate>`,
      i.ModDate ? `<xmp:ModifyDate>${xmpDate(i.ModDate)}</xmp:ModifyDate>` : '',
      i.Creator ? `<xmp:CreatorTool>${xml(i.Creator)}</xmp:CreatorTool>` : '',
      `</rdf:Description>`,
      `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
      `<dc:format>application/pdf</dc:format>`,
      i.Title ? `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(i.Title)}</rdf:li></rdf:Alt></dc:title>` : '',
      i.Author ? `<dc:creator><rdf:Seq><rdf:li>${xml(i.Author)}</rdf:li></rdf:Seq></dc:creator>` : '',
      i.Subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(i.Subject)}</rdf:li></rdf:Alt></dc:description>` : '',
      `</rdf:Description>`,
      `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
      i.Producer ? `<pdf:Producer>${xml(i.Producer)}</pdf:Producer>` : '',
      i.Keywords ? `<pdf:Keywords>${xml(i.Keywords)}</pdf:Keywords>` : '',
      `</rdf:Description>`,
    ];
    this.appendXML(parts.filter(Boolean).join('\n'));
  };
}

/** Draws decorative content (frame, rules) as an artifact, outside the structure tree. */
export function markArtifact(doc: PDFKit.PDFDocument, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

/**
 * Embeds the signed credential as `credential.json`, an associated file of the document
 * (PDF/A-3 § 6.8: MIME subtype, ModDate, AFRelationship). Dated with the issue time so the
 * output stays deterministic.
 */
export function attachCredential(doc: PDFKit.PDFDocument, json: string, o: { issuedAt: Date; description: string }): void {
  const at = new Date(Math.floor(o.issuedAt.getTime() / 1000) * 1000);
  // pdfkit 0.20 supports `relationship` (AFRelationship); its typings do not list it yet.
  const options = {
    name: CREDENTIAL_FILE_NAME,
    type: 'application/json',
    relationship: 'Alternative',
    description: o.description,
    creationDate: at,
    modifiedDate: at,
  };
  doc.file(Buffer.from(json, 'utf8'), options as PDFKit.Mixins.PDFAttachmentOptions);
}
