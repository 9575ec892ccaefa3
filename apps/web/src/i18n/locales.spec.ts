import { describe, expect, it } from '@jest/globals';

// Imported with the JSON attribute: jest's ESM mode deprecates JSON imports without it (and swc
// drops the attribute from static imports, so they are dynamic here).
const json = { with: { type: 'json' } } as const;
const { default: en } = await import('./locales/en.json', json);
const { default: it_ } = await import('./locales/it.json', json);
const { default: de } = await import('./locales/de.json', json);
const { default: fr } = await import('./locales/fr.json', json);

/** Every leaf of a translation tree as `a.b.c` → value (checked at run time: JSON may hold anything). */
function flatten(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof tree !== 'object' || tree === null) {
    out.set(prefix, tree);
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

const reference = flatten(en);
const locales: Record<string, Map<string, unknown>> = {
  en: reference,
  it: flatten(it_),
  de: flatten(de),
  fr: flatten(fr),
};

describe('web translations', () => {
  it('has a reference (English) with keys', () => {
    expect(reference.size).toBeGreaterThan(100);
  });

  for (const [locale, messages] of Object.entries(locales)) {
    describe(locale, () => {
      it('has every key of the English reference', () => {
        const missing = [...reference.keys()].filter((key) => !messages.has(key));
        expect(missing).toEqual([]);
      });

      it('has no key the English reference lacks', () => {
        const extra = [...messages.keys()].filter((key) => !reference.has(key));
        expect(extra).toEqual([]);
      });

      it('has no empty or non-text value', () => {
        const empty = [...messages.entries()].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
        expect(empty).toEqual([]);
      });

      it('keeps the same {{placeholders}} as English', () => {
        const different = [...reference.entries()]
          .filter(([key, value]) => {
            const translated = messages.get(key);
            return typeof value === 'string' && typeof translated === 'string' && placeholders(value).join() !== placeholders(translated).join();
          })
          .map(([key]) => key);
        expect(different).toEqual([]);
      });
    });
  }
});
