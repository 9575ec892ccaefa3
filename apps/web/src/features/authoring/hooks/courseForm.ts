import { z } from 'zod';
import type { CourseBody, CourseDetail, Locale } from '../../../api';

const optionalNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (!Number.isNaN(Number(v)) && Number(v) >= min && Number(v) <= max), 'validation.number');

/** The course form: strings as typed, turned into the API's body on submit. */
export const courseSchema = z
  .object({
    title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    summary: z.string().max(2000, 'validation.tooLong'),
    locale: z.enum(['en', 'it', 'de', 'fr']),
    selfEnrolment: z.boolean(),
    accreditation: z.object({ body: z.string().trim(), reference: z.string().trim(), hours: optionalNumber(0, 10000) }),
    completion: z.object({ minMinutes: optionalNumber(0, 100000) }),
    certificateValidityMonths: z
      .string()
      .trim()
      .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 600), 'credentials.validityInvalid'),
  })
  .superRefine((v, ctx) => {
    const a = v.accreditation;
    const any = a.body !== '' || a.reference !== '' || a.hours !== '';
    if (!any) return;
    for (const key of ['body', 'reference', 'hours'] as const) {
      if (a[key] === '') ctx.addIssue({ code: 'custom', path: ['accreditation', key], message: 'authoring.course.accreditationComplete' });
    }
  });

export type CourseValues = z.infer<typeof courseSchema>;
export const COURSE_FIELDS = ['title', 'summary', 'locale', 'selfEnrolment', 'accreditation', 'completion', 'certificateValidityMonths'] as const;

export function courseDefaults(course?: CourseDetail, locale: Locale = 'en'): CourseValues {
  return {
    title: course?.title ?? '',
    summary: course?.summary ?? '',
    locale: course?.locale ?? locale,
    selfEnrolment: course?.selfEnrolment ?? false,
    accreditation: {
      body: course?.accreditation?.body ?? '',
      reference: course?.accreditation?.reference ?? '',
      hours: course?.accreditation?.hours != null ? String(course.accreditation.hours) : '',
    },
    completion: { minMinutes: course?.completion?.minMinutes ? String(course.completion.minMinutes) : '' },
    certificateValidityMonths: course?.certificateValidityMonths ? String(course.certificateValidityMonths) : '',
  };
}

/** The API body; when editing, empty accreditation and minimum time are sent as null (removed). */
export function courseBody(v: CourseValues, mode: 'create' | 'edit'): CourseBody {
  const body: CourseBody = { title: v.title, locale: v.locale, selfEnrolment: v.selfEnrolment };
  if (v.summary.trim() || mode === 'edit') body.summary = v.summary.trim();
  if (v.accreditation.body) {
    body.accreditation = { body: v.accreditation.body, reference: v.accreditation.reference, hours: Number(v.accreditation.hours) };
  } else if (mode === 'edit') {
    body.accreditation = null;
  }
  const minMinutes = v.completion.minMinutes ? Number(v.completion.minMinutes) : null;
  if (minMinutes !== null || mode === 'edit') body.completion = { minMinutes };
  const months = v.certificateValidityMonths ? Number(v.certificateValidityMonths) : null;
  if (months !== null || mode === 'edit') body.certificateValidityMonths = months;
  return body;
}

/**
 * The least minimum learning time (minutes) the accreditation rule asks of `hours` accredited
 * hours at `ratio` (ACCREDITED_MIN_TIME_RATIO, given by the API as the course's minTimeRule):
 * the same rounding as the API's check at publishing.
 */
export function requiredMinutes(hours: number, ratio: number): number {
  return Math.ceil(Math.round(hours * 60 * ratio * 1e6) / 1e6);
}
