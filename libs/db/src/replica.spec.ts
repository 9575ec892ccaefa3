import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ReplicaRouter } from './replica.js';

/** A DataSource stand-in: answers the lag probe and the catch-up check from the test's values. */
function fakeReplica(state: { lagMs: number | null; caughtUp: boolean; fail?: boolean }) {
  const calls: string[] = [];
  const db = {
    isInitialized: true,
    query: async (sql: string) => {
      calls.push(sql);
      if (state.fail) throw new Error('connection refused');
      if (sql.includes('lag_ms')) return [{ lag_ms: state.lagMs }];
      return [{ ok: state.caughtUp }];
    },
  } as unknown as DataSource;
  return { db, calls };
}
const primary = { isInitialized: true, query: async () => [{ lsn: '0/1000' }] } as unknown as DataSource;
const settings = { databaseUrl: 'postgres://replica/x', maxLagMs: 5_000 };

describe('ReplicaRouter', () => {
  it('without a replica, every read is on the primary', async () => {
    const router = new ReplicaRouter(primary, primary, { databaseUrl: null, maxLagMs: 5_000 });
    expect(router.configured).toBe(false);
    for (const f of ['stale-ok', 'read-your-writes', 'primary'] as const) {
      expect(await router.source(f)).toEqual({ db: primary, replica: false, reason: 'no-replica' });
    }
  });

  it('uses the replica within the lag bound, the primary beyond it, when asked for, or when the replica fails', async () => {
    const state = { lagMs: 200 as number | null, caughtUp: true, fail: false };
    const replica = fakeReplica(state);
    const router = new ReplicaRouter(primary, replica.db, settings);
    expect(await router.source('stale-ok')).toMatchObject({ replica: true, reason: 'replica' });
    expect(await router.source('primary')).toMatchObject({ db: primary, reason: 'asked-for-primary' });
    expect(await router.source('read-your-writes')).toMatchObject({ replica: true });
    state.caughtUp = false;
    expect(await router.source('read-your-writes')).toMatchObject({ db: primary, reason: 'not-caught-up' });

    const lagging = new ReplicaRouter(primary, fakeReplica({ lagMs: 9_000, caughtUp: true }).db, settings);
    expect(await lagging.source('stale-ok')).toMatchObject({ db: primary, reason: 'lagging' });
    const unknown = new ReplicaRouter(primary, fakeReplica({ lagMs: null, caughtUp: false }).db, settings);
    expect(await unknown.source('stale-ok')).toMatchObject({ db: primary, reason: 'lagging' });
    const down = new ReplicaRouter(primary, fakeReplica({ lagMs: 0, caughtUp: true, fail: true }).db, settings);
    expect(await down.source('stale-ok')).toMatchObject({ db: primary, reason: 'unavailable' });
  });

  it('probes the lag at most once a second, one probe for concurrent callers', async () => {
    const replica = fakeReplica({ lagMs: 0, caughtUp: true });
    const router = new ReplicaRouter(primary, replica.db, settings);
    await Promise.all(Array.from({ length: 20 }, () => router.source('stale-ok')));
    await router.source('stale-ok');
    expect(replica.calls.filter((c) => c.includes('lag_ms'))).toHaveLength(1);
  });
});
