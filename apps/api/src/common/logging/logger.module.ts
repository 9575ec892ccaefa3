import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { redactUrl } from './redact-url.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The pino-http options of the API's access log. Every line logged while a request is handled
 * carries its request id (taken from a sane X-Request-Id header, or made here). The URL is
 * logged through `redactUrl`: invitation, password-reset and e-mail-verification tokens (in
 * the path or in a `token=`-like query parameter) never reach the log.
 */
export function kindlingPinoHttpOptions(config: Pick<KindlingConfig, 'logLevel'>): Options {
  return {
    level: config.logLevel,
    genReqId: (req: IncomingMessage, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: unknown }).id }),
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
  };
}

/**
 * JSON logs through pino; nestjs-pino keeps the request's child logger in AsyncLocalStorage,
 * so every line logged while a request is handled carries its request id.
 */
export const KindlingLoggerModule = LoggerModule.forRootAsync({
  inject: [KINDLING_CONFIG],
  useFactory: (config: KindlingConfig) => ({ pinoHttp: kindlingPinoHttpOptions(config) }),
});
