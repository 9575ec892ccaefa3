import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';

export interface DataSourceSettings {
  databaseUrl: string;
  /** Pool size per process; the API and the worker each hold one pool. */
  poolSize?: number;
  applicationName?: string;
  /**
   * Every transaction read-only (`default_transaction_read_only`): the replica's pool, so a write
   * sent there by mistake fails even when DATABASE_REPLICA_URL names a writable server.
   */
  readOnly?: boolean;
}

export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.databaseUrl,
    entities: [],
    migrations,
    migrationsTableName: 'kindling_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: settings.poolSize ?? 20,
      application_name: settings.applicationName ?? 'kindling',
      connectionTimeoutMillis: 5_000,
      // Fail a statement rather than hang a request forever when the database stalls.
      statement_timeout: 30_000,
      ...(settings.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    },
    ...(settings.readOnly ? { installExtensions: false } : {}),
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

/** Creates the database named in the URL when it does not exist (connecting to `postgres`). */
export async function ensureDatabase(databaseUrl: string): Promise<{ created: boolean; name: string }> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return { created: false, name };
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return { created: true, name };
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = createDataSource({ databaseUrl, poolSize: 2, applicationName: 'kindling-migrate' });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    // Several processes may start at once (replicas, test workers): one migrates, the others wait.
    await runner.query('SELECT pg_advisory_lock(7245001)');
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(7245001)').catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
