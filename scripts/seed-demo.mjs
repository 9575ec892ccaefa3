// npm run seed:demo: loads the demo organisation and sign-ins into an EMPTY database, only when
// KINDLING_DEMO is on (the default outside NODE_ENV=production). Uses the compiled code
// (npm run build:server first; npm start does both).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
if (!existsSync('dist/apps/api/src/cli/seed-demo.js')) {
  console.error('The server is not built yet: run `npm run build:server` first.');
  process.exit(1);
}
const result = spawnSync('node', ['dist/apps/api/src/cli/seed-demo.js'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
