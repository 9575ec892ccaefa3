/** Languages a certificate or code sheet can be printed in (a certificate: the learner's, else the course's). */
export type CertificateLocale = 'en' | 'it' | 'de' | 'fr';

export const CERTIFICATE_LOCALES: readonly CertificateLocale[] = ['en', 'it', 'de', 'fr'];

/** Everything printed on one certificate. All text is drawn as plain text, never interpreted. */
export interface CertificateContent {
  /** Human-readable number, e.g. `KND-2026-000042`. */
  number: string;
  holderName: string;
  courseTitle: string;
  /** Accredited training hours; `null` omits the hours line. */
  hours: number | null;
  /** Accrediting body; `null` or empty omits it. */
  accreditationBody: string | null;
  /** Accreditation reference number; `null` or empty omits it. */
  accreditationReference: string | null;
  completedAt: Date;
  /** Issue time; also the PDF's CreationDate/ModDate, so the output is deterministic. */
  issuedAt: Date;
  /** Issuing organisation; `null` or empty omits it. */
  organizationName: string | null;
  /** Public verification page (http or https). The QR code encodes exactly this string. */
  verificationUrl: string;
  locale: CertificateLocale;
  /** End of validity (the course's certificate validity period); `null`/absent: does not expire. */
  validUntil?: Date | null;
  /**
   * The signed Open Badges 3.0 credential (JSON text) for this certificate; embedded in the PDF
   * as a PDF/A-3 associated file named `credential.json`. Absent: no attachment.
   */
  credentialJson?: string | null;
  /** The issuing organisation's face, captured when the certificate was first issued. */
  branding?: CertificateBranding | null;
}

/** Raster images only: SVG uploads are rasterised before they get here. */
export interface CertificateImage {
  data: Buffer;
  mime: 'image/png' | 'image/jpeg';
}

export interface CertificateBranding {
  logo?: CertificateImage | null;
  signatoryName?: string | null;
  signatoryTitle?: string | null;
  signatureImage?: CertificateImage | null;
  /** `#rrggbb`; absent: Kindling's accent. */
  accentColor?: string | null;
}

export interface CodeSheetPupil {
  name: string;
  className?: string | null;
  username: string;
  /** One-time sign-in code. */
  code: string;
}

export interface CodeSheetContent {
  organizationName: string;
  cohortName: string;
  locale: CertificateLocale;
  pupils: readonly CodeSheetPupil[];
  /** Printed on each card when given ("Sign in at …"). */
  signInUrl?: string | null;
  /** PDF CreationDate; defaults to now. Pass it for byte-identical output. */
  generatedAt?: Date;
}

/** Thrown for content that cannot be printed (unknown locale, invalid date, bad URL, …). */
export class CertificateContentError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'CertificateContentError';
  }
}
