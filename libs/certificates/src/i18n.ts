import type { CertificateLocale } from './types.js';

export interface CertificateLabels {
  title: string;
  awardedTo: string;
  forCompleting: string;
  trainingHours: { one: string; other: string };
  accreditedBy: string;
  reference: string;
  completedOn: string;
  issuedBy: string;
  certificateNumber: string;
  verifyAt: string;
  /** Followed by the formatted end date of validity. */
  validUntil: string;
  /** Alternative text of the QR code; `{url}` is replaced by the verification URL. */
  qrAlt: string;
  /** Alternative text of the issuer's logo; `{organization}` is replaced. */
  logoAlt: string;
  /** Alternative text of the signature image; `{name}` is replaced by the signatory. */
  signatureAlt: string;
  /** Description of the embedded `credential.json`. */
  credentialAttachment: string;
}

export interface CodeSheetLabels {
  title: string;
  className: string;
  username: string;
  code: string;
  instruction: string;
  /** `{url}` is replaced by the sign-in address. */
  instructionAt: string;
  /** `{page}` and `{pages}` are replaced. */
  page: string;
}

export const CERTIFICATE_LABELS: Readonly<Record<CertificateLocale, CertificateLabels>> = {
  en: {
    title: 'Certificate of completion',
    awardedTo: 'awarded to',
    forCompleting: 'for completing',
    trainingHours: { one: 'training hour', other: 'training hours' },
    accreditedBy: 'accredited by',
    reference: 'reference',
    completedOn: 'completed on',
    issuedBy: 'issued by',
    certificateNumber: 'certificate number',
    verifyAt: 'verify at',
    validUntil: 'valid until',
    qrAlt: 'QR code linking to the verification page {url}',
    logoAlt: 'Logo of {organization}',
    signatureAlt: 'Signature of {name}',
    credentialAttachment: 'Signed Open Badges 3.0 credential for this certificate',
  },
  it: {
    title: 'Attestato di completamento',
    awardedTo: 'conferito a',
    forCompleting: 'per aver completato',
    trainingHours: { one: 'ora di formazione', other: 'ore di formazione' },
    accreditedBy: 'accreditato da',
    reference: 'riferimento',
    completedOn: 'completato il',
    issuedBy: 'rilasciato da',
    certificateNumber: 'numero attestato',
    verifyAt: 'verifica su',
    validUntil: 'valido fino al',
    qrAlt: 'Codice QR che rimanda alla pagina di verifica {url}',
    logoAlt: 'Logo di {organization}',
    signatureAlt: 'Firma di {name}',
    credentialAttachment: 'Credenziale Open Badges 3.0 firmata di questo attestato',
  },
  de: {
    title: 'Abschlusszertifikat',
    awardedTo: 'verliehen an',
    forCompleting: 'für den erfolgreichen Abschluss von',
    trainingHours: { one: 'Fortbildungsstunde', other: 'Fortbildungsstunden' },
    accreditedBy: 'akkreditiert von',
    reference: 'Referenz',
    completedOn: 'abgeschlossen am',
    issuedBy: 'ausgestellt von',
    certificateNumber: 'Zertifikatsnummer',
    verifyAt: 'prüfen unter',
    validUntil: 'gültig bis',
    qrAlt: 'QR-Code mit Link zur Prüfseite {url}',
    logoAlt: 'Logo von {organization}',
    signatureAlt: 'Unterschrift von {name}',
    credentialAttachment: 'Signierter Open-Badges-3.0-Nachweis zu diesem Zertifikat',
  },
  fr: {
    title: 'Certificat de réussite',
    awardedTo: 'décerné à',
    forCompleting: 'pour avoir suivi',
    trainingHours: { one: 'heure de formation', other: 'heures de formation' },
    accreditedBy: 'accrédité par',
    reference: 'référence',
    completedOn: 'terminé le',
    issuedBy: 'délivré par',
    certificateNumber: 'numéro du certificat',
    verifyAt: 'vérifier sur',
    validUntil: 'valable jusqu’au',
    qrAlt: 'Code QR menant à la page de vérification {url}',
    logoAlt: 'Logo de {organization}',
    signatureAlt: 'Signature de {name}',
    credentialAttachment: 'Attestation Open Badges 3.0 signée de ce certificat',
  },
};

export const CODE_SHEET_LABELS: Readonly<Record<CertificateLocale, CodeSheetLabels>> = {
  en: {
    title: 'Sign-in codes',
    className: 'Class',
    username: 'Username',
    code: 'One-time code',
    instruction: 'Sign in with your username and this one-time code. The code works only once: keep this card to yourself.',
    instructionAt: 'Sign in at {url} with your username and this one-time code. The code works only once: keep this card to yourself.',
    page: 'Page {page} of {pages}',
  },
  it: {
    title: 'Codici di accesso',
    className: 'Classe',
    username: 'Nome utente',
    code: 'Codice monouso',
    instruction: 'Accedi con il tuo nome utente e questo codice monouso. Il codice vale una sola volta: tieni questa scheda per te.',
    instructionAt: 'Accedi su {url} con il tuo nome utente e questo codice monouso. Il codice vale una sola volta: tieni questa scheda per te.',
    page: 'Pagina {page} di {pages}',
  },
  de: {
    title: 'Anmeldecodes',
    className: 'Klasse',
    username: 'Benutzername',
    code: 'Einmalcode',
    instruction: 'Melde dich mit deinem Benutzernamen und diesem Einmalcode an. Der Code gilt nur einmal: Behalte diese Karte für dich.',
    instructionAt: 'Melde dich unter {url} mit deinem Benutzernamen und diesem Einmalcode an. Der Code gilt nur einmal: Behalte diese Karte für dich.',
    page: 'Seite {page} von {pages}',
  },
  fr: {
    title: 'Codes de connexion',
    className: 'Classe',
    username: "Nom d'utilisateur",
    code: 'Code à usage unique',
    instruction: "Connecte-toi avec ton nom d'utilisateur et ce code à usage unique. Le code ne fonctionne qu'une fois : garde cette carte pour toi.",
    instructionAt: "Connecte-toi sur {url} avec ton nom d'utilisateur et ce code à usage unique. Le code ne fonctionne qu'une fois : garde cette carte pour toi.",
    page: 'Page {page} sur {pages}',
  },
};

/** BCP 47 tags used for formatting (British English: day-month-year, unambiguous in Europe). */
const FORMAT_TAGS: Readonly<Record<CertificateLocale, string>> = {
  en: 'en-GB',
  it: 'it-IT',
  de: 'de-DE',
  fr: 'fr-FR',
};

export interface LocaleFormatters {
  date(d: Date): string;
  hours(h: number): string;
  hoursLabel(h: number, labels: CertificateLabels): string;
}

const formatterCache = new Map<CertificateLocale, LocaleFormatters>();

/** Intl formatters are costly to build; they are created once per locale and reused. */
export function formattersFor(locale: CertificateLocale): LocaleFormatters {
  const cached = formatterCache.get(locale);
  if (cached) return cached;
  const tag = FORMAT_TAGS[locale];
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const plural = new Intl.PluralRules(tag);
  const f: LocaleFormatters = {
    date: (d) => dateFormat.format(d),
    hours: (h) => numberFormat.format(h),
    hoursLabel: (h, labels) => `${numberFormat.format(h)} ${plural.select(h) === 'one' ? labels.trainingHours.one : labels.trainingHours.other}`,
  };
  formatterCache.set(locale, f);
  return f;
}
