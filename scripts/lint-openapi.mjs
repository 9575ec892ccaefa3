// npm run lint:openapi: starts the BUILT API in-process (DATABASE_URL and REDIS_URL must
// answer; npm test gives it its throw-away database), fetches the document it serves at
// /api/docs-json, writes it to .test-results/openapi.json and lints it with @redocly/cli's
// recommended rules (redocly.yaml). Exit status: redocly's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

if (!existsSync('dist/apps/api/src/app.factory.js')) {
  console.error('The server is not built yet: run `npm run build:server` first.');
  process.exit(1);
}
process.env.LOG_LEVEL ||= 'silent';
process.env.JWT_SECRET ||= 'openapi-lint-only-0123456789abcdef0123456789';
const { createApiApp } = await import('../dist/apps/api/src/app.factory.js');
const app = await createApiApp({ logger: false });
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address();
const document = await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json();
await app.close();

mkdirSync('.test-results', { recursive: true });
const file = '.test-results/openapi.json';
writeFileSync(file, JSON.stringify(document, null, 2));
const operations = Object.values(document.paths).flatMap((item) => Object.keys(item)).length;
console.log(`[kindling] OpenAPI: ${operations} operations in ${Object.keys(document.paths).length} paths → ${file}`);
// Not a Redocly rule, but what the generated web client needs: a schema for every 2xx answer
// with a body. A response without one fails the check.
const bodiless = new Set(['202', '204']);
const noSchema = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) =>
    Object.entries(op.responses ?? {})
      .filter(([code, res]) => /^2/.test(code) && !bodiless.has(code) && !Object.values(res.content ?? {}).some((c) => c.schema))
      .map(([code]) => `${method.toUpperCase()} ${path} (${op.operationId}) ${code}`),
  ),
);
if (noSchema.length) {
  console.error(`[kindling] ${noSchema.length} 2xx responses without a schema (the controller must declare one):\n  ${noSchema.join('\n  ')}`);
  process.exitCode = 1;
}
const r = spawnSync('npx', ['--no-install', 'redocly', 'lint', file, '--config', 'redocly.yaml', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(process.exitCode || (r.status ?? 1));
