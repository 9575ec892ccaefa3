import { download, operations, request, type Locale } from '../../../api';
import { isRecord } from '../../../lib/storage';

export const impactKey = (cohortId: string) => ['cohort', cohortId, 'impact'] as const;
export const instrumentKey = (id: string) => ['instrument', id] as const;

/** Scale names in the reader's language. */
export const fetchImpact = (cohortId: string, locale: Locale) =>
  request(operations.cohortImpact, { params: { id: cohortId }, query: { locale } });
export const fetchInstrument = (id: string) => request(operations.getInstrument, { params: { id } });
export const downloadImpactExport = (cohortId: string) =>
  download(operations.impactExport, 'impact-pseudonymous.csv', { params: { id: cohortId } });

/** The answer range (e.g. 1–5) from an instrument definition, read defensively. */
export function answerRange(definition: unknown): { min: number; max: number } | null {
  if (!isRecord(definition) || !isRecord(definition.scale)) return null;
  const { min, max } = definition.scale;
  return typeof min === 'number' && typeof max === 'number' && max > min ? { min, max } : null;
}
