import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { AppModule } from '../app.module.js';
import { AdminBootstrapRefused } from '../identity/admin-bootstrap.service.js';
import { loadDemoData } from './demo-data.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-data.js';

/**
 * Loads the demo data into an EMPTY database when KINDLING_DEMO is on (the default outside
 * production) and prints the demo sign-ins; see demo-data.ts. Booting the application
 * context also runs the admin bootstrap (KINDLING_ADMIN_EMAIL), so in production an empty
 * database gets that admin and nothing else.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const config = app.get<KindlingConfig>(KINDLING_CONFIG);
    const { report } = await loadDemoData(app, config.demoData);
    process.stdout.write(`${report.join('\n')}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  // A refused admin bootstrap is a configuration problem: one line saying why, no stack.
  if (error instanceof AdminBootstrapRefused) {
    process.stderr.write(`start-up refused: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
