/** Command-line options of npm run bench (see run.ts). */
export interface Options {
  database: string;
  small: number;
  large: number;
  duration: number;
  reportConnections: number;
  certificates: number;
  only: Set<string>;
  /** one-shot write lines (i, j): at most this many requests (a busy machine cannot send 8,000 in reasonable time) */
  onceMax: number;
  out: string;
  results: string;
}

export const ALL = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

export function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    const v = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got ${raw})`);
    return v;
  };
  const database = value('database') ?? 'kindling_bench';
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error('--database must be a plain lower-case name');
  if (database === 'kindling' || database === 'postgres') throw new Error(`--database ${database}: the benchmark drops its database; pick another name`);
  const only = new Set((value('only') ?? ALL.join(',')).split(',').map((s) => s.trim()));
  for (const o of only) if (!ALL.includes(o)) throw new Error(`--only takes letters among ${ALL.join(',')} (got ${o})`);
  const partial = ALL.some((o) => !only.has(o));
  return {
    database,
    small: int('small', 10_000, 100),
    large: int('large', 100_000, 100),
    duration: int('duration', 10, 1),
    reportConnections: int('connections-reports', 4, 1),
    certificates: int('certificates', 600, 10),
    only,
    onceMax: int('once-max', 8_000, 64),
    out: value('out') ?? 'bench',
    results: value('results') ?? (partial ? `results-${[...only].sort().join('')}.json` : 'results.json'),
  };
}
