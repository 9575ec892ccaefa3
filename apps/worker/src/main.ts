import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@kindling/config';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module.js';

/**
 * The worker process: no HTTP, only queue processors, the outbox relay and periodic
 * sweeps. Scale it horizontally; every handler is idempotent.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.get(Logger).log(`Kindling worker started (concurrency ${config.workerConcurrency})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.get(Logger).log(`${signal}: worker finishing current jobs`);
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5_000).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
