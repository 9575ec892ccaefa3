import 'reflect-metadata';
import { loadConfigOrExit } from '@kindling/config';
import { createApiApp } from './app.factory.js';

/**
 * The API process. Stateless: run as many as you like behind a load balancer.
 * On SIGTERM/SIGINT it stops accepting connections, lets requests in flight finish, and
 * exits; if that takes longer than SHUTDOWN_TIMEOUT_MS it exits anyway.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp();
  const server = await app.listen(config.port, '0.0.0.0');
  server.keepAliveTimeout = 65_000;
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), msg: `Kindling API listening on ${config.publicUrl} (port ${config.port})` })}\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: `${signal}: API shutting down` })}\n`);
    setTimeout(() => {
      process.stderr.write('API shutdown timed out; exiting\n');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    server.closeIdleConnections?.();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
