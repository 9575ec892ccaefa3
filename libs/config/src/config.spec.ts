import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/kindling');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.selfRegistration).toBe(true);
    expect(c.queuePrefix).toBe('{kindling}');
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('names DATABASE_URL when it is malformed', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/^Configuration error: DATABASE_URL /);
  });

  it('reads an optional replica URL, validated like DATABASE_URL, and a lag bound', () => {
    expect(loadConfig({}).databaseReplicaUrl).toBeNull();
    expect(loadConfig({}).replicaMaxLagMs).toBe(5000);
    const c = loadConfig({ DATABASE_REPLICA_URL: 'postgres://reader@replica:5432/kindling', REPLICA_MAX_LAG_MS: '1500' });
    expect(c.databaseReplicaUrl).toBe('postgres://reader@replica:5432/kindling');
    expect(c.replicaMaxLagMs).toBe(1500);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'mysql://x/y' })).toThrow(/^Configuration error: DATABASE_REPLICA_URL /);
    expect(() => loadConfig({ REPLICA_MAX_LAG_MS: '0' })).toThrow(/^Configuration error: REPLICA_MAX_LAG_MS /);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('Configuration error: JWT_SECRET is required when NODE_ENV=production');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).jwtSecret).toBe('x'.repeat(40));
  });

  it('rejects a half-configured admin and a bad boolean', () => {
    expect(() => loadConfig({ KINDLING_ADMIN_EMAIL: 'a@b.example' })).toThrow(/KINDLING_ADMIN_PASSWORD/);
    expect(() => loadConfig({ KINDLING_SELF_REGISTRATION: 'maybe' })).toThrow(/KINDLING_SELF_REGISTRATION/);
    expect(loadConfig({ KINDLING_SELF_REGISTRATION: 'false' }).selfRegistration).toBe(false);
  });

  it('reads ACCREDITED_MIN_TIME_RATIO, 0.5 by default, between 0 and 1', () => {
    expect(loadConfig({}).accreditedMinTimeRatio).toBe(0.5);
    expect(loadConfig({ ACCREDITED_MIN_TIME_RATIO: '0.75' }).accreditedMinTimeRatio).toBe(0.75);
    expect(() => loadConfig({ ACCREDITED_MIN_TIME_RATIO: '1.5' })).toThrow(/ACCREDITED_MIN_TIME_RATIO/);
    expect(() => loadConfig({ ACCREDITED_MIN_TIME_RATIO: 'half' })).toThrow(/ACCREDITED_MIN_TIME_RATIO/);
  });
});
