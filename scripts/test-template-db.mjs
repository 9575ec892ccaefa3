// npm test: copies the freshly migrated test database to KINDLING_TEST_TEMPLATE_DB, from which
// tests/support/isolated-stack.ts makes each browser test file a database of its own in a moment.
// Runs before jest, while nothing is connected to the source (CREATE DATABASE … TEMPLATE needs that).
import pg from 'pg';

const source = new URL(process.env.DATABASE_URL);
const name = decodeURIComponent(source.pathname.slice(1));
const template = process.env.KINDLING_TEST_TEMPLATE_DB;
if (!template || !template.startsWith(`${name}_`)) throw new Error(`KINDLING_TEST_TEMPLATE_DB must be ${name}_<something>`);
const admin = new URL(source);
admin.pathname = '/postgres';
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
const quote = (s) => `"${s.replace(/"/g, '""')}"`;
await client.query(`DROP DATABASE IF EXISTS ${quote(template)} WITH (FORCE)`);
await client.query(`CREATE DATABASE ${quote(template)} TEMPLATE ${quote(name)}`);
await client.end();
