import type { MachineInfo } from './machine.js';
import type { LoadResult } from './load.js';

/** One line of the results table. */
export interface Line {
  id: string;
  what: string;
  figures: Record<string, number | string>;
  target: string;
  /** true met, false missed, null: no target or not measured. */
  met: boolean | null;
  note?: string;
  /** The raw measurement (status codes, error samples, …). */
  detail?: unknown;
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const r1 = (v: number) => Math.round(v * 10) / 10;
export const r2 = (v: number) => Math.round(v * 100) / 100;
export const say = (line: string) => process.stdout.write(`${line}\n`);

export const shuffle = <T>(list: T[]): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
};

export const loadFigures = (r: LoadResult) => ({
  'req/s': r1(r.rps),
  p50: r2(r.p50),
  p95: r2(r.p95),
  p99: r2(r.p99),
  requests: r.requests,
  errors: r.errors,
});

export function printTable(lines: Line[], machine: MachineInfo): void {
  const rows = lines.map((l) => [
    l.id,
    l.what,
    Object.entries(l.figures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    l.target,
    l.met === null ? '—' : l.met ? 'met' : 'MISSED',
  ]);
  const head = ['#', 'measurement', 'figures (ms unless stated)', 'target', ''];
  const widths = head.map((h, i) => Math.min(i === 1 ? 70 : i === 2 ? 80 : 40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  say(`\nResults — ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, ${machine.date}`);
  say(fmt(head));
  say(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) say(fmt(r));
  for (const l of lines) if (l.note) say(`  ${l.id}: ${l.note}`);
}
