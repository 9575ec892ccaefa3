import type { TestingModule } from '@nestjs/testing';
import type { KindlingConfig } from '@kindling/config';
import type { PdfStorage } from '@kindling/storage';
import { buildWorker } from './context.js';

/**
 * The worker's services, built by the worker's own dependency injection (real PostgreSQL and
 * Redis) but not started: no queue consumers, no outbox relay loop, no sweep timer — a test
 * calls the services itself. Choose a configuration or a PDF store to replace the real ones.
 * `close()` releases the database pool and any queue connection the services opened.
 * (The same builder as the test context's `ctx.worker` / `ctx.startWorker()`.)
 */
export async function workerServices(overrides: { config?: KindlingConfig; storage?: PdfStorage } = {}): Promise<TestingModule> {
  return buildWorker(overrides);
}
