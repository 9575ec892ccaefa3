import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { validationException } from './common/validation/validation-messages.js';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { UsersRepository } from '@kindling/db';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './admin/queue-dashboard.service.js';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { accountLocales } from './common/i18n/caller-locale.js';
import { answerMalformedRequests } from './common/errors/malformed-requests.js';
import { InputSanityPipe, SafeNumbersPipe } from './common/validation/input-sanity.pipe.js';
import { createOpenApiDocument } from './openapi/openapi.js';

export const API_DESCRIPTION = `Kindling's HTTP API. Fixed paths and fields follow CONTRACT.md; everything else is documented here.

Errors always have the shape { statusCode, error, message } where message is a string or a list of strings naming each problem. Unknown body fields are rejected with 400. A resource the caller may not see answers 404.

Authentication: a bearer access token (Authorization: Bearer …) from POST /api/auth/login, or the httpOnly cookie the web app receives.`;

/**
 * Builds the API application with everything main.ts and the tests share: security
 * headers, body limits, validation, the error filter, OpenAPI and the built web app.
 * The caller decides when to listen.
 */
export async function createApiApp(options: { logger?: boolean } = {}): Promise<NestExpressApplication> {
  const quiet = options.logger === false;
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: !quiet,
    logger: quiet ? ['error'] : undefined,
    bodyParser: false,
  });
  if (!quiet) app.useLogger(app.get(Logger));
  configureApp(app);
  return app;
}

export function configureApp(app: NestExpressApplication): void {
  const config = app.get<KindlingConfig>(KINDLING_CONFIG);
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; by default the socket
  // address is the client's address, so a client cannot pick its own rate-limit bucket.
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  app.disable('x-powered-by');
  answerMalformedRequests(app.getHttpServer());
  // The queue dashboard (Bull Board) ships its own inline bootstrap, so it gets its own
  // CSP-free helmet and is mounted before the app-wide one; only admins reach it.
  const dashboard = app.get(QueueDashboard);
  app.use(QUEUE_DASHBOARD_PATH, helmet({ contentSecurityPolicy: false }), cookieParser(), dashboard.adminOnly, dashboard.router());
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Lesson videos: the allow-listed players only (VideoEmbed turns a YouTube link into its no-cookie player).
          'frame-src': ["'self'", 'https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://tube.switch.ch'],
          // Lesson images are uploaded media served from this origin (/api/media/:id); no third-party image hosts.
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': config.nodeEnv === 'production' ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors(
    config.corsOrigins.length > 0 ? { origin: config.corsOrigins, credentials: true } : { origin: false },
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: config.bodyLimit });
  // Spreadsheets arrive as bytes: their encoding (UTF-16, Windows-1252) and format (XLSX) are
  // found by reading them, not from a charset parameter that spreadsheet programs do not send.
  app.useBodyParser('raw', {
    type: ['text/csv', 'text/tab-separated-values', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    limit: config.bodyLimit,
  });
  app.useBodyParser('text', { type: ['text/plain'], limit: config.bodyLimit });
  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalPipes(
    // Before the DTOs: NUL, exponent-form numbers and deep nesting would otherwise be 500s.
    new InputSanityPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      // value stays on the findings (never in an answer): a missing field is then only "… is required".
      validationError: { target: false },
      exceptionFactory: validationException,
    }),
    // After the DTOs: numbers they turned into values JavaScript cannot hold exactly (1e20) are 400s, not SQL errors.
    new SafeNumbersPipe(),
  );
  app.useGlobalFilters(new AllExceptionsFilter(accountLocales(app.get(UsersRepository, { strict: false }))));

  // Security per operation from the route policies, servers, the error shape: openapi/openapi.ts.
  const document = createOpenApiDocument(app, config, { title: 'Kindling API', description: API_DESCRIPTION, version: '1' });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });

  serveWebApp(app, config);
}

/** The built React app: static files, and index.html for every client-side route. */
function serveWebApp(app: INestApplication, config: KindlingConfig): void {
  const dir = resolve(config.webDistDir ?? join(process.cwd(), 'dist', 'web'));
  const index = join(dir, 'index.html');
  const express_ = app.getHttpAdapter().getInstance() as express.Express;
  // API paths never name a file of the web build: they skip the static middleware, which would
  // otherwise stat() a file for every API GET (seen in a CPU profile of the bench's no-op route).
  const assets = express.static(dir, { index: false, maxAge: '1h', setHeaders: immutableAssets });
  express_.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : assets(req, res, next)));
  express_.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/api') || req.path.startsWith('/admin/queues')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build:web`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

function immutableAssets(res: Response, path: string): void {
  if (path.includes(`${join('/', 'assets', '/')}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
