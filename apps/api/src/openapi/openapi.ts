import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { KindlingConfig } from '@kindling/config';
import { POLICY_KEY, type Policy } from '../common/auth/policy.js';

/**
 * The OpenAPI document, finished at the document level (the controllers describe their own
 * bodies and 2xx responses):
 * - `servers` is PUBLIC_URL;
 * - two security schemes, `bearer` (Authorization: Bearer <access token>) and `cookie` (the
 *   httpOnly `kindling_at` cookie the web app gets), applied to each operation from its
 *   route's access policy (common/auth/policy.ts): public routes say `security: []`, every
 *   other route accepts either scheme;
 * - one `Error` schema ({ statusCode, error, message }, the shape AllExceptionsFilter sends)
 *   referenced by every 4xx and 5xx response, with the 4xx answers each route can give;
 * - operationIds `<Controller>_<method>`, checked unique;
 * - spreadsheet request bodies (CSV, TSV, XLSX) as the bytes they are, not as the JSON form's
 *   object schema @ApiBody gives every media type of @ApiConsumes; an operation that takes
 *   text/csv takes text/tab-separated-values too (the same body parser and reader).
 */
export const BEARER_SCHEME = 'bearer';
export const COOKIE_SCHEME = 'cookie';
export const ACCESS_COOKIE = 'kindling_at';

export const ERROR_SCHEMA = {
  type: 'object',
  description: 'Every error answer has this shape.',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', description: 'The HTTP status, repeated.', example: 400 },
    error: { type: 'string', description: 'The HTTP reason phrase.', example: 'Bad Request' },
    message: {
      description: 'What went wrong: one sentence, or one sentence per problem found in the input.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      example: ['email must be an email'],
    },
    errorId: { type: 'string', description: 'On 500 only: an id to quote when reporting the problem (it is in the server log).' },
  },
} as const;

const ERROR_RESPONSES: Record<string, { name: string; description: string; example: { statusCode: number; error: string; message: string | string[] } }> = {
  '400': { name: 'BadRequest', description: 'The input is invalid; `message` names each problem.', example: { statusCode: 400, error: 'Bad Request', message: ['email must be an email'] } },
  '401': { name: 'Unauthorized', description: 'Not signed in: the access token is missing, expired or invalid.', example: { statusCode: 401, error: 'Unauthorized', message: 'sign in first: the access token is missing, expired or invalid' } },
  '403': { name: 'Forbidden', description: 'Signed in, but this needs a role the caller does not have.', example: { statusCode: 403, error: 'Forbidden', message: 'this needs the platform role admin' } },
  '404': { name: 'NotFound', description: 'No such object, or one the caller may not see.', example: { statusCode: 404, error: 'Not Found', message: 'course not found' } },
  '429': { name: 'TooManyRequests', description: 'Rate-limited; Retry-After says when to try again.', example: { statusCode: 429, error: 'Too Many Requests', message: 'too many attempts; try again later' } },
  '500': { name: 'InternalError', description: 'Our fault; quote `errorId` when reporting it.', example: { statusCode: 500, error: 'Internal Server Error', message: 'internal error', errorId: 'c0ffee00-0000-4000-8000-000000000000' } as never },
};

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The spreadsheet media types an upload accepts, each described as a body of bytes. */
export const SPREADSHEET_BODIES: Record<string, { schema: Record<string, unknown>; example?: string }> = {
  'text/csv': {
    schema: {
      type: 'string',
      format: 'binary',
      description:
        'A CSV file as bytes: comma, semicolon or tab separated; UTF-8 (with or without BOM), UTF-16 or Windows-1252 (detected). The first line names the columns.',
    },
    example: 'name,class\nAnna Bianchi,3B\n',
  },
  'text/tab-separated-values': {
    schema: { type: 'string', format: 'binary', description: 'A tab-separated text file as bytes, read like text/csv.' },
  },
  [XLSX_MEDIA_TYPE]: {
    schema: { type: 'string', format: 'binary', description: 'An Excel workbook (.xlsx); the first sheet is read unless ?sheet= names another.' },
  },
};

/** Spreadsheet media types of a request body as bytes (see SPREADSHEET_BODIES). */
function describeSpreadsheetBody(op: OperationLike): void {
  const content = op.requestBody && !('$ref' in op.requestBody) ? op.requestBody.content : undefined;
  if (!content) return;
  if (content['text/csv'] && !content['text/tab-separated-values']) content['text/tab-separated-values'] = {};
  for (const [type, body] of Object.entries(SPREADSHEET_BODIES)) {
    if (!content[type]) continue;
    const example = type === 'text/csv' && 'example' in body ? { example: body.example } : {};
    content[type] = { schema: body.schema, ...example };
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** `<ControllerClass>_<method>` → the route's policy (method metadata first, then class). */
export function collectPolicies(app: INestApplication): Map<string, Policy | undefined> {
  const policies = new Map<string, Policy | undefined>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const classPolicy = Reflect.getMetadata(POLICY_KEY, controller) as Policy | undefined;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        if (key === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (typeof handler !== 'function') continue;
        policies.set(`${controller.name}_${key}`, (Reflect.getMetadata(POLICY_KEY, handler) as Policy | undefined) ?? classPolicy);
      }
    }
  }
  return policies;
}

export function createOpenApiDocument(app: INestApplication, config: KindlingConfig, info: { title: string; description: string; version: string }): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer(config.publicUrl, 'This Kindling (PUBLIC_URL)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token from POST /api/auth/login.' }, BEARER_SCHEME)
    .addCookieAuth(ACCESS_COOKIE, { type: 'apiKey', in: 'cookie', name: ACCESS_COOKIE, description: 'The httpOnly cookie the web app receives at sign-in.' }, COOKIE_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, builder, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey}_${methodKey}`,
  });
  return finishOpenApiDocument(document, collectPolicies(app));
}

/** Applies security, error responses and unique operationIds to a generated document. */
export function finishOpenApiDocument(document: OpenAPIObject, policies: Map<string, Policy | undefined>): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Error: ERROR_SCHEMA as never };
  const used = new Set<string>();

  const seen = new Map<string, number>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method] as OperationLike | undefined;
      if (!op) continue;

      // Unique operationIds (a clash gets the method and a counter rather than a silent duplicate).
      let id = op.operationId ?? `${method}_${path.replace(/[^A-Za-z0-9]+/g, '_')}`;
      const policy = policies.get(id);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id = `${id}_${method}${n}`;
      op.operationId = id;

      describeSpreadsheetBody(op);

      // Security from the policy: public → none; anything else → bearer or cookie.
      const isPublic = policy?.kind === 'public';
      op.security = isPublic ? [] : [{ [BEARER_SCHEME]: [] }, { [COOKIE_SCHEME]: [] }];

      // Error answers: those the route can give, each with the error shape.
      op.responses ??= {};
      const codes = new Set<string>(['400', '500']);
      if (!isPublic) codes.add('401');
      if (policy?.kind === 'platform-role') codes.add('403');
      if (path.includes('{') || policy?.kind === 'org-role' || policy?.kind === 'scoped') codes.add('404');
      for (const code of codes) {
        if (op.responses[code]) continue;
        op.responses[code] = { $ref: `#/components/responses/${ERROR_RESPONSES[code]!.name}` };
        used.add(code);
      }
      for (const [code, response] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(code) || '$ref' in response) continue;
        response.content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
      }
    }
  }
  // Only the shared error responses some operation refers to (unused components are noise).
  const responses: Record<string, unknown> = { ...(document.components.responses ?? {}) };
  for (const code of used) {
    const r = ERROR_RESPONSES[code]!;
    responses[r.name] = { description: r.description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: r.example } } };
  }
  if (Object.keys(responses).length > 0) document.components.responses = responses as never;
  return document;
}

interface OperationLike {
  operationId?: string;
  requestBody?: { $ref: string } | { content?: Record<string, Record<string, unknown>> };
  security?: Record<string, string[]>[];
  responses?: Record<string, { $ref?: string; description?: string; content?: unknown }>;
}
