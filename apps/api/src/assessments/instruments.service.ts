import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { kindlingInstrument } from '@kindling/content';
import { type InstrumentRow, InstrumentsRepository, recordAudit } from '@kindling/db';
import { type InstrumentDefinition, validateInstrumentDefinition } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, isAdmin, isAuthor } from '../common/auth/actor.js';
import { DomainError, invalid, notFound, isUuid, msg } from '@kindling/common';
import type { CreateInstrumentDto, InstrumentDetailDto, InstrumentSummaryDto } from './dto/instrument.dto.js';

/** Keys of this prefix are Kindling's own (shipped) instruments: only platform admins create or version them. */
export const SHIPPED_KEY_PREFIX = 'kindling-';

/**
 * The instrument registry. A stored version never changes (the database refuses it too: see
 * the InstrumentImmutability migration); defining an instrument whose key exists stores the
 * next version.
 *
 * Keys have owners (table instrument_keys): the author who created the key's first version.
 * Only the owner or a platform admin may publish a new version; keys owned by nobody —
 * Kindling's shipped instrument, and keys whose author's account is gone — are versioned by
 * admins only. Another author gets 403 naming the rule: instruments are listed to every signed-in
 * user, so the key's existence is no secret and a 404 would be untrue.
 */
@Injectable()
export class InstrumentsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(InstrumentsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly instruments: InstrumentsRepository,
  ) {}

  /**
   * Every database carries Kindling's own instrument; inserting it again is a no-op. The shipped
   * key belongs to Kindling (admins), whoever may have claimed it before owners existed.
   */
  async onApplicationBootstrap(): Promise<void> {
    const { title, key, version } = kindlingInstrument;
    const stored = await this.instruments.storeShipped({ key, version, title, definition: kindlingInstrument });
    if (stored) this.logger.log(`stored the shipped instrument ${key} v${version}`);
  }

  async create(actor: Actor, dto: CreateInstrumentDto): Promise<InstrumentDetailDto> {
    return this.db.transaction(async (em) => {
      // One writer per key at a time, so two authors saving at once get versions n+1 and n+2.
      await this.instruments.lockKey(dto.key, em);
      const version = (await this.instruments.latestVersion(dto.key, em)) + 1;
      await this.claimOrCheckOwner(em, actor, dto.key, version);
      const definition = JSON.parse(JSON.stringify({ ...dto, version })) as InstrumentDefinition;
      const errors = validateInstrumentDefinition(definition);
      if (errors.length > 0) throw invalid(errors);
      const createdId = await this.instruments.insert({ key: dto.key, version, title: dto.title, definition, createdBy: actor.userId }, em);
      await recordAudit(em, {
        organizationId: null,
        actorId: actor.userId,
        action: 'instrument.created',
        subjectType: 'instrument',
        subjectId: createdId,
        data: { key: dto.key, version },
      });
      const row = await this.instruments.find(createdId, em);
      return this.detail(row!, true);
    });
  }

  /**
   * A new key is claimed by its first author (a `kindling-` key by admins only); a new version
   * of an existing key needs its owner or an admin. Runs under the key's advisory lock.
   */
  private async claimOrCheckOwner(em: EntityManager, actor: Actor, key: string, version: number): Promise<void> {
    const admin = isAdmin(actor);
    if (version === 1) {
      if (key.startsWith(SHIPPED_KEY_PREFIX) && !admin) {
        throw new DomainError('forbidden', msg('errors.instrument.reservedKey', { prefix: SHIPPED_KEY_PREFIX }));
      }
      await this.instruments.claimKey(key, actor.userId, em);
    } else {
      // Versions stored without an owner row (e.g. written by SQL) belong to the first version's creator.
      await this.instruments.claimKeyForFirstCreator(key, em);
    }
    const owner = await this.instruments.keyOwner(key, em);
    if (admin || owner === actor.userId) return;
    throw new DomainError('forbidden', msg(owner ? 'errors.instrument.otherOwner' : 'errors.instrument.noOwner', { key }));
  }

  async list(all: boolean): Promise<InstrumentSummaryDto[]> {
    const rows = await this.instruments.list(all);
    return rows.map((row) => this.summary(row));
  }

  async get(actor: Actor, id: string): Promise<InstrumentDetailDto> {
    if (!isUuid(id)) throw notFound('instrument');
    const row = await this.instruments.find(id);
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
