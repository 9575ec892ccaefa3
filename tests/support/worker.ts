import { Test, type TestingModule } from '@nestjs/testing';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

/**
 * The worker's services, built by the worker's own dependency injection (real PostgreSQL and
 * Redis) but not started: no queue consumers, no outbox relay loop, no sweep timer — a test
 * calls the services itself. Choose a configuration or a PDF store to replace the real ones.
 * `close()` releases the database pool and any queue connection the services opened.
 */
export async function workerServices(overrides: { config?: KindlingConfig; storage?: PdfStorage } = {}): Promise<TestingModule> {
  let builder = Test.createTestingModule({ imports: [WorkerModule] });
  if (overrides.config) builder = builder.overrideProvider(KINDLING_CONFIG).useValue(overrides.config);
  if (overrides.storage) builder = builder.overrideProvider(PDF_STORAGE).useValue(overrides.storage);
  const worker = await builder.compile();
  worker.useLogger(false);
  return worker;
}
