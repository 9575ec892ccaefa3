import { randomBytes } from 'node:crypto';
import { ensureDatabase, runMigrations } from '@kindling/db';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * A database and a Redis prefix of its own for one test file's API + worker processes.
 *
 * Why: a worker relays every outbox row of the database it is given (FOR UPDATE SKIP LOCKED,
 * as it must in production) and takes every job under its Redis prefix, and it renders what it
 * takes with its own PUBLIC_URL. Two browser test files run at once, each with its own stack
 * on its own port: on a shared database, one file's certificate could be issued by the other
 * file's worker, naming the other port as the credential's issuer — and this stack's verifier
 * then rightly refuses it as "not one of this server's issuers" (tests/browser/credentials
 * failed that way in full runs only). E-mail links, reminder links and QR codes had the same
 * race, and the shared "verify" rate-limit bucket on loopback too.
 *
 * scripts/test.mjs leaves a migrated template (KINDLING_TEST_TEMPLATE_DB) that nobody connects
 * to, so a copy takes a moment; when jest is run by hand without it, the database is migrated.
 */
export interface IsolatedStack {
  databaseUrl: string;
  queuePrefix: string;
  /** DATABASE_URL and KINDLING_QUEUE_PREFIX for startStack. */
  env: Record<string, string>;
  /** Drops the database and deletes the prefix's Redis keys. */
  drop(): Promise<void>;
}

export async function isolatedStack(label = 'stack'): Promise<IsolatedStack> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL must name a scratch database for tests that start the API and worker');
  const suffix = `${label}_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  const name = `${decodeURIComponent(url.pathname.slice(1))}_${suffix}`.slice(0, 63);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const admin = new URL(base);
  admin.pathname = '/postgres';

  const template = process.env.KINDLING_TEST_TEMPLATE_DB;
  if (template) {
    await withClient(admin.toString(), async (client) => {
      // CREATE DATABASE … TEMPLATE refuses while another session is connected to the template;
      // none should be, but a copy running at the same moment is retried rather than failed.
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`);
          return;
        } catch (e) {
          if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
          await new Promise((r) => setTimeout(r, 250 * attempt));
        }
      }
    });
  } else {
    await ensureDatabase(databaseUrl);
    await runMigrations(databaseUrl);
  }

  const queuePrefix = `${(process.env.KINDLING_QUEUE_PREFIX ?? '{kindling-test}').replace(/\}$/, '')}-${suffix}}`;
  return {
    databaseUrl,
    queuePrefix,
    env: { DATABASE_URL: databaseUrl, KINDLING_QUEUE_PREFIX: queuePrefix },
    drop: async () => {
      await withClient(admin.toString(), (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`)).catch(() => undefined);
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
      } catch {
        // scripts/cleanup-test-run.mjs deletes every key of the run anyway
      } finally {
        redis.disconnect();
      }
    },
  };
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function withClient<T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
