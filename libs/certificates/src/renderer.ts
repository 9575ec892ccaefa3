import { createHash } from 'node:crypto';
import { renderCertificatePdf } from './certificate.js';
import { renderCodeSheetPdf } from './code-sheet.js';
import { FONT_FILES, HELVETICA_FONTS, loadFonts, type DocumentFonts } from './fonts.js';
import type { CertificateContent, CodeSheetContent } from './types.js';

export interface CertificateRendererOptions {
  /** Override the shipped DejaVu Sans files (e.g. another Unicode TTF/WOFF pair). */
  fontFiles?: { regular: URL; bold: URL };
  /**
   * Parse the fonts once and share them across documents (default true). `false` lets pdfkit
   * parse them per document: several times slower, byte-identical output (used by the tests).
   */
  shareParsedFonts?: boolean;
}

const WARM_UP: CertificateContent = {
  number: 'KND-0000-000000',
  holderName: 'Zoë Müller-Ćosić · Łukasz Żółć · Şebnem Öztürk',
  courseTitle: 'Warm-up',
  hours: 1.5,
  accreditationBody: 'Kindling',
  accreditationReference: 'REF-0',
  completedAt: new Date(0),
  issuedAt: new Date(0),
  organizationName: 'Kindling',
  verificationUrl: 'https://kindling.example/verify/warm-up',
  locale: 'en',
};

/**
 * Renders certificate PDFs and pupils' code sheets. Create it once per process
 * (`await CertificateRenderer.create()`) and reuse it for every job: the fonts are read and
 * parsed once and shared by all documents. Each render is independent and its output depends
 * only on its input (same content → byte-identical PDF).
 */
export class CertificateRenderer {
  private constructor(private readonly fonts: DocumentFonts) {}

  static async create(options: CertificateRendererOptions = {}): Promise<CertificateRenderer> {
    const renderer = new CertificateRenderer(await loadFonts(options.fontFiles ?? FONT_FILES, options.shareParsedFonts ?? true));
    // Fails fast on broken assets and warms the parsed fonts' lazy tables (cmap, GSUB, GPOS…).
    await renderer.render(WARM_UP);
    return renderer;
  }

  /** true when the fonts are parsed once and reused (fast path); false means per-document parsing. */
  get fontsParsedOnce(): boolean {
    return this.fonts.parsedOnce;
  }

  /** One-page A4 landscape certificate. Rejects with CertificateContentError for unprintable input. */
  async render(content: CertificateContent): Promise<Buffer> {
    return renderCertificatePdf(content, this.fonts, { qr: true });
  }

  /** Cut-out sign-in cards, 10 per A4 portrait page. Rejects with CertificateContentError for bad input. */
  async renderCodeSheet(sheet: CodeSheetContent): Promise<Buffer> {
    return renderCodeSheetPdf(sheet, this.fonts);
  }
}

/**
 * Benchmark baseline: the same page layout and text with pdfkit's built-in Helvetica (WinAnsi
 * only, so names outside Latin-1 print wrongly) and no QR code. Not for real certificates.
 */
export async function renderBarePdfkit(content: CertificateContent): Promise<Buffer> {
  return renderCertificatePdf(content, HELVETICA_FONTS, { qr: false, archival: false });
}

/** Lower-case hex SHA-256, as published for verification. */
export function sha256Hex(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}
