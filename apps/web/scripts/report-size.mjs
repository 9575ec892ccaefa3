#!/usr/bin/env node
// Prints the gzip size of the JavaScript the learner route loads (the entry chunk and every chunk
// it imports statically, read from Vite's manifest) and fails above the budget (issue 8, point 10).
// Staff, author and admin pages are lazy chunks: they are reached only through dynamic imports and
// are therefore not counted. Run after `vite build`; vite.config.ts also calls it at the end of the build.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Budget in bytes of gzip-compressed JavaScript: 200 KB. */
export const LEARNER_BUDGET_BYTES = 200 * 1000;

/** @typedef {Record<string, { file: string, isEntry?: boolean, imports?: string[] } | undefined>} Manifest */
const parseManifest = /** @type {(text: string) => Manifest} */ (JSON.parse);

/**
 * @param {{ outDir: string, budget?: number, log?: (line: string) => void }} options
 * @returns {{ total: number, budget: number, ok: boolean, files: { file: string, raw: number, gzip: number }[] }}
 */
export function reportLearnerSize({ outDir, budget = LEARNER_BUDGET_BYTES, log = (line) => { console.log(line); } }) {
  const manifest = parseManifest(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (entryKey === undefined) throw new Error('report-size: no entry chunk in the Vite manifest');

  /** @type {Set<string>} */
  const seen = new Set();
  /** @param {string} key */
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entryKey);

  /** @type {{ file: string, raw: number, gzip: number }[]} */
  const files = [];
  for (const key of seen) {
    const file = manifest[key]?.file;
    if (!file?.endsWith('.js')) continue;
    const bytes = readFileSync(join(outDir, file));
    files.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  const kb = (/** @type {number} */ n) => `${(n / 1000).toFixed(1)} KB`;

  log('Learner route JavaScript (entry chunk + static imports):');
  for (const f of files) log(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} raw  ${kb(f.gzip).padStart(10)} gzip`);
  log(`  total ${kb(total)} gzip of a ${kb(budget)} budget`);
  const ok = total <= budget;
  if (!ok) log(`  over budget by ${kb(total - budget)}: split more code out of the learner route`);
  return { total, budget, ok, files };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = resolve(process.argv[2] ?? join(here, '..', '..', '..', 'dist', 'web'));
  const { ok } = reportLearnerSize({ outDir });
  process.exitCode = ok ? 0 : 1;
}
