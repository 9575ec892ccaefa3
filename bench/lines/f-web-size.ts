import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Line, r1, say } from '../lib/report.js';

// ---------- (f) learner route gzip size ----------
export function webSize(): Line {
  const outDir = 'dist/web';
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) {
    return { id: 'f', what: 'learner route JavaScript, gzip', figures: {}, target: '≤ 200 KB', met: null, note: 'web app not built (npm run build:web)' };
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
  };
  if (entry) visit(entry);
  let raw = 0;
  let gz = 0;
  for (const key of seen) {
    const file = manifest[key]?.file;
    if (!file?.endsWith('.js')) continue;
    const bytes = readFileSync(join(outDir, file));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  say(`\n(f) learner route: ${seen.size} chunks, ${(raw / 1000).toFixed(1)} KB raw, ${(gz / 1000).toFixed(1)} KB gzip`);
  return {
    id: 'f',
    what: `learner route JavaScript (entry + static imports, ${seen.size} chunks), gzip -9`,
    figures: { 'KB gzip': r1(gz / 1000), 'KB raw': r1(raw / 1000) },
    target: '≤ 200 KB (web budget)',
    met: gz <= 200_000,
  };
}
