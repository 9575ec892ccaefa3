import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../sql.js';

/** An outbox row waiting for the relay. */
export interface OutboxRow {
  id: string;
  topic: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

/**
 * The relay's side of the outbox. Rows are written by `writeOutbox` (../outbox.ts) in the
 * transaction of the change they announce — that function stays the one place for the write,
 * since every feature calls it with its own EntityManager; this repository claims, marks and
 * prunes them.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` undispatched rows, oldest first, locked with SKIP LOCKED (so relays run side by side); run inside a transaction. */
  claimUndispatched(limit: number, em: EntityManager): Promise<OutboxRow[]> {
    return queryRows(
      em,
      `SELECT id, topic, dedupe_key, payload FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markDispatched(ids: string[], em: EntityManager | DataSource = this.dataSource): Promise<void> {
    await em.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Deletes up to `limit` rows dispatched more than `seconds` ago (rows never dispatched are kept); returns how many. */
  async pruneDispatched(seconds: number, limit: number): Promise<number> {
    const deleted = await queryRows(
      this.dataSource,
      `WITH old AS (
         SELECT id FROM outbox
          WHERE dispatched_at IS NOT NULL AND dispatched_at < now() - make_interval(secs => $1::float8)
          LIMIT $2 FOR UPDATE SKIP LOCKED)
       DELETE FROM outbox o USING old WHERE o.id = old.id RETURNING o.id`,
      [seconds, limit],
    );
    return deleted.length;
  }
}
