import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source.js';
import { queryFirst } from './sql.js';

/**
 * The read replica (a PostgreSQL streaming standby, DATABASE_REPLICA_URL) for reads that may be
 * a little behind: the cohort reports and their exports. Without a replica this token is the
 * primary's DataSource, so code that reads through it works the same on one database.
 */
export const REPLICA_DATA_SOURCE = Symbol('REPLICA_DATA_SOURCE');
const REPLICA_SETTINGS = Symbol('REPLICA_SETTINGS');

export interface ReplicaSettings {
  /** The standby's URL; null: no replica, every read goes to the primary. */
  databaseUrl: string | null;
  /** Above this replay lag (ms) the replica is not used: reads fall back to the primary. */
  maxLagMs: number;
  applicationName?: string;
  poolSize?: number;
}

/**
 * How fresh a read must be.
 * - `stale-ok` (dashboards, progress pages): the replica while its replay lag is within
 *   `maxLagMs`.
 * - `read-your-writes` (exports): the replica only when it has replayed everything the primary
 *   had written when the read began (its WAL position), so a file asked for right after a change
 *   holds that change; otherwise the primary.
 * - `primary` (`?fresh=1`): always the primary.
 */
export type ReadFreshness = 'stale-ok' | 'read-your-writes' | 'primary';

/** Where a read went, and why (for tests and logs). */
export interface ReadChoice {
  db: DataSource;
  replica: boolean;
  reason: 'no-replica' | 'replica' | 'asked-for-primary' | 'lagging' | 'not-caught-up' | 'unavailable';
}

interface LagSample {
  at: number;
  /** null: the replica could not be asked (down, or not a PostgreSQL standby we can read). */
  lagMs: number | null;
}

/** How long one lag measurement is reused: at most one probe per second per process. */
export const LAG_CACHE_MS = 1_000;
/** A replica that failed to connect is tried again after this long. */
const RECONNECT_AFTER_MS = 10_000;
/** Exports wait this long at most for the replica to reach the primary's WAL position. */
const CATCH_UP_WAIT_MS = 100;
/** A probe that takes longer (an unreachable host, not a refused one) counts as "unavailable". */
const PROBE_TIMEOUT_MS = 500;

/** `promise`, or `fallback` when it has not settled within `ms` (the promise runs on). */
async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Picks the data source of a read: the replica when one is configured, it is within the lag
 * bound and the read allows it; the primary otherwise (also when the replica is down — a report
 * is slower then, never wrong or failing). Writes never come here: they use the primary's
 * DataSource directly.
 *
 * The lag probe is one cheap statement on the replica, cached for a second (concurrent callers
 * share one probe): replay lag is `now() - pg_last_xact_replay_timestamp()` unless the standby
 * has replayed everything it received (then 0 — an idle primary commits nothing, and the
 * timestamp alone would make a caught-up standby look hours behind).
 */
@Injectable()
export class ReplicaRouter {
  private readonly logger = new Logger('ReplicaRouter');
  private sample: LagSample | null = null;
  private probing: Promise<LagSample> | null = null;
  private lastConnectAttempt = 0;

  constructor(
    private readonly primary: DataSource,
    @Inject(REPLICA_DATA_SOURCE) private readonly replica: DataSource,
    @Inject(REPLICA_SETTINGS) private readonly settings: ReplicaSettings,
  ) {}

  /** Whether a separate replica is configured at all. */
  get configured(): boolean {
    return this.replica !== this.primary;
  }

  /** The data source for one read of the given freshness. */
  async source(freshness: ReadFreshness): Promise<ReadChoice> {
    if (!this.configured) return { db: this.primary, replica: false, reason: 'no-replica' };
    if (freshness === 'primary') return { db: this.primary, replica: false, reason: 'asked-for-primary' };
    const { lagMs } = await this.lag();
    if (lagMs === null) return { db: this.primary, replica: false, reason: 'unavailable' };
    if (lagMs > this.settings.maxLagMs) return { db: this.primary, replica: false, reason: 'lagging' };
    if (freshness === 'read-your-writes' && !(await within(this.caughtUpWithPrimary(), CATCH_UP_WAIT_MS + PROBE_TIMEOUT_MS, false))) {
      return { db: this.primary, replica: false, reason: 'not-caught-up' };
    }
    return { db: this.replica, replica: true, reason: 'replica' };
  }

  /** The replica's replay lag in ms (cached for LAG_CACHE_MS); null when it cannot be asked. */
  async lag(): Promise<LagSample> {
    const now = Date.now();
    if (this.sample && now - this.sample.at < LAG_CACHE_MS) return this.sample;
    this.probing ??= this.probe()
      .then((sample) => (this.sample = sample))
      .finally(() => {
        this.probing = null;
      });
    return within(this.probing, PROBE_TIMEOUT_MS, { at: now, lagMs: null });
  }

  private async probe(): Promise<LagSample> {
    const at = Date.now();
    try {
      if (!(await this.connected())) return { at, lagMs: null };
      const row = await queryFirst<{ lag_ms: number | null }>(
        this.replica,
        `SELECT CASE
                  WHEN NOT pg_is_in_recovery() THEN 0
                  WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000
                END::float8 AS lag_ms`,
      );
      // No transaction replayed yet and not caught up: unknown, so treat it as too far behind.
      return { at, lagMs: row?.lag_ms ?? Number.POSITIVE_INFINITY };
    } catch (error) {
      this.logger.warn(`replica lag probe failed, reads use the primary: ${(error as Error).message}`);
      return { at, lagMs: null };
    }
  }

  /**
   * Whether the replica has replayed the primary's current WAL position: everything committed
   * before this call is visible there. Waits up to CATCH_UP_WAIT_MS (streaming replay is usually
   * milliseconds behind).
   */
  private async caughtUpWithPrimary(): Promise<boolean> {
    try {
      const target = await queryFirst<{ lsn: string }>(this.primary, 'SELECT pg_current_wal_lsn()::text AS lsn');
      const deadline = Date.now() + CATCH_UP_WAIT_MS;
      for (;;) {
        const row = await queryFirst<{ ok: boolean }>(
          this.replica,
          `SELECT CASE WHEN pg_is_in_recovery() THEN coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) ELSE true END AS ok`,
          [target!.lsn],
        );
        if (row?.ok) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } catch {
      return false;
    }
  }

  /** The replica's pool, connecting it again (at most every RECONNECT_AFTER_MS) when boot could not. */
  private async connected(): Promise<boolean> {
    if (this.replica.isInitialized) return true;
    if (Date.now() - this.lastConnectAttempt < RECONNECT_AFTER_MS) return false;
    this.lastConnectAttempt = Date.now();
    try {
      await this.replica.initialize();
      this.logger.log('replica connected');
      return true;
    } catch (error) {
      this.logger.warn(`replica unreachable, reads use the primary: ${(error as Error).message}`);
      return false;
    }
  }
}

/** Closes the replica's pool at shutdown (never the primary's: TypeORM's module owns that). */
@Injectable()
class ReplicaShutdown implements OnApplicationShutdown {
  constructor(
    private readonly primary: DataSource,
    @Inject(REPLICA_DATA_SOURCE) private readonly replica: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.replica !== this.primary && this.replica.isInitialized) await this.replica.destroy();
  }
}

/**
 * Registers REPLICA_DATA_SOURCE and ReplicaRouter for the whole application (global). Import it
 * once, after TypeORM's root module:
 * `ReplicaModule.forRootAsync({ inject: [KINDLING_CONFIG], useFactory: (c) => ({ databaseUrl: c.databaseReplicaUrl, maxLagMs: c.replicaMaxLagMs }) })`.
 */
@Global()
@Module({})
export class ReplicaModule {
  static forRootAsync(options: { inject: unknown[]; useFactory: (...args: never[]) => ReplicaSettings }): DynamicModule {
    return {
      module: ReplicaModule,
      providers: [
        { provide: REPLICA_SETTINGS, inject: options.inject as never[], useFactory: options.useFactory },
        {
          provide: REPLICA_DATA_SOURCE,
          inject: [DataSource, REPLICA_SETTINGS],
          useFactory: async (primary: DataSource, settings: ReplicaSettings): Promise<DataSource> => {
            if (!settings.databaseUrl) return primary;
            const replica = createDataSource({
              databaseUrl: settings.databaseUrl,
              applicationName: settings.applicationName ?? 'kindling-replica-reads',
              poolSize: settings.poolSize,
              readOnly: true,
            });
            // A replica that is down at boot must not stop the API: reads use the primary until
            // the router's next attempt connects it.
            await replica.initialize().catch((error: unknown) => {
              new Logger('ReplicaModule').warn(`replica unreachable at start, reads use the primary: ${(error as Error).message}`);
            });
            return replica;
          },
        },
        ReplicaRouter,
        ReplicaShutdown,
      ],
      exports: [REPLICA_DATA_SOURCE, ReplicaRouter],
    };
  }
}
