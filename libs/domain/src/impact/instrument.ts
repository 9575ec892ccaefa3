import { LOCALES, type Locale, type LocalizedText } from '../locale.js';

/** Key of the overall score that `scoreResponse` and `cohortImpact` add next to the scales. */
export const TOTAL_SCALE_KEY = 'total';

/** The answer range of an instrument, e.g. 1–5 with one label per point. */
export interface LikertScale {
  min: number;
  max: number;
  /** One label per point, from `min` to `max`, in every locale. */
  labels: Record<Locale, string[]>;
}

/** A group of items whose (reverse-corrected) mean is reported as one score. */
export interface InstrumentScale {
  key: string;
  name: LocalizedText;
  /** A respondent gets a score on this scale only when at least this many of its items are answered. */
  minItems: number;
}

export interface InstrumentItem {
  id: string;
  scaleKey: string;
  /** Reverse-scored: an answer `a` counts as `max + min − a`. */
  reverse: boolean;
  text: LocalizedText;
}

/** A self-assessment questionnaire: Likert items grouped into scales. */
export interface InstrumentDefinition {
  key: string;
  version: number;
  title?: LocalizedText;
  instructions?: LocalizedText;
  disclaimer?: LocalizedText;
  scale: LikertScale;
  scales: InstrumentScale[];
  items: InstrumentItem[];
}

/** One answer to one item. */
export interface ItemAnswer {
  itemId: string;
  value: number;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function checkLocalized(
  errors: string[],
  where: string,
  text: Partial<Record<Locale, unknown>> | undefined | null,
): void {
  if (text === undefined || text === null || typeof text !== 'object') {
    errors.push(`${where}: text is missing`);
    return;
  }
  for (const locale of LOCALES) {
    if (!isNonEmptyString(text[locale])) errors.push(`${where}: text for locale "${locale}" is missing or empty`);
  }
}

/**
 * Checks that an instrument definition is internally consistent. Returns one message per
 * problem (an empty array means the definition is usable). Written defensively so that it can
 * be run on author-supplied JSON that only claims to be an `InstrumentDefinition`.
 */
export function validateInstrumentDefinition(def: InstrumentDefinition): string[] {
  const errors: string[] = [];
  if (!isNonEmptyString(def.key)) errors.push('key: must be a non-empty string');
  if (!Number.isInteger(def.version) || def.version < 1) errors.push('version: must be a positive integer');
  if (def.title !== undefined) checkLocalized(errors, 'title', def.title);
  if (def.instructions !== undefined) checkLocalized(errors, 'instructions', def.instructions);
  if (def.disclaimer !== undefined) checkLocalized(errors, 'disclaimer', def.disclaimer);

  // Answer range and its labels.
  const range = def.scale as LikertScale | undefined;
  if (range === undefined || range === null || typeof range !== 'object') {
    errors.push('scale: the answer range {min, max, labels} is missing');
  } else {
    const rangeOk = Number.isInteger(range.min) && Number.isInteger(range.max);
    if (!rangeOk) errors.push('scale: min and max must be integers');
    else if (range.min >= range.max) errors.push(`scale: min (${range.min}) must be less than max (${range.max})`);
    const points = rangeOk && range.min < range.max ? range.max - range.min + 1 : undefined;
    const labels = range.labels as Partial<Record<Locale, unknown>> | undefined;
    for (const locale of LOCALES) {
      const list = labels?.[locale];
      if (!Array.isArray(list)) {
        errors.push(`scale.labels: labels for locale "${locale}" are missing`);
        continue;
      }
      if (points !== undefined && list.length !== points) {
        errors.push(
          `scale.labels: locale "${locale}" has ${list.length} labels, expected ${points} (one per point from ${range.min} to ${range.max})`,
        );
      }
      list.forEach((label: unknown, index: number) => {
        if (!isNonEmptyString(label)) errors.push(`scale.labels: label ${index + 1} for locale "${locale}" is empty`);
      });
    }
  }

  // Scales.
  const scales: InstrumentScale[] = Array.isArray(def.scales) ? def.scales : [];
  if (!Array.isArray(def.scales) || scales.length === 0) errors.push('scales: at least one scale is required');
  const scaleKeys = new Set<string>();
  scales.forEach((scale, index) => {
    const where = `scale ${index + 1}${isNonEmptyString(scale.key) ? ` ("${scale.key}")` : ''}`;
    if (!isNonEmptyString(scale.key)) errors.push(`${where}: key must be a non-empty string`);
    else if (scale.key === TOTAL_SCALE_KEY) errors.push(`${where}: key "${TOTAL_SCALE_KEY}" is reserved for the overall score`);
    else if (scaleKeys.has(scale.key)) errors.push(`${where}: duplicate scale key "${scale.key}"`);
    else scaleKeys.add(scale.key);
    checkLocalized(errors, `${where} name`, scale.name);
    if (!Number.isInteger(scale.minItems) || scale.minItems < 1) errors.push(`${where}: minItems must be an integer of at least 1`);
  });

  // Items.
  const items: InstrumentItem[] = Array.isArray(def.items) ? def.items : [];
  if (!Array.isArray(def.items) || items.length === 0) errors.push('items: at least one item is required');
  const itemIds = new Set<string>();
  const itemsPerScale = new Map<string, number>();
  items.forEach((item, index) => {
    const where = `item ${index + 1}${isNonEmptyString(item.id) ? ` ("${item.id}")` : ''}`;
    if (!isNonEmptyString(item.id)) errors.push(`${where}: id must be a non-empty string`);
    else if (itemIds.has(item.id)) errors.push(`${where}: duplicate item id "${item.id}"`);
    else itemIds.add(item.id);
    if (!scaleKeys.has(item.scaleKey)) errors.push(`${where}: refers to unknown scale "${String(item.scaleKey)}"`);
    else itemsPerScale.set(item.scaleKey, (itemsPerScale.get(item.scaleKey) ?? 0) + 1);
    if (typeof item.reverse !== 'boolean') errors.push(`${where}: reverse must be true or false`);
    checkLocalized(errors, `${where} text`, item.text);
  });

  for (const scale of scales) {
    if (!scaleKeys.has(scale.key) || !Number.isInteger(scale.minItems)) continue;
    const count = itemsPerScale.get(scale.key) ?? 0;
    if (count === 0) errors.push(`scale "${scale.key}": has no items`);
    else if (scale.minItems > count) {
      errors.push(`scale "${scale.key}": minItems (${scale.minItems}) is more than its ${count} item(s)`);
    }
  }
  return errors;
}

/**
 * Checks a complete submission of an instrument: every item answered exactly once, with an
 * integer within the answer range, and no unknown items. Messages name the item.
 */
export function validateAnswers(def: InstrumentDefinition, answers: readonly ItemAnswer[]): string[] {
  const errors: string[] = [];
  if (!Array.isArray(answers)) return ['answers: must be a list of {itemId, value}'];
  const known = new Set(def.items.map((item) => item.id));
  const seen = new Set<string>();
  const reportedDuplicate = new Set<string>();
  answers.forEach((answer, index) => {
    const itemId: unknown = answer?.itemId;
    if (typeof itemId !== 'string') {
      errors.push(`answer ${index + 1}: itemId must be a string`);
      return;
    }
    if (!known.has(itemId)) {
      errors.push(`item "${itemId}": unknown item`);
      return;
    }
    if (seen.has(itemId)) {
      if (!reportedDuplicate.has(itemId)) errors.push(`item "${itemId}": answered more than once`);
      reportedDuplicate.add(itemId);
      return;
    }
    seen.add(itemId);
    const value: unknown = answer.value;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      errors.push(`item "${itemId}": value must be an integer from ${def.scale.min} to ${def.scale.max}`);
    } else if (value < def.scale.min || value > def.scale.max) {
      errors.push(`item "${itemId}": value ${value} is outside the range ${def.scale.min}–${def.scale.max}`);
    }
  });
  for (const item of def.items) {
    if (!seen.has(item.id)) errors.push(`item "${item.id}": not answered`);
  }
  return errors;
}

/** True when every text a respondent sees (items, scales, answer labels) exists in `locale`. */
export function instrumentHasLocale(def: InstrumentDefinition, locale: Locale): boolean {
  const has = (text: Partial<Record<Locale, string>> | undefined) => isNonEmptyString(text?.[locale]);
  return (
    Array.isArray(def.scale?.labels?.[locale]) &&
    def.items.every((item) => has(item.text)) &&
    def.scales.every((scale) => has(scale.name))
  );
}

/**
 * The language an instrument is presented in: the first of `preferred` (the learner's
 * language, then the course's) that the instrument is written in, else English.
 */
export function presentationLocale(def: InstrumentDefinition, preferred: readonly unknown[]): Locale {
  for (const candidate of preferred) {
    if (typeof candidate === 'string' && (LOCALES as readonly string[]).includes(candidate) && instrumentHasLocale(def, candidate as Locale)) {
      return candidate as Locale;
    }
  }
  return 'en';
}
