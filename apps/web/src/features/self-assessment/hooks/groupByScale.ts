import type { SelfAssessmentForm } from '../../../api';

export type SelfAssessmentItem = SelfAssessmentForm['items'][number];

/** Items grouped by scale, in the order the scales first appear: one group per screen. */
export function groupByScale(items: SelfAssessmentItem[]): SelfAssessmentItem[][] {
  const groups = new Map<string, SelfAssessmentItem[]>();
  for (const item of items) {
    const group = groups.get(item.scaleKey);
    if (group) group.push(item);
    else groups.set(item.scaleKey, [item]);
  }
  return [...groups.values()];
}

/** The points of the scale with their labels (the number when a label is missing). */
export function scalePoints(scale: SelfAssessmentForm['scale']): { value: number; label: string }[] {
  const points: { value: number; label: string }[] = [];
  for (let value = scale.min; value <= scale.max; value += 1) {
    const label = scale.labels[value - scale.min];
    points.push({ value, label: label ?? String(value) });
  }
  return points;
}
