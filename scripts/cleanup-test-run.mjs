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
// The run's database and the one the Node 24 pass used.
for (const db of [name, `${name}_node24`]) await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
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
  console.log(`[kindling] dropped ${name}; deleted ${deleted} Redis keys`);
}
