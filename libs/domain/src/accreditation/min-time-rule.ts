/**
 * Hours that mean something: an accredited course (accreditation hours set) must require a
 * minimum learning time of at least `ratio` × its hours (ACCREDITED_MIN_TIME_RATIO, default
 * 0.5) before it can be published (the API refuses it otherwise, the builder states it). The
 * certificate states the accredited hours only when the learner reached the minimum (certifiedHours, libs/certificates).
 */

/** The least minimum learning time (whole minutes) the rule asks of `hours` accredited hours; null when not accredited. */
export function requiredMinMinutes(hours: number | string | null, ratio: number): number | null {
  const h = hours === null ? NaN : Number(hours);
  if (!Number.isFinite(h) || h <= 0) return null;
  // Rounded to a millionth first so that 0.5 × 8 h is exactly 240 minutes, not 240.00000000000003 → 241.
  return Math.ceil(Math.round(h * 60 * ratio * 1e6) / 1e6);
}

/** What is wrong with a version's minimum learning time under the rule (the numbers for the message). */
export interface MinTimeProblem {
  /** accredited hours */
  hours: number;
  /** the least minimum learning time the rule asks, minutes */
  required: number;
  /** the ratio as a percentage (50 for 0.5) */
  percent: number;
  /** the version's minimum learning time, minutes (0: none) */
  have: number;
}

/** Why a version may not be published under the rule, or null when it may. */
export function accreditationTimeProblem(hours: number | string | null, minMinutes: number | null, ratio: number): MinTimeProblem | null {
  const required = requiredMinMinutes(hours, ratio);
  if (required === null || required === 0) return null;
  const have = minMinutes ?? 0;
  if (have >= required) return null;
  return { hours: Number(hours), required, percent: Math.round(ratio * 1000) / 10, have };
}

/** The rule as the course view shows it to authors (and the builder states it). */
export function minTimeRuleOf(
  hours: number | string | null,
  minMinutes: number | null,
  ratio: number,
): { ratio: number; requiredMinMinutes: number | null; met: boolean } {
  const required = requiredMinMinutes(hours, ratio);
  return { ratio, requiredMinMinutes: required, met: required === null || (minMinutes ?? 0) >= required };
}

// Whether a learner earned the hours is decided once, at issue: certifiedHours in
// libs/certificates (hours only when the version's minimum learning time was reached).
