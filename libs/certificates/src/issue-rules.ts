import { CERTIFICATE_LOCALES, type CertificateLocale } from './types.js';

const asCertificateLocale = (value: string | null | undefined): CertificateLocale | null =>
  typeof value === 'string' && (CERTIFICATE_LOCALES as readonly string[]).includes(value) ? (value as CertificateLocale) : null;

/**
 * The language a certificate is printed in: the learner's (users.locale) when the renderer
 * has it, else the course version's, else English. Chosen once at issue and stored on the
 * certificate, so a re-issue prints in the same language.
 */
export function certificateLocale(learnerLocale: string | null | undefined, courseLocale: string | null | undefined): CertificateLocale {
  return asCertificateLocale(learnerLocale) ?? asCertificateLocale(courseLocale) ?? 'en';
}

/**
 * The accredited hours a certificate may state: the course's hours when the course's
 * minimum-learning-time rule was met (learning time ≥ minimum minutes, when a minimum is set);
 * null — the hours line is left off — when the minimum was not reached, so the certificate
 * never states hours the learner did not study.
 */
export function certifiedHours(
  accreditedHours: number | string | null | undefined,
  learningSeconds: number | string | null | undefined,
  minMinutes: number | string | null | undefined,
): number | null {
  if (accreditedHours === null || accreditedHours === undefined) return null;
  const hours = Number(accreditedHours);
  if (!Number.isFinite(hours) || hours < 0) return null;
  if (minMinutes === null || minMinutes === undefined) return hours;
  const minimum = Number(minMinutes);
  if (!Number.isFinite(minimum) || minimum <= 0) return hours;
  const studied = Number(learningSeconds ?? 0);
  return Number.isFinite(studied) && studied >= minimum * 60 ? hours : null;
}
