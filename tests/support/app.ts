import type { NestExpressApplication } from '@nestjs/platform-express';
import { ensureDatabase, runMigrations } from '@kindling/db';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app.factory.js';

/**
 * Boots the real API (real PostgreSQL, real Redis) in the test process. scripts/test.mjs
 * points DATABASE_URL at a throw-away database; when jest is run by hand, set DATABASE_URL
 * to a scratch database — it is created and migrated here.
 */
export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  db: DataSource;
  close(): Promise<void>;
}

let migrated: Promise<void> | null = null;

export async function prepareDatabase(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name a scratch database for integration tests (npm test sets it)');
  migrated ??= ensureDatabase(url)
    .catch(() => undefined) // another jest worker may be creating it at the same moment
    .then(() => runMigrations(url))
    .then(() => undefined);
  await migrated;
}

export async function startTestApp(): Promise<TestApp> {
  await prepareDatabase();
  const app = await createApiApp({ logger: false });
  await app.init();
  const db = app.get(DataSource);
  return {
    app,
    http: supertest(app.getHttpServer()),
    db,
    close: () => app.close(),
  };
}

/** A unique suffix so tests sharing one database never collide. */
export function unique(prefix = 't'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
