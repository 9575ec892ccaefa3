import autocannon, { type RawRequest } from 'autocannon';

/** What one load run measured: throughput of successful answers and latency percentiles in ms. */
export interface LoadResult {
  requests: number;
  ok: number;
  /** Non-2xx answers plus socket errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  /** First few error answers, for the report. */
  errorSamples: string[];
  seconds: number;
  /** Successful answers per second over the run. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Every latency, sorted (ms): only with `keepLatencies`, to merge rounds (never written to results). */
  latencies?: number[];
}

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  /** Seconds; the run stops then (or after `amount` requests). */
  duration?: number;
  amount?: number;
  overallRate?: number;
  /** Builds each request: called once per request, in order, from one thread. */
  next: (n: number) => RawRequest;
  timeoutSeconds?: number;
  /** Keep the sorted latencies in the result (for mergeLoads). */
  keepLatencies?: boolean;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/**
 * One autocannon run on loopback, bounded by duration or amount. Latencies are recorded per
 * answer from autocannon's `response` event (raw, not corrected), so p95 is exact.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const errorSamples: string[] = [];
  let n = 0;
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration ?? 10 }),
    ...(options.overallRate !== undefined ? { overallRate: options.overallRate } : {}),
    timeout: options.timeoutSeconds ?? 30,
    requests: [
      {
        setupRequest: (request) => {
          const built = options.next(n++);
          return { ...request, ...built, headers: { ...(request.headers ?? {}), ...(built.headers ?? {}) } };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statusCodes[String(statusCode)] = (statusCodes[String(statusCode)] ?? 0) + 1;
  });
  const started = Date.now();
  const result = await instance;
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  const socketErrors = result.errors + result.timeouts;
  if (socketErrors > 0 && errorSamples.length < 5) errorSamples.push(`${result.errors} socket errors, ${result.timeouts} timeouts`);
  return {
    requests: latencies.length + socketErrors,
    ok,
    errors: latencies.length - ok + socketErrors,
    statusCodes,
    errorSamples,
    seconds,
    rps: ok / seconds,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? Number.NaN),
    ...(options.keepLatencies ? { latencies } : {}),
  };
}

/**
 * Several rounds of one load as one: counts and seconds added up, percentiles over every answer
 * of every round (rounds run with `keepLatencies`). The latencies are not kept in the merge.
 */
export function mergeLoads(parts: readonly LoadResult[]): LoadResult {
  const all = parts.flatMap((p) => p.latencies ?? []).sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const p of parts) for (const [code, count] of Object.entries(p.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  const ok = parts.reduce((sum, p) => sum + p.ok, 0);
  const seconds = parts.reduce((sum, p) => sum + p.seconds, 0);
  return {
    requests: parts.reduce((sum, p) => sum + p.requests, 0),
    ok,
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    statusCodes,
    errorSamples: parts.flatMap((p) => p.errorSamples).slice(0, 5),
    seconds: round(seconds),
    rps: seconds > 0 ? ok / seconds : 0,
    p50: round(percentile(all, 50)),
    p95: round(percentile(all, 95)),
    p99: round(percentile(all, 99)),
    max: round(all[all.length - 1] ?? Number.NaN),
  };
}

const round = (v: number): number => Math.round(v * 100) / 100;
