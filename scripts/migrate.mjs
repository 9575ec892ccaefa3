// npm run migrate: creates the database when missing and applies pending migrations,
// using the compiled code (npm run build:server first; npm start does both).
import { existsSync } from 'node:fs';
if (!existsSync('dist/libs/db/src/index.js')) {
  console.error('The server is not built yet: run `npm run build:server` first.');
  process.exit(1);
}
const { loadConfigOrExit } = await import('../dist/libs/config/src/index.js');
const { ensureDatabase, runMigrations } = await import('../dist/libs/db/src/index.js');
const config = loadConfigOrExit();
const db = await ensureDatabase(config.databaseUrl);
if (db.created) console.log(`created database ${db.name}`);
const applied = await runMigrations(config.databaseUrl);
console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
