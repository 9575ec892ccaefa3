import type { DocumentFonts } from './fonts.js';
import { CERTIFICATE_LABELS, formattersFor } from './i18n.js';
import { A4, BOLD, PRODUCER, REGULAR, finish, newDocument, pdfDate } from './pdf.js';
import { drawQrCode } from './qr.js';
import { Typesetter, cleanText, drawLine, drawLines, fitText } from './text.js';
import { CERTIFICATE_LOCALES, CertificateContentError, type CertificateContent, type CertificateLocale } from './types.js';

const MAX_URL_LENGTH = 512;

/** Validated, cleaned text of one certificate, with labels and formatted values. */
export interface PrintableCertificate {
  locale: CertificateLocale;
  number: string;
  holderName: string;
  courseTitle: string;
  hoursLine: string;
  accreditationLine: string;
  completedOn: string;
  organizationName: string;
  verificationUrl: string;
  issuedAt: Date;
  labels: (typeof CERTIFICATE_LABELS)[CertificateLocale];
}

function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new CertificateContentError(field, 'must be a string');
  const cleaned = cleanText(value);
  if (cleaned.length === 0) throw new CertificateContentError(field, 'must not be empty');
  return cleaned;
}

function optionalText(field: string, value: unknown): string {
  if (value == null) return '';
  if (typeof value !== 'string') throw new CertificateContentError(field, 'must be a string or null');
  return cleanText(value);
}

function requireDate(field: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new CertificateContentError(field, 'must be a valid Date');
  return value;
}

export function requireLocale(field: string, value: unknown): CertificateLocale {
  if (typeof value === 'string' && (CERTIFICATE_LOCALES as readonly string[]).includes(value)) return value as CertificateLocale;
  throw new CertificateContentError(field, `must be one of ${CERTIFICATE_LOCALES.join(', ')}`);
}

/** The QR code must encode exactly this string, so it is checked, never rewritten. */
function requireUrl(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new CertificateContentError(field, 'must be a non-empty string');
  if (value.length > MAX_URL_LENGTH) throw new CertificateContentError(field, `must be at most ${MAX_URL_LENGTH} characters`);
  if (/[\s\p{Cc}]/u.test(value)) throw new CertificateContentError(field, 'must not contain spaces or control characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CertificateContentError(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CertificateContentError(field, 'must be an http(s) URL');
  return value;
}

export function prepareCertificate(content: CertificateContent): PrintableCertificate {
  if (typeof content !== 'object' || content === null) throw new CertificateContentError('content', 'must be an object');
  const locale = requireLocale('locale', content.locale);
  const labels = CERTIFICATE_LABELS[locale];
  const fmt = formattersFor(locale);
  const hours = content.hours;
  if (hours !== null && (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0)) {
    throw new CertificateContentError('hours', 'must be a finite number ≥ 0 or null');
  }
  const body = optionalText('accreditationBody', content.accreditationBody);
  const reference = optionalText('accreditationReference', content.accreditationReference);
  const accreditation = [body && `${labels.accreditedBy} ${body}`, reference && `${labels.reference} ${reference}`].filter(Boolean);
  return {
    locale,
    number: requireText('number', content.number),
    holderName: requireText('holderName', content.holderName),
    courseTitle: requireText('courseTitle', content.courseTitle),
    hoursLine: hours === null ? '' : fmt.hoursLabel(hours, labels),
    accreditationLine: accreditation.join(' · '),
    completedOn: fmt.date(requireDate('completedAt', content.completedAt)),
    organizationName: optionalText('organizationName', content.organizationName),
    verificationUrl: requireUrl('verificationUrl', content.verificationUrl),
    issuedAt: requireDate('issuedAt', content.issuedAt),
    labels,
  };
}

export function certificateDocumentOptions(c: PrintableCertificate): PDFKit.PDFDocumentOptions {
  const date = pdfDate(c.issuedAt);
  return {
    size: 'A4',
    layout: 'landscape',
    lang: c.locale,
    displayTitle: true,
    info: {
      Title: `${c.labels.title} ${c.number}`,
      Author: 'Kindling',
      Subject: `${c.courseTitle} — ${c.holderName}`,
      Keywords: c.number,
      Creator: 'Kindling',
      Producer: PRODUCER,
      CreationDate: date,
      ModDate: date,
    },
  };
}

const INK = '#1f2a33';
const MUTED = '#5d6b76';
const ACCENT = '#2e6b66';
const WARM = '#b3925c';

/**
 * The certificate page: A4 landscape, centred, with generous white space. Every field is
 * fitted into a fixed box (shrinks, wraps, and only as a last resort is ellipsised), and text
 * is drawn with `lineBreak: false`, so nothing can spill onto a second page.
 */
export function drawCertificate(ts: Typesetter, c: PrintableCertificate, opts: { qr: boolean }): void {
  const doc = ts.doc;
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
  const W = A4.long;
  const H = A4.short;
  const L = c.labels;
  const contentX = 80;
  const contentW = W - 2 * contentX;

  // Frame: a firm outer line and a hairline inside it.
  doc.lineWidth(1.4).strokeColor(ACCENT).rect(22, 22, W - 44, H - 44).stroke();
  doc.lineWidth(0.5).strokeColor(ACCENT).rect(29, 29, W - 58, H - 58).stroke();

  drawLine(ts, L.title, { font: BOLD, size: 30, minSize: 16, x: contentX, y: 64, width: contentW, align: 'center', color: ACCENT });
  doc.lineWidth(1).strokeColor(WARM).moveTo(W / 2 - 36, 110).lineTo(W / 2 + 36, 110).stroke();

  drawLine(ts, L.awardedTo, { font: REGULAR, size: 13, x: contentX, y: 126, width: contentW, align: 'center', color: MUTED });
  const nameBox = { y: 146, h: 56 };
  const name = fitText(ts, c.holderName, {
    font: BOLD, maxSize: 34, minSize: 10, singleLineMin: 20, maxLines: 2, maxWidth: contentW, maxHeight: nameBox.h, lineHeight: 1.2,
  });
  drawLines(ts, name, contentX, nameBox.y + (nameBox.h - name.height) / 2, contentW, 'center', INK);

  drawLine(ts, L.forCompleting, { font: REGULAR, size: 13, x: contentX, y: 212, width: contentW, align: 'center', color: MUTED });
  const titleBox = { y: 232, h: 62 };
  const title = fitText(ts, c.courseTitle, {
    font: BOLD, maxSize: 24, minSize: 9, singleLineMin: 18, maxLines: 3, maxWidth: contentW, maxHeight: titleBox.h, lineHeight: 1.22,
  });
  drawLines(ts, title, contentX, titleBox.y + (titleBox.h - title.height) / 2, contentW, 'center', INK);

  if (c.hoursLine) {
    drawLine(ts, c.hoursLine, { font: REGULAR, size: 15, x: contentX, y: 304, width: contentW, align: 'center', color: INK });
  }
  if (c.accreditationLine) {
    const acc = fitText(ts, c.accreditationLine, {
      font: REGULAR, maxSize: 11.5, minSize: 7, maxLines: 2, maxWidth: contentW, maxHeight: 30, lineHeight: 1.25,
    });
    drawLines(ts, acc, contentX, c.hoursLine ? 330 : 310, contentW, 'center', MUTED);
  }

  // Lower band: details on the left, QR code on the right.
  const qrSize = 124;
  const qrX = W - 62 - qrSize;
  const qrY = 404;
  const leftX = 62;
  const leftW = qrX - 20 - leftX;
  doc.lineWidth(0.5).strokeColor('#c9d2d8').moveTo(leftX, 390).lineTo(W - 62, 390).stroke();

  // [label, value, share of the width]: the issuing organisation gets the most room.
  const columns: Array<[string, string, number]> = [
    [L.completedOn, c.completedOn, 0.26],
    [L.issuedBy, c.organizationName, 0.46],
    [L.certificateNumber, c.number, 0.28],
  ];
  const gap = 16;
  const shared = leftW - gap * (columns.length - 1);
  let x = leftX;
  for (const [label, value, share] of columns) {
    const colW = shared * share;
    if (value) {
      drawLine(ts, label, { font: REGULAR, size: 9, x, y: 414, width: colW, align: 'left', color: MUTED });
      const v = fitText(ts, value, { font: BOLD, maxSize: 12, minSize: 6.5, singleLineMin: 9.5, maxLines: 3, maxWidth: colW, maxHeight: 44, lineHeight: 1.22 });
      drawLines(ts, v, x, 428, colW, 'left', INK);
    }
    x += colW + gap;
  }

  drawLine(ts, L.verifyAt, { font: REGULAR, size: 9, x: leftX, y: 488, width: leftW, align: 'left', color: MUTED });
  // A URL has no spaces; it shrinks to fit, and only absurdly long ones are broken.
  const url = fitText(ts, c.verificationUrl, { font: REGULAR, maxSize: 11, minSize: 5, maxLines: 3, maxWidth: leftW, maxHeight: 30, lineHeight: 1.2 });
  drawLines(ts, url, leftX, 502, leftW, 'left', ACCENT);
  const urlWidth = Math.min(leftW, Math.max(...url.lines.map((l) => ts.unitWidth(REGULAR, l) * url.size)));
  doc.link(leftX, 502, urlWidth, url.height, c.verificationUrl);

  if (opts.qr) {
    drawQrCode(doc, c.verificationUrl, qrX, qrY, qrSize, INK);
    doc.link(qrX, qrY, qrSize, qrSize, c.verificationUrl);
  }
}

/** Draws one certificate with the given fonts and returns the PDF bytes. */
export function renderCertificatePdf(content: CertificateContent, fonts: DocumentFonts, opts: { qr: boolean }): Promise<Buffer> {
  const c = prepareCertificate(content);
  const doc = newDocument(certificateDocumentOptions(c), fonts);
  drawCertificate(new Typesetter(doc, fonts.widths), c, opts);
  return finish(doc);
}
