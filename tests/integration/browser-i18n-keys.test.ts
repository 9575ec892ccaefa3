import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * Issue 8 point 7, the other half of apps/web/src/i18n/locales.spec.ts (which proves that every
 * language has every English key): every key the web app's code names exists in the English
 * reference — so a string added to a component without its translations fails here. Pure file
 * reads; it sits with the integration tests because the web app's own tsconfig has no Node types.
 */
type Tree = { [key: string]: string | Tree };

const webSrc = join(process.cwd(), 'apps', 'web', 'src');
const load = (locale: string): Tree => JSON.parse(readFileSync(join(webSrc, 'i18n', 'locales', `${locale}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const k of flatten(value, path)) out.add(k);
    else out.add(path);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return ['.ts', '.tsx'].includes(extname(entry.name)) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * Keys named literally: `t('a.b')`, and message keys such as `'validation.required'` given to zod
 * and translated where they are shown. Keys built at run time (`t(`status.${s}`)`) cannot be read
 * here; the browser tests render those pages in all four languages.
 */
function keysUsedInCode(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(webSrc)) {
    const text = readFileSync(file, 'utf8');
    const where = file.slice(webSrc.length + 1);
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) used.set(m[1]!, where);
    for (const m of text.matchAll(/'((?:validation|errors)\.[A-Za-z0-9_.]+)'/g)) used.set(m[1]!, where);
  }
  return used;
}

/** i18next plural forms: `key` is satisfied by `key_one`, `key_other`, … */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const has = (keys: Set<string>, key: string): boolean => keys.has(key) || [...keys].some((k) => k.startsWith(`${key}_`) && PLURAL.test(k));

describe('web app translation keys used in code (issue 8)', () => {
  const used = keysUsedInCode();

  it('finds the keys the components use', () => {
    expect(used.size).toBeGreaterThan(100);
  });

  for (const locale of ['en', 'it', 'de', 'fr']) {
    it(`every key the code names exists in ${locale}.json`, () => {
      const keys = flatten(load(locale));
      const missing = [...used.entries()].filter(([key]) => !has(keys, key)).map(([key, file]) => `${key} (${file})`);
      expect(missing).toEqual([]);
    });
  }
});
