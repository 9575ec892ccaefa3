import type { DocumentFonts } from './fonts.js';
import { CODE_SHEET_LABELS } from './i18n.js';
import { requireLocale } from './certificate.js';
import { A4, BOLD, PRODUCER, REGULAR, finish, newDocument, pdfDate } from './pdf.js';
import { Typesetter, cleanText, drawLine, drawLines, fitText } from './text.js';
import { CertificateContentError, type CodeSheetContent } from './types.js';

export const CARDS_PER_ROW = 2;
export const ROWS_PER_PAGE = 5;
export const CARDS_PER_PAGE = CARDS_PER_ROW * ROWS_PER_PAGE;
const MAX_PUPILS = 20_000;

const INK = '#1f2a33';
const MUTED = '#5d6b76';
const CUT = '#8a969f';

interface PrintablePupil {
  name: string;
  className: string;
  username: string;
  code: string;
}

function text(field: string, value: unknown, required: boolean): string {
  if (value == null && !required) return '';
  if (typeof value !== 'string') throw new CertificateContentError(field, required ? 'must be a string' : 'must be a string or null');
  const cleaned = cleanText(value);
  if (required && cleaned.length === 0) throw new CertificateContentError(field, 'must not be empty');
  return cleaned;
}

/**
 * Cut-out cards with pupils' one-time sign-in codes: A4 portrait, 2 × 5 cards per page,
 * dashed cut lines shared between neighbouring cards. Codes are secrets: they are never put
 * in the PDF metadata.
 */
export function renderCodeSheetPdf(sheet: CodeSheetContent, fonts: DocumentFonts): Promise<Buffer> {
  if (typeof sheet !== 'object' || sheet === null) throw new CertificateContentError('sheet', 'must be an object');
  const locale = requireLocale('locale', sheet.locale);
  const L = CODE_SHEET_LABELS[locale];
  const organizationName = text('organizationName', sheet.organizationName, true);
  const cohortName = text('cohortName', sheet.cohortName, true);
  const signInUrl = text('signInUrl', sheet.signInUrl, false);
  if (!Array.isArray(sheet.pupils) || sheet.pupils.length === 0) throw new CertificateContentError('pupils', 'must be a non-empty array');
  if (sheet.pupils.length > MAX_PUPILS) throw new CertificateContentError('pupils', `must have at most ${MAX_PUPILS} entries`);
  const pupils: PrintablePupil[] = sheet.pupils.map((p, i) => ({
    name: text(`pupils[${i}].name`, p.name, true),
    className: text(`pupils[${i}].className`, p.className, false),
    username: text(`pupils[${i}].username`, p.username, true),
    code: text(`pupils[${i}].code`, p.code, true),
  }));
  const generatedAt = sheet.generatedAt ?? new Date();
  if (!(generatedAt instanceof Date) || Number.isNaN(generatedAt.getTime())) throw new CertificateContentError('generatedAt', 'must be a valid Date');

  const date = pdfDate(generatedAt);
  const doc = newDocument(
    {
      size: 'A4',
      layout: 'portrait',
      lang: locale,
      displayTitle: true,
      info: {
        Title: `${L.title} — ${cohortName}`,
        Author: 'Kindling',
        Subject: `${organizationName} — ${cohortName}`,
        Creator: 'Kindling',
        Producer: PRODUCER,
        CreationDate: date,
        ModDate: date,
      },
    },
    fonts,
  );
  const ts = new Typesetter(doc, fonts.widths);

  const W = A4.short;
  const H = A4.long;
  const marginX = 28;
  const top = 44;
  const bottom = H - 24;
  const cardW = (W - 2 * marginX) / CARDS_PER_ROW;
  const cardH = (bottom - top) / ROWS_PER_PAGE;
  const pages = Math.ceil(pupils.length / CARDS_PER_PAGE);
  const heading = `${organizationName} · ${cohortName}`;
  const instruction = signInUrl ? L.instructionAt.replace('{url}', signInUrl) : L.instruction;
  const pad = 14;
  const innerW = cardW - 2 * pad;

  for (let page = 0; page < pages; page++) {
    doc.addPage({ size: 'A4', layout: 'portrait', margin: 0 });
    const pageLabel = L.page.replace('{page}', String(page + 1)).replace('{pages}', String(pages));
    const labelWidth = 90;
    drawLine(ts, heading, { font: REGULAR, size: 8.5, x: marginX, y: 20, width: W - 2 * marginX - labelWidth - 10, align: 'left', color: MUTED });
    drawLine(ts, pageLabel, { font: REGULAR, size: 8.5, x: W - marginX - labelWidth, y: 20, width: labelWidth, align: 'right', color: MUTED });

    const onPage = pupils.slice(page * CARDS_PER_PAGE, (page + 1) * CARDS_PER_PAGE);
    const used = (index: number): boolean => index >= 0 && index < onPage.length;

    // Cut lines: each card draws its top and left edge; right/bottom only where no neighbour will.
    doc.save();
    doc.lineWidth(0.6).strokeColor(CUT).dash(4, { space: 3 });
    onPage.forEach((_, i) => {
      const col = i % CARDS_PER_ROW;
      const row = Math.floor(i / CARDS_PER_ROW);
      const x = marginX + col * cardW;
      const y = top + row * cardH;
      doc.moveTo(x, y).lineTo(x + cardW, y);
      doc.moveTo(x, y).lineTo(x, y + cardH);
      if (col === CARDS_PER_ROW - 1 || !used(i + 1)) doc.moveTo(x + cardW, y).lineTo(x + cardW, y + cardH);
      if (!used(i + CARDS_PER_ROW)) doc.moveTo(x, y + cardH).lineTo(x + cardW, y + cardH);
    });
    doc.stroke();
    doc.restore();

    onPage.forEach((p, i) => {
      const x = marginX + (i % CARDS_PER_ROW) * cardW + pad;
      const y = top + Math.floor(i / CARDS_PER_ROW) * cardH + 12;
      drawLine(ts, heading, { font: REGULAR, size: 7.5, x, y, width: innerW, align: 'left', color: MUTED });
      const name = fitText(ts, p.name, { font: BOLD, maxSize: 15, minSize: 7, singleLineMin: 9, maxLines: 2, maxWidth: innerW, maxHeight: 19 * 1.2, lineHeight: 1.15 });
      drawLines(ts, name, x, y + 13, innerW, 'left', INK);
      if (p.className) {
        drawLine(ts, `${L.className}: ${p.className}`, { font: REGULAR, size: 9.5, x, y: y + 38, width: innerW, align: 'left', color: INK });
      }
      const half = (innerW - 10) / 2;
      drawLine(ts, L.username, { font: REGULAR, size: 8, x, y: y + 56, width: half, align: 'left', color: MUTED });
      drawLine(ts, p.username, { font: BOLD, size: 12.5, minSize: 5, x, y: y + 67, width: half, align: 'left', color: INK });
      drawLine(ts, L.code, { font: REGULAR, size: 8, x: x + half + 10, y: y + 56, width: half, align: 'left', color: MUTED });
      drawLine(ts, p.code, { font: BOLD, size: 15, minSize: 5, x: x + half + 10, y: y + 66, width: half, align: 'left', color: INK });
      const instr = fitText(ts, instruction, { font: REGULAR, maxSize: 7.5, minSize: 5, maxLines: 4, maxWidth: innerW, maxHeight: 36, lineHeight: 1.25 });
      drawLines(ts, instr, x, y + 92, innerW, 'left', MUTED);
    });
  }
  return finish(doc);
}
