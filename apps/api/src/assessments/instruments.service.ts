import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { kindlingInstrument } from '@kindling/content';
import { recordAudit } from '@kindling/db';
import { type InstrumentDefinition, validateInstrumentDefinition } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { type Actor, isAuthor } from '../common/auth/actor.js';
import { invalid, notFound } from '../common/errors/domain-error.js';
import type { CreateInstrumentDto, InstrumentDetailDto, InstrumentSummaryDto } from './dto/instrument.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface InstrumentRow {
  id: string;
  key: string;
  version: number;
  title: Record<string, string>;
  definition: InstrumentDefinition;
  in_use: boolean;
  created_at: Date;
}

const SELECT_INSTRUMENT = `
  SELECT i.id, i.key, i.version, i.title, i.definition, i.created_at,
         (EXISTS (SELECT 1 FROM course_versions v WHERE v.instrument_id = i.id)
          OR EXISTS (SELECT 1 FROM self_assessment_responses r WHERE r.instrument_id = i.id)) AS in_use
    FROM instruments i`;

/**
 * The instrument registry. A stored version never changes (the database refuses it too: see
 * the InstrumentImmutability migration); defining an instrument whose key exists stores the
 * next version.
 */
@Injectable()
export class InstrumentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(InstrumentsService.name);

  constructor(private readonly db: DataSource) {}

  /** Every database carries Kindling's own instrument; inserting it again is a no-op. */
  async onApplicationBootstrap(): Promise<void> {
    const { title, key, version } = kindlingInstrument;
    const rows: unknown[] = await this.db.query(
      `INSERT INTO instruments (key, version, title, definition) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_instruments_key_version DO NOTHING RETURNING id`,
      [key, version, JSON.stringify(title), JSON.stringify(kindlingInstrument)],
    );
    if (rows.length > 0) this.logger.log(`stored the shipped instrument ${key} v${version}`);
  }

  async create(actor: Actor, dto: CreateInstrumentDto): Promise<InstrumentDetailDto> {
    return this.db.transaction(async (em) => {
      // One writer per key at a time, so two authors saving at once get versions n+1 and n+2.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('instrument:' || $1, 0))`, [dto.key]);
      const [latest] = (await em.query(`SELECT coalesce(max(version), 0)::int AS v FROM instruments WHERE key = $1`, [dto.key])) as { v: number }[];
      const version = (latest?.v ?? 0) + 1;
      const definition = JSON.parse(JSON.stringify({ ...dto, version })) as InstrumentDefinition;
      const errors = validateInstrumentDefinition(definition);
      if (errors.length > 0) throw invalid(errors);
      const [created] = (await em.query(
        `INSERT INTO instruments (key, version, title, definition, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.key, version, JSON.stringify(dto.title), JSON.stringify(definition), actor.userId],
      )) as { id: string }[];
      await recordAudit(em, {
        organizationId: null,
        actorId: actor.userId,
        action: 'instrument.created',
        subjectType: 'instrument',
        subjectId: created!.id,
        data: { key: dto.key, version },
      });
      const [row] = (await em.query(`${SELECT_INSTRUMENT} WHERE i.id = $1`, [created!.id])) as InstrumentRow[];
      return this.detail(row!, true);
    });
  }

  async list(all: boolean): Promise<InstrumentSummaryDto[]> {
    const rows = (await this.db.query(
      all
        ? `${SELECT_INSTRUMENT} ORDER BY i.key, i.version DESC`
        : `${SELECT_INSTRUMENT} WHERE i.version = (SELECT max(x.version) FROM instruments x WHERE x.key = i.key) ORDER BY i.key`,
    )) as InstrumentRow[];
    return rows.map((row) => this.summary(row));
  }

  async get(actor: Actor, id: string): Promise<InstrumentDetailDto> {
    if (!UUID.test(id)) throw notFound('instrument');
    const [row] = (await this.db.query(`${SELECT_INSTRUMENT} WHERE i.id = $1`, [id])) as InstrumentRow[];
    if (!row) throw notFound('instrument');
    return this.detail(row, isAuthor(actor));
  }

  private summary(row: InstrumentRow): InstrumentSummaryDto {
    return {
      id: row.id,
      key: row.key,
      version: row.version,
      title: row.title,
      itemCount: Array.isArray(row.definition.items) ? row.definition.items.length : 0,
      scaleKeys: Array.isArray(row.definition.scales) ? row.definition.scales.map((s) => s.key) : [],
      inUse: row.in_use,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  /** Learners may read an instrument too, but only authors learn which items are reverse-scored. */
  private detail(row: InstrumentRow, showScoring: boolean): InstrumentDetailDto {
    const definition = showScoring
      ? row.definition
      : { ...row.definition, items: row.definition.items.map(({ id, scaleKey, text }) => ({ id, scaleKey, text })) };
    return { ...this.summary(row), definition };
  }
}
