export { CertificateRenderer, renderBarePdfkit, sha256Hex, type CertificateRendererOptions } from './renderer.js';
export {
  CERTIFICATE_LOCALES,
  CertificateContentError,
  type CertificateContent,
  type CertificateLocale,
  type CodeSheetContent,
  type CodeSheetPupil,
} from './types.js';
export { CERTIFICATE_LABELS, CODE_SHEET_LABELS, type CertificateLabels, type CodeSheetLabels } from './i18n.js';
export { certificateLocale, certifiedHours } from './issue-rules.js';
export { CARDS_PER_PAGE } from './code-sheet.js';
export { FONT_FILES } from './fonts.js';
/** A text as the PDF prints it (NFC, no control, bidi-override or line-break characters): store and sign exactly that. */
export { cleanText as printedText } from './text.js';
