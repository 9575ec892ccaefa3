import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { OutboxRelay } from '../../apps/worker/src/outbox/outbox-relay.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';

/**
 * Outbox rows are pruned after dispatch: the worker's relay deletes rows dispatched more than
 * OUTBOX_RETENTION_HOURS ago, periodically; rows not yet dispatched are never touched. The
 * probe rows use a topic no relay knows, so a relay running beside this test leaves them alone.
 */
describe('outbox retention (worker relay)', () => {
  let t: TestApp;
  let config: KindlingConfig;
  const topic = 'test.retention-probe';

  beforeAll(async () => {
    t = await startTestApp();
    config = { ...t.app.get<KindlingConfig>(KINDLING_CONFIG), outboxRetentionHours: 24 }; // the default
  });
  afterAll(async () => {
    await t.db.query(`DELETE FROM outbox WHERE topic = $1`, [topic]);
    await t.close();
  });

  /** An outbox row created and (unless null) dispatched the given number of hours ago. */
  async function row(createdHoursAgo: number, dispatchedHoursAgo: number | null): Promise<string> {
    const [r] = (await t.db.query(
      `INSERT INTO outbox (topic, dedupe_key, payload, created_at, dispatched_at)
       VALUES ($1, $2, '{"reference":"r"}', now() - make_interval(secs => $3::float8 * 3600),
               CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $4::float8 * 3600) END)
       RETURNING id`,
      [topic, unique('k'), createdHoursAgo, dispatchedHoursAgo],
    )) as { id: string }[];
    return r!.id;
  }
  async function remaining(ids: string[]): Promise<string[]> {
    const rows = (await t.db.query(`SELECT id FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  it('deletes rows dispatched more than OUTBOX_RETENTION_HOURS ago and keeps recent and undispatched ones', async () => {
    const old1 = await row(31, 30);
    const old2 = await row(50, 25);
    const recent = await row(2, 1);
    const pending = await row(40, null);
    const worker = await workerServices({ config });
    try {
      expect(await worker.get(OutboxRelay).pruneOnce()).toBeGreaterThanOrEqual(2);
      expect(await remaining([old1, old2, recent, pending])).toEqual([recent, pending]);

      // the retention is configurable: half an hour prunes the row dispatched an hour ago
      const short = await workerServices({ config: { ...config, outboxRetentionHours: 0.5 } });
      try {
        await short.get(OutboxRelay).pruneOnce();
        expect(await remaining([recent, pending])).toEqual([pending]);
      } finally {
        await short.close();
      }
    } finally {
      await worker.close();
    }
  });

  it('prunes periodically, without being asked', async () => {
    const worker = await workerServices({ config });
    try {
      worker.get(OutboxRelay).schedulePruning(100);
      await new Promise((r) => setTimeout(r, 300)); // the first run is done
      const late = await row(49, 48); // appears after the first run: only a later run removes it
      const keep = await row(1, 0.5);
      const deadline = Date.now() + 10_000;
      while ((await remaining([late])).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await remaining([late, keep])).toEqual([keep]);
    } finally {
      await worker.close(); // stops the pruning
    }
  });
});
