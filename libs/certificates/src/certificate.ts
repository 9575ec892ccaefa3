import type { DocumentFonts } from './fonts.js';
import { CERTIFICATE_LABELS, formattersFor } from './i18n.js';
import { A4, BOLD, PRODUCER, REGULAR, finish, newDocument, pdfDate } from './pdf.js';
import { drawQrCode } from './qr.js';
import { Typesetter, cleanText, drawLine, drawLines, fitText } from './text.js';
import { archivalOptions, attachCredential, markArtifact, useEscapedXmpInfo } from './archival.js';
import {
  CERTIFICATE_LOCALES,
  CertificateContentError,
  type CertificateBranding,
  type CertificateContent,
  type CertificateImage,
  type CertificateLocale,
} from './types.js';

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
  /** "valid until …" in the certificate's language; empty: does not expire. */
  validUntilLine: string;
  /** The signed credential (JSON text) to embed as `credential.json`; null: none. */
  credentialJson: string | null;
  branding: PrintableBranding;
  labels: (typeof CERTIFICATE_LABELS)[CertificateLocale];
}

/** Validated branding: empty strings and nulls for what the organisation did not set. */
export interface PrintableBranding {
  logo: CertificateImage | null;
  signatoryName: string;
  signatoryTitle: string;
  signatureImage: CertificateImage | null;
  accentColor: string;
}

/** Largest image and credential the renderer accepts (the API limits uploads well below). */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

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

function optionalImage(field: string, value: unknown): CertificateImage | null {
  if (value == null) return null;
  const img = value as Partial<CertificateImage>;
  if (typeof img !== 'object' || !Buffer.isBuffer(img.data) || (img.mime !== 'image/png' && img.mime !== 'image/jpeg')) {
    throw new CertificateContentError(field, 'must be { data: Buffer, mime: image/png | image/jpeg } or null');
  }
  if (img.data.length === 0 || img.data.length > MAX_IMAGE_BYTES) throw new CertificateContentError(field, `must be 1 byte to ${MAX_IMAGE_BYTES} bytes`);
  const png = img.data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = img.data[0] === 0xff && img.data[1] === 0xd8;
  if ((img.mime === 'image/png' && !png) || (img.mime === 'image/jpeg' && !jpeg)) throw new CertificateContentError(field, `is not a ${img.mime} image`);
  return { data: img.data, mime: img.mime };
}

function prepareBranding(value: CertificateBranding | null | undefined): PrintableBranding {
  const b = value ?? {};
  if (typeof b !== 'object') throw new CertificateContentError('branding', 'must be an object or null');
  const accent = b.accentColor ?? null;
  if (accent !== null && (typeof accent !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(accent))) {
    throw new CertificateContentError('branding.accentColor', 'must be #rrggbb or null');
  }
  return {
    logo: optionalImage('branding.logo', b.logo),
    signatoryName: optionalText('branding.signatoryName', b.signatoryName),
    signatoryTitle: optionalText('branding.signatoryTitle', b.signatoryTitle),
    signatureImage: optionalImage('branding.signatureImage', b.signatureImage),
    accentColor: accent ? accent.toLowerCase() : ACCENT,
  };
}

function optionalCredential(value: unknown): string | null {
  if (value == null || value === '') return null;
  if (typeof value !== 'string') throw new CertificateContentError('credentialJson', 'must be a string or null');
  if (Buffer.byteLength(value) > MAX_CREDENTIAL_BYTES) throw new CertificateContentError('credentialJson', `must be at most ${MAX_CREDENTIAL_BYTES} bytes`);
  try {
    JSON.parse(value);
  } catch {
    throw new CertificateContentError('credentialJson', 'must be JSON');
  }
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
    validUntilLine: content.validUntil == null ? '' : `${labels.validUntil} ${fmt.date(requireDate('validUntil', content.validUntil))}`,
    credentialJson: optionalCredential(content.credentialJson),
    branding: prepareBranding(content.branding),
    labels,
  };
}

export function certificateDocumentOptions(c: PrintableCertificate, archival = true): PDFKit.PDFDocumentOptions {
  const date = pdfDate(c.issuedAt);
  return {
    ...(archival ? archivalOptions() : {}),
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

type Struct = PDFKit.PDFStructureElement;

/**
 * A link annotation inside the structure tree, with its description (`Contents`, a PDF text
 * string: pdfkit would write a plain JS string as a name).
 */
function linkOptions(parent: Struct, url: string): PDFKit.Mixins.AnnotationOption {
  return { structParent: parent, Contents: new String(url) } as unknown as PDFKit.Mixins.AnnotationOption;
}

/** Replaces `{name}` placeholders in a label. */
function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

/**
 * The certificate page: A4 landscape, centred, with generous white space. Every field is
 * fitted into a fixed box (shrinks, wraps, and only as a last resort is ellipsised), and text
 * is drawn with `lineBreak: false`, so nothing can spill onto a second page.
 *
 * With `tagged`, every piece of text is a structure element in reading order (H1 title, P for
 * each statement, Figure with alternative text for the logo, the signature and the QR code, Link
 * for the verification URL) and the frame and rules are marked as artifacts.
 */
export function drawCertificate(ts: Typesetter, c: PrintableCertificate, opts: { qr: boolean; tagged?: boolean }): void {
  const doc = ts.doc;
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
  const W = A4.long;
  const H = A4.short;
  const L = c.labels;
  const B = c.branding;
  const accent = B.accentColor;
  const tagged = opts.tagged ?? false;
  const root: Struct | null = tagged ? doc.struct('Document', { lang: c.locale }) : null;
  if (root) doc.addStructure(root);
  /** Draws as one structure element (when tagged) or plainly. */
  const tag = (type: string, draw: () => void, options: { alt?: string } = {}): void => {
    if (!root) return draw();
    root.add(doc.struct(type, options, [draw]));
  };
  const artifact = (draw: () => void): void => (tagged ? markArtifact(doc, draw) : draw());

  // Frame: a firm outer line and a hairline inside it.
  artifact(() => {
    doc.lineWidth(1.4).strokeColor(accent).rect(22, 22, W - 44, H - 44).stroke();
    doc.lineWidth(0.5).strokeColor(accent).rect(29, 29, W - 58, H - 58).stroke();
  });

  // The issuer's logo, top left; the title then keeps clear of it.
  const logoBox = { x: 44, y: 40, w: 116, h: 60 };
  let titleX = 80;
  if (B.logo) {
    const logo = B.logo;
    tag('Figure', () => {
      doc.image(logo.data, logoBox.x, logoBox.y, { fit: [logoBox.w, logoBox.h], align: 'center', valign: 'center' });
    }, { alt: fill(L.logoAlt, { organization: c.organizationName || L.issuedBy }) });
    titleX = logoBox.x + logoBox.w + 16;
  }
  const contentX = 80;
  const contentW = W - 2 * contentX;
  tag('H1', () => {
    drawLine(ts, L.title, { font: BOLD, size: 30, minSize: 16, x: titleX, y: 64, width: W - 2 * titleX, align: 'center', color: accent });
  });
  artifact(() => doc.lineWidth(1).strokeColor(WARM).moveTo(W / 2 - 36, 110).lineTo(W / 2 + 36, 110).stroke());

  tag('P', () => drawLine(ts, L.awardedTo, { font: REGULAR, size: 13, x: contentX, y: 126, width: contentW, align: 'center', color: MUTED }));
  const nameBox = { y: 146, h: 56 };
  const name = fitText(ts, c.holderName, {
    font: BOLD, maxSize: 34, minSize: 10, singleLineMin: 20, maxLines: 2, maxWidth: contentW, maxHeight: nameBox.h, lineHeight: 1.2,
  });
  tag('P', () => drawLines(ts, name, contentX, nameBox.y + (nameBox.h - name.height) / 2, contentW, 'center', INK));

  tag('P', () => drawLine(ts, L.forCompleting, { font: REGULAR, size: 13, x: contentX, y: 212, width: contentW, align: 'center', color: MUTED }));
  const titleBox = { y: 232, h: 62 };
  const title = fitText(ts, c.courseTitle, {
    font: BOLD, maxSize: 24, minSize: 9, singleLineMin: 18, maxLines: 3, maxWidth: contentW, maxHeight: titleBox.h, lineHeight: 1.22,
  });
  tag('P', () => drawLines(ts, title, contentX, titleBox.y + (titleBox.h - title.height) / 2, contentW, 'center', INK));

  if (c.hoursLine) {
    tag('P', () => drawLine(ts, c.hoursLine, { font: REGULAR, size: 15, x: contentX, y: 304, width: contentW, align: 'center', color: INK }));
  }
  let nextY = c.hoursLine ? 330 : 310;
  if (c.accreditationLine) {
    const acc = fitText(ts, c.accreditationLine, {
      font: REGULAR, maxSize: 11.5, minSize: 7, maxLines: 2, maxWidth: contentW, maxHeight: 30, lineHeight: 1.25,
    });
    const accY = nextY;
    tag('P', () => drawLines(ts, acc, contentX, accY, contentW, 'center', MUTED));
    nextY += acc.height + 6;
  }
  if (c.validUntilLine) {
    const validY = Math.min(nextY, 370);
    tag('P', () => drawLine(ts, c.validUntilLine, { font: BOLD, size: 11, minSize: 7, x: contentX, y: validY, width: contentW, align: 'center', color: INK }));
  }

  // Lower band: details (and the signatory) on the left, QR code on the right.
  const qrSize = 124;
  const qrX = W - 62 - qrSize;
  const qrY = 404;
  const leftX = 62;
  const leftW = qrX - 20 - leftX;
  artifact(() => doc.lineWidth(0.5).strokeColor('#c9d2d8').moveTo(leftX, 390).lineTo(W - 62, 390).stroke());

  const signatory = Boolean(B.signatoryName || B.signatoryTitle || B.signatureImage);
  // [label, value, share of the width]: the issuing organisation gets the most room.
  const columns: Array<[string, string, number]> = signatory
    ? [[L.completedOn, c.completedOn, 0.2], [L.issuedBy, c.organizationName, 0.34], [L.certificateNumber, c.number, 0.22]]
    : [[L.completedOn, c.completedOn, 0.26], [L.issuedBy, c.organizationName, 0.46], [L.certificateNumber, c.number, 0.28]];
  const gap = 16;
  const shared = leftW - gap * (columns.length - (signatory ? 0 : 1));
  let x = leftX;
  for (const [label, value, share] of columns) {
    const colW = shared * share;
    if (value) {
      const colX = x;
      tag('P', () => {
        drawLine(ts, label, { font: REGULAR, size: 9, x: colX, y: 414, width: colW, align: 'left', color: MUTED });
        const v = fitText(ts, value, { font: BOLD, maxSize: 12, minSize: 6.5, singleLineMin: 9.5, maxLines: 3, maxWidth: colW, maxHeight: 44, lineHeight: 1.22 });
        drawLines(ts, v, colX, 428, colW, 'left', INK);
      });
    }
    x += colW + gap;
  }
  if (signatory) {
    // The signatory: signature image above a hairline, then name and title.
    const colW = shared * 0.24;
    const sigX = x;
    if (B.signatureImage) {
      const sig = B.signatureImage;
      tag('Figure', () => {
        doc.image(sig.data, sigX, 394, { fit: [colW, 30], align: 'center', valign: 'bottom' });
      }, { alt: fill(L.signatureAlt, { name: B.signatoryName || c.organizationName || L.issuedBy }) });
    }
    artifact(() => doc.lineWidth(0.5).strokeColor(MUTED).moveTo(sigX, 426).lineTo(sigX + colW, 426).stroke());
    if (B.signatoryName || B.signatoryTitle) {
      tag('P', () => {
        if (B.signatoryName) {
          const n = fitText(ts, B.signatoryName, { font: BOLD, maxSize: 11, minSize: 6.5, singleLineMin: 8.5, maxLines: 2, maxWidth: colW, maxHeight: 28, lineHeight: 1.2 });
          drawLines(ts, n, sigX, 430, colW, 'center', INK);
        }
        if (B.signatoryTitle) {
          const t = fitText(ts, B.signatoryTitle, { font: REGULAR, maxSize: 9, minSize: 6, maxLines: 2, maxWidth: colW, maxHeight: 22, lineHeight: 1.2 });
          drawLines(ts, t, sigX, B.signatoryName ? 458 : 430, colW, 'center', MUTED);
        }
      });
    }
  }

  // A URL has no spaces; it shrinks to fit, and only absurdly long ones are broken.
  const url = fitText(ts, c.verificationUrl, { font: REGULAR, maxSize: 11, minSize: 5, maxLines: 3, maxWidth: leftW, maxHeight: 30, lineHeight: 1.2 });
  const urlWidth = Math.min(leftW, Math.max(...url.lines.map((l) => ts.unitWidth(REGULAR, l) * url.size)));
  if (root) {
    const p = doc.struct('P');
    root.add(p);
    p.add(doc.struct('Span', {}, [() => drawLine(ts, L.verifyAt, { font: REGULAR, size: 9, x: leftX, y: 488, width: leftW, align: 'left', color: MUTED })]));
    const link = doc.struct('Link', { alt: c.verificationUrl });
    p.add(link);
    link.add(() => drawLines(ts, url, leftX, 502, leftW, 'left', accent));
    doc.link(leftX, 502, urlWidth, url.height, c.verificationUrl, linkOptions(link, c.verificationUrl));
    link.end();
    p.end();
  } else {
    drawLine(ts, L.verifyAt, { font: REGULAR, size: 9, x: leftX, y: 488, width: leftW, align: 'left', color: MUTED });
    drawLines(ts, url, leftX, 502, leftW, 'left', accent);
    doc.link(leftX, 502, urlWidth, url.height, c.verificationUrl);
  }

  if (opts.qr) {
    if (root) {
      const fig = doc.struct('Figure', { alt: fill(L.qrAlt, { url: c.verificationUrl }) });
      root.add(fig);
      fig.add(() => drawQrCode(doc, c.verificationUrl, qrX, qrY, qrSize, INK));
      doc.link(qrX, qrY, qrSize, qrSize, c.verificationUrl, linkOptions(fig, c.verificationUrl));
      fig.end();
    } else {
      drawQrCode(doc, c.verificationUrl, qrX, qrY, qrSize, INK);
      doc.link(qrX, qrY, qrSize, qrSize, c.verificationUrl);
    }
  }
  root?.end();
}

/**
 * Draws one certificate with the given fonts and returns the PDF bytes. With `archival` (every
 * real certificate) the PDF is PDF/A-3b and tagged, and carries the credential as `credential.json`.
 */
export function renderCertificatePdf(
  content: CertificateContent,
  fonts: DocumentFonts,
  opts: { qr: boolean; archival?: boolean },
): Promise<Buffer> {
  const c = prepareCertificate(content);
  const archival = opts.archival ?? true;
  const doc = newDocument(certificateDocumentOptions(c, archival), fonts);
  if (archival) useEscapedXmpInfo(doc);
  drawCertificate(new Typesetter(doc, fonts.widths), c, { qr: opts.qr, tagged: archival });
  if (archival && c.credentialJson) {
    attachCredential(doc, c.credentialJson, { issuedAt: c.issuedAt, description: c.labels.credentialAttachment });
  }
  return finish(doc);
}
