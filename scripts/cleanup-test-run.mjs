// Drops the throw-away test database and deletes this run's Redis keys (never FLUSHALL:
// other runs may share the server).
import pg from 'pg';
import { Redis } from 'ioredis';

const dbUrl = new URL(process.env.DATABASE_URL);
const name = dbUrl.pathname.slice(1);
if (!name.startsWith('kindling_test_')) throw new Error(`refusing to drop ${name}`);
dbUrl.pathname = '/postgres';
const client = new pg.Client({ connectionString: dbUrl.toString() });
await client.connect();
// The run's database, the Node 24 pass's, the browser tests' template and any database a test
// file made for itself and could not drop (all named `<run's database>_…`).
const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_')`, [name]);
for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
await client.end();

const prefix = process.env.KINDLING_QUEUE_PREFIX;
if (prefix && prefix.startsWith('{kindling-test-')) {
  const redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  let deleted = 0;
  do {
    // `{kindling-test-<run>` + anything: this run's prefix and the Node 24 pass's `{…n24}`.
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix.replace(/\}$/, '')}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  console.log(`[kindling] dropped ${rows.length} database${rows.length === 1 ? '' : 's'} of ${name}; deleted ${deleted} Redis keys`);
}
