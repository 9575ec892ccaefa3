import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A web app catalogue as it is written: nested keys. */
export type CatalogueTree = { [key: string]: string | CatalogueTree };

/** The web app's catalogue of `locale` (apps/web/src/i18n/locales/<locale>.json). */
export const webCatalogue = (locale: string): CatalogueTree =>
  JSON.parse(readFileSync(join(process.cwd(), 'apps', 'web', 'src', 'i18n', 'locales', `${locale}.json`), 'utf8')) as CatalogueTree;

/** A catalogue's texts by dotted key (`office1.bulk.confirmWithdraw_one`). */
export function flatCatalogue(node: CatalogueTree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else flatCatalogue(v, `${prefix}${k}.`, out);
  }
  return out;
}
