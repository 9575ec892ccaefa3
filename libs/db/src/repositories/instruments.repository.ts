import { Injectable } from '@nestjs/common';
import type { InstrumentDefinition } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

/** An instrument version as the registry lists it; `in_use`: a course version or a response refers to it. */
export interface InstrumentRow {
  id: string;
  key: string;
  version: number;
  title: Record<string, string>;
  definition: InstrumentDefinition;
  in_use: boolean;
  created_at: Date;
}

/** An instrument version with its stored definition (which may carry presentation texts too). */
export interface InstrumentDefinitionRow<D = InstrumentDefinition> {
  id: string;
  key: string;
  version: number;
  definition: D;
}

export interface NewInstrument {
  key: string;
  version: number;
  title: unknown;
  definition: unknown;
  createdBy: string | null;
}

const SELECT_INSTRUMENT = `
  SELECT i.id, i.key, i.version, i.title, i.definition, i.created_at,
         (EXISTS (SELECT 1 FROM course_versions v WHERE v.instrument_id = i.id)
          OR EXISTS (SELECT 1 FROM self_assessment_responses r WHERE r.instrument_id = i.id)) AS in_use
    FROM instruments i`;

/**
 * The instrument registry's tables: `instruments` (stored versions never change; the database
 * refuses it) and `instrument_keys` (who owns a key).
 */
@Injectable()
export class InstrumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a shipped instrument version unless it is there (true when it was stored now), and
   * gives its key to Kindling (no owner: admins only), whoever may have claimed it before.
   */
  async storeShipped(instrument: { key: string; version: number; title: unknown; definition: unknown }): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `INSERT INTO instruments (key, version, title, definition) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_instruments_key_version DO NOTHING RETURNING id`,
      [instrument.key, instrument.version, JSON.stringify(instrument.title), JSON.stringify(instrument.definition)],
    );
    await this.dataSource.query(
      `INSERT INTO instrument_keys (key, owner_id) VALUES ($1, NULL) ON CONFLICT (key) DO UPDATE SET owner_id = NULL`,
      [instrument.key],
    );
    return rows.length > 0;
  }

  /** One writer per key at a time (transaction-scoped advisory lock). */
  async lockKey(key: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('instrument:' || $1, 0))`, [key]);
  }

  /** The key's highest stored version, 0 when none. */
  async latestVersion(key: string, db: EntityManager | DataSource = this.dataSource): Promise<number> {
    const row = await queryFirst<{ v: number }>(db, `SELECT coalesce(max(version), 0)::int AS v FROM instruments WHERE key = $1`, [key]);
    return row?.v ?? 0;
  }

  /** Claims a key for `ownerId` unless it has an owner row already. */
  async claimKey(key: string, ownerId: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`INSERT INTO instrument_keys (key, owner_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, ownerId]);
  }

  /** Gives a key stored without an owner row (e.g. written by SQL) to its first version's creator. */
  async claimKeyForFirstCreator(key: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO instrument_keys (key, owner_id)
       SELECT key, created_by FROM instruments WHERE key = $1 ORDER BY version LIMIT 1
       ON CONFLICT (key) DO NOTHING`,
      [key],
    );
  }

  /** The key's owner; null when it has none (Kindling's, the author is gone, or no owner row). */
  async keyOwner(key: string, db: EntityManager | DataSource = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ owner_id: string | null }>(db, `SELECT owner_id FROM instrument_keys WHERE key = $1`, [key]);
    return row?.owner_id ?? null;
  }

  /** Stores a new version; its id. */
  async insert(instrument: NewInstrument, db: EntityManager | DataSource = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO instruments (key, version, title, definition, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [instrument.key, instrument.version, JSON.stringify(instrument.title), JSON.stringify(instrument.definition), instrument.createdBy],
    );
    return row!.id;
  }

  async find(id: string, db: EntityManager | DataSource = this.dataSource): Promise<InstrumentRow | null> {
    return queryFirst<InstrumentRow>(db, `${SELECT_INSTRUMENT} WHERE i.id = $1`, [id]);
  }

  /** The latest version of each key by key, or (`all`) every version, newest first within a key. */
  async list(all: boolean): Promise<InstrumentRow[]> {
    return queryRows<InstrumentRow>(
      this.dataSource,
      all
        ? `${SELECT_INSTRUMENT} ORDER BY i.key, i.version DESC`
        : `${SELECT_INSTRUMENT} WHERE i.version = (SELECT max(x.version) FROM instruments x WHERE x.key = i.key) ORDER BY i.key`,
    );
  }

  async exists(id: string, db: EntityManager | DataSource = this.dataSource): Promise<boolean> {
    const rows = await queryRows(db, `SELECT 1 FROM instruments WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** One version with its stored definition (the impact report scores with it). */
  async definition<D = InstrumentDefinition>(id: string): Promise<InstrumentDefinitionRow<D> | null> {
    return queryFirst<InstrumentDefinitionRow<D>>(this.dataSource, `SELECT id, key, version, definition FROM instruments WHERE id = $1`, [id]);
  }
}
