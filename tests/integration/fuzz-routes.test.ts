/**
 * Property-based fuzzing of every JSON route in the live route table (issue 11, point 1).
 *
 * The routes are read from the running app's Express router, so a route added tomorrow is
 * fuzzed tomorrow without touching this file. Request bodies are generated from the route's
 * OpenAPI schema (near-valid values, so requests get past validation into the services and
 * the database) mixed with hostile values: wrong types, ~1 MB strings, 1,000-level nesting,
 * NUL, lone surrogates and other odd Unicode, `__proto__`/`constructor`/`prototype` keys,
 * extra privileged fields. Path parameters mix real ids with UUIDs, traversal and very long
 * strings; query strings get known and unknown keys. Every request goes out as an admin,
 * an author, a manager, a learner or anonymously.
 *
 * The property: no answer is 5xx, and every 4xx carries the error shape
 * { statusCode, error, message } with statusCode equal to the HTTP status.
 *
 * Reproducible: FUZZ_SEED (default fixed) seeds every route (mixed with the route's name, so
 * new routes do not shift the others). FUZZ_SEED=random explores; the seed is printed with
 * any failure. FUZZ_RUNS sets the runs per route (default 30), FUZZ_BUDGET_MS the total time.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startTestApp, unique, type TestApp } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';

// ---------------------------------------------------------------------------------------------
// Configuration

const BASE_SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 45_000);

// ---------------------------------------------------------------------------------------------
// The route table of the live app

interface RouteInfo {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function routeTable(t: TestApp): RouteInfo[] {
  const instance = t.app.getHttpAdapter().getInstance() as unknown as { router?: { stack?: ExpressLayer[] }; _router?: { stack?: ExpressLayer[] } };
  const stack = instance.router?.stack ?? instance._router?.stack ?? [];
  const routes: RouteInfo[] = [];
  const seen = new Set<string>();
  for (const layer of stack) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') continue;
    const path = route.path;
    // Swagger UI's static files and Nest's catch-all are not JSON routes.
    if (!path.startsWith('/api/') || path.startsWith('/api/docs') || path.includes('*')) continue;
    for (const [m, on] of Object.entries(route.methods)) {
      if (!on || !METHODS.has(m)) continue;
      const key = `${m} ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method: m as RouteInfo['method'], path });
    }
  }
  return routes;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI: request schemas and query parameters per route

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; schema?: Schema }[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

// ---------------------------------------------------------------------------------------------
// JSON text we control byte for byte: `__proto__` keys, raw numbers, deep nesting

type J = null | boolean | string | { raw: string } | J[] | { entries: [string, J][] };

function isEntries(v: J): v is { entries: [string, J][] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'entries' in v;
}

function serialize(v: J): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // JSON.stringify escapes lone surrogates as \udxxx and NUL as \u0000: the server parses them back.
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(serialize).join(',')}]`;
  if (isEntries(v)) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${serialize(x)}`).join(',')}}`;
  return v.raw;
}

function describeJ(v: J): string {
  const text = serialize(v);
  return text.length > 400 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

// ---------------------------------------------------------------------------------------------
// Hostile building blocks

const HUGE = 'x'.repeat(1_000_000);
const nested = (depth: number, open: string, close: string, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

const nastyStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udc00 low',
  '\u202eRTL override',
  '\ufeffBOM',
  'Zoë Müller Łukasz Żółć Şebnem Ćosić',
  '👩🏽‍🏫🧑‍⚕️',
  'e\u0301\u0301\u0301\u0301',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '=cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '{{7*7}}${7*7}',
  '%00%2e%2e%2f',
  'a'.repeat(10_000),
  '\r\nSet-Cookie: evil=1',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'NaN',
  '-1',
  '1e400',
  'true',
  'null',
  '__proto__',
  'constructor',
];

const hostileRaw: string[] = ['1e400', '-1e400', '-0', '123456789012345678901234567890', '0.0000000000000000000001', '-9007199254740993', '1.5'];

const PRIVILEGED_KEYS = ['role', 'userId', 'score', 'scorePercent', 'platformRoles', 'status', 'isAdmin', 'organizationId', 'id', 'passed'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

const arbNastyString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
);

const arbProtoPollution: fc.Arbitrary<J> = fc.constantFrom(...PROTO_KEYS).map(
  (k): J => ({ entries: [[k, { entries: [['isAdmin', true], ['platformRoles', ['admin']], ['prototype', { entries: [['polluted', 'yes']] }]] }]] }),
);

const arbDeep: fc.Arbitrary<J> = fc.constantFrom<J>(
  { raw: nested(1_000, '[', ']') },
  { raw: nested(1_000, '{"a":', '}') },
  { raw: nested(1_000, '{"__proto__":', '}', '{}') },
);

const arbHostile: fc.Arbitrary<J> = fc.oneof(
  { weight: 4, arbitrary: arbNastyString },
  { weight: 2, arbitrary: fc.constantFrom<J>(null, true, false, [], { entries: [] }) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileRaw).map((raw): J => ({ raw })) },
  { weight: 2, arbitrary: fc.integer().map((n): J => ({ raw: String(n) })) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n): J => ({ raw: JSON.stringify(n) })) },
  { weight: 1, arbitrary: arbProtoPollution },
  { weight: 1, arbitrary: arbDeep },
  { weight: 1, arbitrary: fc.array(fc.constantFrom<J>(null, 'a', { raw: '1' }, { entries: [] }), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constant<J>(Array.from({ length: 10_000 }, () => ({ raw: '1' }))) },
);

// ---------------------------------------------------------------------------------------------
// Known ids, so generated requests reach past "not found" into the services

interface KnownIds {
  all: string[];
  byParam: Record<string, string[]>;
  bySegment: Record<string, string[]>;
  emails: string[];
}

function resolveSchema(doc: OpenApiDocument, s: Schema | undefined, depth = 0): Schema | undefined {
  if (!s || depth > 10) return s;
  if (s.$ref) return resolveSchema(doc, doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''], depth + 1);
  if (s.allOf && s.allOf.length > 0) {
    const merged: Schema = { ...s, allOf: undefined };
    for (const part of s.allOf) Object.assign(merged, resolveSchema(doc, part, depth + 1));
    return merged;
  }
  const alt = s.oneOf ?? s.anyOf;
  if (alt && alt.length > 0) return resolveSchema(doc, alt[0], depth + 1);
  return s;
}

/** strict: values the schema accepts (hostile only in content: Unicode, markup, quotes), so requests reach the services. */
function arbForSchema(doc: OpenApiDocument, ids: KnownIds, raw: Schema | undefined, depth: number, strict: boolean): fc.Arbitrary<J> {
  const s = resolveSchema(doc, raw);
  const validish = arbValidish(doc, ids, s, depth, strict);
  return strict ? validish : fc.oneof({ weight: 5, arbitrary: validish }, { weight: 1, arbitrary: arbHostile });
}

const SAFE_TEXT = ['Zoë Müller', 'Łukasz Żółć', '<b>bold</b> <script>alert(1)</script>', "O'Brien; DROP TABLE users;--", '=SUM(A1:A9)', '👩🏽‍🏫 kindness', '../../etc/passwd'];

function arbValidish(doc: OpenApiDocument, ids: KnownIds, s: Schema | undefined, depth: number, strict = false): fc.Arbitrary<J> {
  if (!s || depth > 5) return fc.constantFrom<J>('x', null, { raw: '1' });
  if (s.enum && s.enum.length > 0) {
    return fc.constantFrom(...s.enum.map((e): J => (typeof e === 'string' || typeof e === 'boolean' || e === null ? e : { raw: JSON.stringify(e) })));
  }
  const type = s.type ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...ids.all), fc.uuid());
      if (s.format === 'email') return fc.oneof(fc.constant(`${unique('fuzz')}@example.test`), fc.constantFrom(...ids.emails));
      if ((s.format === 'date' || s.format === 'date-time') && strict) return fc.constantFrom<J>('2026-09-01', '2030-12-31');
      if (s.format === 'date' || s.format === 'date-time') return fc.constantFrom<J>('2026-09-01', '2026-02-30', '9999-12-31T23:59:59Z', '0000-01-01', 'tomorrow');
      const max = Math.min(s.maxLength ?? 80, 80);
      const min = Math.min(s.minLength ?? 1, max);
      if (strict) {
        const fits = SAFE_TEXT.filter((x) => x.length >= min && x.length <= max);
        return fc.oneof(fc.string({ minLength: min, maxLength: max }), fits.length > 0 ? fc.constantFrom(...fits) : fc.string({ minLength: min, maxLength: max }));
      }
      return fc.oneof(
        { weight: 3, arbitrary: fc.string({ minLength: Math.min(s.minLength ?? 1, max), maxLength: max }) },
        { weight: 1, arbitrary: fc.constant('correct horse battery staple 42') },
        { weight: 2, arbitrary: arbNastyString.filter((x) => x.length < 20_000) },
      );
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (strict ? 0 : -5);
      const max = s.maximum ?? (strict ? 100 : 1_000);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) }).map((n): J => ({ raw: String(n) }));
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = Math.min(s.minItems ?? 0, 4);
      return fc.array(arbForSchema(doc, ids, s.items, depth + 1, strict), { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 4, 4)) });
    }
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      const fields = props.map(([name, ps]) =>
        required.has(name) && strict
          ? fc.tuple(fc.constant(name), arbForSchema(doc, ids, ps, depth + 1, strict))
          : fc.tuple(fc.constant(name), fc.option(arbForSchema(doc, ids, ps, depth + 1, strict), { freq: required.has(name) ? 12 : 3, nil: undefined })),
      );
      const extra = fc.array(
        fc.tuple(fc.constantFrom(...PRIVILEGED_KEYS, ...PROTO_KEYS, 'zzUnknown'), fc.oneof(arbHostile, fc.constant<J>('admin'))),
        { maxLength: 2 },
      );
      return fc.tuple(fc.tuple(...fields), extra, fc.nat(9)).map(([fs, ex, roll]): J => {
        const entries: [string, J][] = [];
        for (const [name, value] of fs) if (value !== undefined) entries.push([name, value]);
        // Most generated objects are near-valid: only a third carry extra keys.
        if (!strict && roll < 3) entries.push(...ex);
        return { entries };
      });
    }
    default:
      return arbHostile;
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Percent-encodes a string's UTF-8 bytes (lone surrogates become U+FFFD; encodeURIComponent would throw). */
function pctEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const nastySegments: string[] = [
  'not-a-uuid',
  '../../etc/passwd',
  '..',
  '.',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\u0000',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '{00000000-0000-0000-0000-000000000000}',
  '-1',
  '0',
  '1e400',
  'null',
  '__proto__',
  'constructor',
  "1' OR '1'='1",
  '💥',
  'a'.repeat(6_000),
];

type ActorName = 'admin' | 'author' | 'manager' | 'learner' | 'anonymous' | 'garbage-token';

interface GeneratedRequest {
  actor: ActorName;
  params: Record<string, string>;
  query: [string, string][];
  body: { kind: 'none' } | { kind: 'json'; value: J } | { kind: 'text'; contentType: string; text: string };
}

function arbRequest(doc: OpenApiDocument, ids: KnownIds, route: RouteInfo): fc.Arbitrary<GeneratedRequest> {
  const op = doc.paths[openApiPath(route.path)]?.[route.method];
  const paramNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const params = fc.tuple(
    ...paramNames.map((name) => {
      const segment = route.path.split('/').slice(0, route.path.split('/').indexOf(`:${name}`)).pop() ?? '';
      const known = [...(ids.byParam[name] ?? []), ...(ids.bySegment[segment] ?? [])];
      return fc.tuple(
        fc.constant(name),
        fc.oneof(
          { weight: known.length > 0 ? 5 : 0, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('x') },
          { weight: 2, arbitrary: fc.constantFrom(...ids.all) },
          { weight: 2, arbitrary: fc.uuid() },
          { weight: 3, arbitrary: fc.constantFrom(...nastySegments) },
          { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
        ),
      );
    }),
  ).map((pairs) => Object.fromEntries(pairs));

  const queryNames = (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const queryValue = fc.oneof(
    fc.constantFrom('csv', 'xlsx', 'json', '1', '0', '-1', '999999999999', '1.5', 'NaN', 'true', '', 'a'.repeat(5_000), '2026-01-01', 'not-a-date'),
    fc.constantFrom(...ids.all),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const query = fc.array(fc.tuple(fc.constantFrom(...queryNames, 'format', '__proto__', 'constructor', 'unknown', 'a[b]'), queryValue), { maxLength: 4 });

  const schema = op?.requestBody?.content?.['application/json']?.schema;
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  const json = (arb: fc.Arbitrary<J>) => arb.map((value): GeneratedRequest['body'] => ({ kind: 'json', value }));
  const body: fc.Arbitrary<GeneratedRequest['body']> = hasBody
    ? fc.oneof(
        { weight: schema ? 5 : 1, arbitrary: json(schema ? arbValidish(doc, ids, resolveSchema(doc, schema), 0) : arbHostile) },
        { weight: schema ? 4 : 0, arbitrary: json(schema ? arbValidish(doc, ids, resolveSchema(doc, schema), 0, true) : arbHostile) },
        { weight: 2, arbitrary: json(arbHostile) },
        { weight: 1, arbitrary: fc.constant<GeneratedRequest['body']>({ kind: 'none' }) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.constantFrom('text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/xml', 'application/json'),
              fc.constantFrom('{"a":', 'email,name\n"unterminated', 'a=1&a=2&__proto__[x]=1', '<x/>', '\u0000\u0001', '{"a":1}{"b":2}', 'null'),
            )
            .map(([contentType, text]): GeneratedRequest['body'] => ({ kind: 'text', contentType, text })),
        },
      )
    : fc.oneof({ weight: 5, arbitrary: fc.constant<GeneratedRequest['body']>({ kind: 'none' }) }, { weight: 1, arbitrary: json(arbHostile) });

  const actor = fc.constantFrom<ActorName>('admin', 'author', 'manager', 'learner', 'anonymous', 'garbage-token');
  return fc.record({ actor, params, query, body });
}

function buildUrl(route: RouteInfo, req: GeneratedRequest): string {
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => pctEncode(req.params[name] ?? ''));
  const qs = req.query.map(([k, v]) => `${pctEncode(k)}=${pctEncode(v)}`).join('&');
  return qs ? `${path}?${qs}` : path;
}

let ipCounter = 0;
/** A fresh documentation-range address per request (X-Forwarded-For from loopback is trusted), so fuzzing never fills shared rate-limit buckets. */
const nextIp = () => `2001:db8:f022::${(++ipCounter).toString(16)}`;

interface Answer {
  status: number;
  body: unknown;
  contentType: string;
}

async function send(t: TestApp, tokens: Record<ActorName, string | null>, route: RouteInfo, req: GeneratedRequest): Promise<Answer> {
  const url = buildUrl(route, req);
  let r = t.http[route.method](url).set('X-Forwarded-For', nextIp()).set('Accept', 'application/json');
  const token = tokens[req.actor];
  if (token) r = r.set('Authorization', token);
  if (req.body.kind === 'json') r = r.set('Content-Type', 'application/json').send(serialize(req.body.value));
  else if (req.body.kind === 'text') r = r.set('Content-Type', req.body.contentType).send(req.body.text);
  const res = await r;
  return { status: res.status, body: res.body as unknown, contentType: String(res.headers['content-type'] ?? '') };
}

function problemWith(answer: Answer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status >= 400) {
    if (!answer.contentType.includes('application/json')) return `answered ${answer.status} with Content-Type ${answer.contentType || '(none)'}, not JSON`;
    const b = answer.body as { statusCode?: unknown; error?: unknown; message?: unknown } | null;
    if (typeof b !== 'object' || b === null) return `answered ${answer.status} without an error body`;
    if (b.statusCode !== answer.status) return `answered ${answer.status} but statusCode is ${JSON.stringify(b.statusCode)}`;
    if (typeof b.error !== 'string') return `answered ${answer.status} without an "error" string`;
    const m = b.message;
    if (!(typeof m === 'string' || (Array.isArray(m) && m.every((x) => typeof x === 'string')))) return `answered ${answer.status} without a string or string[] "message"`;
  }
  return null;
}

function seedFor(route: RouteInfo): number {
  return createHash('sha256').update(`${BASE_SEED}:${route.method} ${route.path}`).digest().readUInt32BE(0) & 0x7fffffff;
}

// ---------------------------------------------------------------------------------------------
// The suite: routes are read at load time (top-level await), one test per route

const t = await startTestApp();
const routes = routeTable(t);
const docRes = await t.http.get('/api/docs-json');
const doc = docRes.body as OpenApiDocument;

const stats: Record<string, Record<number, number>> = {};
const ids: KnownIds = { all: [], byParam: {}, bySegment: {}, emails: [] };
const tokens: Record<ActorName, string | null> = {
  admin: null,
  author: null,
  manager: null,
  learner: null,
  anonymous: null,
  'garbage-token': 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
};

describe(`fuzzing every JSON route of the live route table (seed ${BASE_SEED}, ${RUNS} runs per route)`, () => {
  // At least 2 s a route: on a loaded CI machine a shorter slice can end before the first run.
  const perRouteMs = Math.max(2_000, Math.floor(BUDGET_MS / Math.max(1, routes.length)));

  beforeAll(async () => {
    const admin = await createUser(t, { platformRoles: ['admin'], name: 'Fuzz Admin' });
    const author = await createUser(t, { platformRoles: ['author'], name: 'Fuzz Author' });
    const manager = await createUser(t, { name: 'Fuzz Manager' });
    const learner = await createUser(t, { name: 'Fuzz Learner' });
    const bystander: TestUser = await createUser(t, { name: 'Fuzz Bystander' });
    const orgId = await createOrganization(t, unique('Fuzz Org'));
    await addMember(t, orgId, manager.id, 'manager');
    await addMember(t, orgId, learner.id, 'learner');
    const course = await createPublishedCourse(t, { authorId: author.id, selfEnrolment: true });
    const cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId: orgId });
    tokens.admin = admin.auth;
    tokens.author = author.auth;
    tokens.manager = manager.auth;
    tokens.learner = learner.auth;

    // A draft course built through the API (when those routes exist), so mutating routes reach drafts too.
    const draft = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: unique('Fuzz draft'), locale: 'en' });
    const draftId = typeof draft.body?.id === 'string' ? (draft.body.id as string) : null;
    let draftModuleId: string | null = null;
    if (draftId) {
      const m = await t.http.post(`/api/courses/${draftId}/modules`).set('Authorization', author.auth).send({ title: 'Fuzz module' });
      draftModuleId = typeof m.body?.id === 'string' ? (m.body.id as string) : null;
    }

    // An open attempt and the shipped instrument, so attempt and instrument routes reach their services too.
    const attempt = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${course.quizIds[0]}/attempts`).set('Authorization', learner.auth);
    const attemptId = typeof attempt.body?.id === 'string' ? (attempt.body.id as string) : null;
    const instruments: { id: string }[] = await t.db.query(`SELECT id FROM instruments ORDER BY created_at LIMIT 1`).catch(() => []);
    const instrumentId = instruments[0]?.id ?? null;

    const add = (keys: string[], values: (string | null)[]) => {
      for (const key of keys) ids.byParam[key] = [...(ids.byParam[key] ?? []), ...values.filter((v): v is string => v !== null)];
    };
    const seg = (segment: string, values: (string | null)[]) => {
      ids.bySegment[segment] = [...(ids.bySegment[segment] ?? []), ...values.filter((v): v is string => v !== null)];
    };
    add(['orgId', 'organizationId'], [orgId]);
    add(['userId'], [learner.id, bystander.id]);
    add(['lessonId'], course.lessonIds);
    add(['quizId'], course.quizIds);
    add(['phase'], ['pre', 'post']);
    seg('courses', [course.courseId, draftId]);
    seg('modules', [...course.moduleIds, draftModuleId]);
    seg('lessons', course.lessonIds);
    seg('quizzes', course.quizIds);
    seg('cohorts', [cohortId]);
    seg('enrolments', [enrolmentId]);
    seg('users', [learner.id, bystander.id]);
    seg('organizations', [orgId]);
    seg('attempts', [attemptId]);
    seg('instruments', [instrumentId]);
    add(['instrumentId'], [instrumentId]);
    add(['questionId'], course.answers[course.quizIds[0]!]!.map((q) => q.questionId));
    ids.all = [orgId, course.courseId, course.versionId, cohortId, enrolmentId, learner.id, ...course.lessonIds, ...course.quizIds, ...course.moduleIds];
    for (const id of [draftId, attemptId, instrumentId, ...course.answers[course.quizIds[0]!]!.flatMap((q) => [q.questionId, ...q.correct])]) if (id) ids.all.push(id);
    ids.emails = [learner.email, manager.email, bystander.email];
  });

  afterAll(async () => {
    // FUZZ_STATS=1 prints the answers per route: how deep the generated requests got.
    if (process.env.FUZZ_STATS) console.log(Object.entries(stats).map(([r, c]) => `${r}: ${JSON.stringify(c)}`).join('\n'));
    await t.close();
  });

  it('finds the routes of the app (the table is read from the running router)', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(routes).toContainEqual({ method: 'get', path: '/api/health' });
  });

  for (const route of routes) {
    it(`${route.method.toUpperCase()} ${route.path}: no 5xx, every 4xx has the error shape`, async () => {
      const seed = seedFor(route);
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(arbRequest(doc, ids, route), async (req) => {
          const answer = await send(t, tokens, route, req);
          const counts = (stats[`${route.method.toUpperCase()} ${route.path}`] ??= {});
          counts[answer.status] = (counts[answer.status] ?? 0) + 1;
          const problem = problemWith(answer);
          if (problem) {
            const body = req.body.kind === 'json' ? describeJ(req.body.value) : req.body.kind === 'text' ? `${req.body.contentType}: ${JSON.stringify(req.body.text)}` : '(none)';
            const url = buildUrl(route, req);
            const message =
              `${route.method.toUpperCase()} ${url.length > 300 ? `${url.slice(0, 300)}…` : url} as ${req.actor} with body ${body} ` +
              `${problem}: ${JSON.stringify(answer.body).slice(0, 400)} [FUZZ_SEED=${BASE_SEED}, route seed ${seed}]`;
            failures.push(message);
            throw new Error(message);
          }
        }),
        { seed, numRuns: RUNS, endOnFailure: true, interruptAfterTimeLimit: perRouteMs, markInterruptAsFailure: false },
      ).catch((error: unknown) => {
        throw new Error(failures[0] ?? (error instanceof Error ? error.message : String(error)));
      });
    }, 60_000);
  }
});
