import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { ModulesContainer } from '@nestjs/core';
import { POLICY_KEY, type Policy } from '../../apps/api/src/common/auth/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The OpenAPI document at /api/docs-json is complete at the document level: servers from
 * PUBLIC_URL, the bearer and cookie schemes applied per operation from each route's access
 * policy (public routes say `security: []`), the error shape behind every 4xx and 5xx, unique
 * operationIds — and @redocly/cli's recommended rules find no error in it.
 */
type Operation = { operationId: string; security?: Record<string, string[]>[]; responses: Record<string, { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }> };
type Doc = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, Record<string, string>>; schemas: Record<string, unknown>; responses?: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };
};

let t: TestApp;
let doc: Doc;
const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.http.get('/api/docs-json').expect(200)).body as Doc;
});
afterAll(async () => {
  await t.close();
});

describe('the OpenAPI document', () => {
  it('names this instance (PUBLIC_URL) as its server', () => {
    expect(doc.servers?.map((s) => s.url)).toEqual([t.app.get<KindlingConfig>(KINDLING_CONFIG).publicUrl]);
  });

  it('declares the bearer and cookie schemes and applies them to every operation from its route policy', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      cookie: { type: 'apiKey', in: 'cookie', name: 'kindling_at' },
    });
    // The policies, read from the controllers independently of the document's code.
    const policies = new Map<string, Policy['kind']>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const cls = wrapper.metatype as { name: string; prototype: Record<string, unknown> } | null;
        if (!cls?.prototype) continue;
        for (const key of Object.getOwnPropertyNames(cls.prototype)) {
          const policy = (Reflect.getMetadata(POLICY_KEY, cls.prototype[key] as object) ?? Reflect.getMetadata(POLICY_KEY, cls)) as Policy | undefined;
          if (policy) policies.set(`${cls.name}_${key}`, policy.kind);
        }
      }
    }
    const ops = operations();
    expect(ops.length).toBeGreaterThan(50);
    for (const { path, method, op } of ops) {
      const kind = policies.get(op.operationId);
      expect({ route: `${method} ${path}`, kind: kind ?? 'no policy found' }).toEqual({ route: `${method} ${path}`, kind: expect.any(String) });
      expect({ route: `${method} ${path}`, security: op.security }).toEqual({ route: `${method} ${path}`, security: kind === 'public' ? [] : [{ bearer: [] }, { cookie: [] }] });
    }
    const publicRoutes = ops.filter((o) => o.op.security?.length === 0).map((o) => `${o.method} ${o.path}`);
    expect(publicRoutes).toEqual(expect.arrayContaining(['post /api/auth/login', 'get /api/health', 'get /api/meta']));
    expect(publicRoutes).not.toContain('get /api/courses');
  });

  it('every 4xx and 5xx response has the error shape; every operation lists one 4xx and the 500', () => {
    expect(doc.components.schemas.Error).toMatchObject({ required: ['statusCode', 'error', 'message'] });
    for (const { path, method, op } of operations()) {
      const codes = Object.keys(op.responses);
      expect({ route: `${method} ${path}`, has4xx: codes.some((c) => /^4/.test(c)), has500: codes.includes('500') }).toEqual({ route: `${method} ${path}`, has4xx: true, has500: true });
      for (const [code, response] of Object.entries(op.responses)) {
        if (!/^[45]/.test(code)) continue;
        const schema = response.$ref ? doc.components.responses?.[response.$ref.split('/').pop()!]?.content['application/json']?.schema : response.content?.['application/json']?.schema;
        expect({ route: `${method} ${path} ${code}`, schema }).toEqual({ route: `${method} ${path} ${code}`, schema: { $ref: '#/components/schemas/Error' } });
      }
    }
    const protectedOp = doc.paths['/api/courses']?.get;
    expect(Object.keys(protectedOp?.responses ?? {})).toEqual(expect.arrayContaining(['401', '500']));
  });

  it('has unique operationIds', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('passes @redocly/cli lint with the recommended rules (no errors)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindling-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const r = spawnSync('npx', ['--no-install', 'redocly', 'lint', file, '--config', 'redocly.yaml', '--format=json'], { encoding: 'utf8', timeout: 60_000 });
      const report = JSON.parse(r.stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string }[] };
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
