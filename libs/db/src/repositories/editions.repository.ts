import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';
import type { StoredQuizQuestion } from '../types.js';

type Db = EntityManager | DataSource;

export type EditionItemKindRow = 'course' | 'module' | 'lesson' | 'quiz' | 'bank';

/** One item's texts in one language, with the item's id in the version it was read from. */
export interface EditionTextRow {
  item_kind: EditionItemKindRow;
  item_id: string;
  texts: Record<string, unknown>;
}

/** The texts of one edition of a version, and which language they are in. */
export interface LearnerEditionRows {
  /** The language whose texts are in `rows`: the reader's, or the course's default when the course has no edition in it. */
  locale: string;
  default_locale: string;
  rows: EditionTextRow[];
}

/** A version's texts in its default language. */
export interface VersionDefaultTexts {
  modules: { id: string; title: string }[];
  lessons: { id: string; module_id: string; title: string; body: string; video_text: string | null }[];
  quizzes: { id: string; module_id: string; title: string; questions: StoredQuizQuestion[] }[];
  /** The version's question bank (empty: none). */
  bank: StoredQuizQuestion[];
}

export interface EditionTextWrite {
  kind: EditionItemKindRow;
  itemId: string;
  texts: Record<string, unknown>;
}

/** The item's id in the version for a texts row (the course's own row carries the course id as lineage). */
const ITEM_ID = `CASE t.item_kind
                   WHEN 'course' THEN t.lineage_id
                   WHEN 'bank' THEN t.lineage_id
                   WHEN 'module' THEN (SELECT m.id FROM modules m WHERE m.course_version_id = t.course_version_id AND m.lineage_id = t.lineage_id)
                   WHEN 'lesson' THEN (SELECT l.id FROM lessons l WHERE l.course_version_id = t.course_version_id AND l.lineage_id = t.lineage_id)
                   ELSE (SELECT q.id FROM quizzes q WHERE q.course_version_id = t.course_version_id AND q.lineage_id = t.lineage_id)
                 END`;

/**
 * Course language editions (table course_edition_texts, migration CourseEditionsAndQuizReview):
 * per version, language and item (by lineage) the item's texts. The default language's texts
 * stay in the items' own rows.
 */
@Injectable()
export class EditionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The languages a version has texts in, besides its default. */
  async localesOf(versionId: string, db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ locale: string }>(
      db,
      `SELECT DISTINCT locale FROM course_edition_texts WHERE course_version_id = $1 ORDER BY locale`,
      [versionId],
    );
    return rows.map((r) => r.locale);
  }

  /** Every text of one edition of a version (items that no longer exist in the version are left out). */
  async texts(versionId: string, locale: string, db: Db = this.dataSource): Promise<EditionTextRow[]> {
    const rows = await queryRows<EditionTextRow & { item_id: string | null }>(
      db,
      `SELECT t.item_kind, ${ITEM_ID} AS item_id, t.texts
         FROM course_edition_texts t
        WHERE t.course_version_id = $1 AND t.locale = $2`,
      [versionId, locale],
    );
    return rows.filter((r): r is EditionTextRow => r.item_id !== null);
  }

  /**
   * The edition a learner reads (one round trip): the learner's language (as stored on the
   * account by the language rule) when the version has texts in it, else the default language
   * with no rows. `kinds` limits the rows (e.g. only the lesson being opened).
   */
  async forReader(userId: string, versionId: string, filter: { kinds?: EditionItemKindRow[]; itemId?: string } = {}, db: Db = this.dataSource): Promise<LearnerEditionRows> {
    const head = await queryFirst<{ learner_locale: string | null; default_locale: string; has_edition: boolean }>(
      db,
      `SELECT u.locale AS learner_locale, cv.locale AS default_locale,
              EXISTS (SELECT 1 FROM course_edition_texts t WHERE t.course_version_id = cv.id AND t.locale = u.locale AND u.locale <> cv.locale) AS has_edition
         FROM course_versions cv LEFT JOIN users u ON u.id = $1
        WHERE cv.id = $2`,
      [userId, versionId],
    );
    if (!head) return { locale: 'en', default_locale: 'en', rows: [] };
    if (!head.has_edition || !head.learner_locale) return { locale: head.default_locale, default_locale: head.default_locale, rows: [] };
    const rows = await queryRows<EditionTextRow & { item_id: string | null }>(
      db,
      `SELECT * FROM (
         SELECT t.item_kind, ${ITEM_ID} AS item_id, t.texts
           FROM course_edition_texts t
          WHERE t.course_version_id = $1 AND t.locale = $2 AND ($3::text[] IS NULL OR t.item_kind = ANY($3::text[]))
       ) x WHERE x.item_id IS NOT NULL AND ($4::uuid IS NULL OR x.item_id = $4::uuid)`,
      [versionId, head.learner_locale, filter.kinds ?? null, filter.itemId ?? null],
    );
    return { locale: head.learner_locale, default_locale: head.default_locale, rows: rows as EditionTextRow[] };
  }

  /**
   * Writes texts of one edition of a version: each item's texts are replaced by the given ones
   * (merged per field, so a partial save keeps the other fields). The item must belong to the
   * version; answers the number of items written (items of another version are ignored).
   */
  async upsert(versionId: string, courseId: string, locale: string, writes: EditionTextWrite[], db: Db = this.dataSource): Promise<number> {
    if (writes.length === 0) return 0;
    const rows = await queryRows<{ lineage_id: string }>(
      db,
      `WITH input AS (
         SELECT * FROM unnest($4::text[], $5::uuid[], $6::jsonb[]) AS i(kind, item_id, texts)
       ), resolved AS (
         SELECT i.kind, i.texts,
                CASE i.kind
                  WHEN 'course' THEN CASE WHEN i.item_id = $2::uuid THEN $2::uuid END
                  WHEN 'bank' THEN CASE WHEN i.item_id = $2::uuid THEN $2::uuid END
                  WHEN 'module' THEN (SELECT m.lineage_id FROM modules m WHERE m.id = i.item_id AND m.course_version_id = $1)
                  WHEN 'lesson' THEN (SELECT l.lineage_id FROM lessons l WHERE l.id = i.item_id AND l.course_version_id = $1)
                  WHEN 'quiz' THEN (SELECT q.lineage_id FROM quizzes q WHERE q.id = i.item_id AND q.course_version_id = $1)
                END AS lineage_id
           FROM input i
       )
       INSERT INTO course_edition_texts AS t (course_version_id, locale, item_kind, lineage_id, texts)
       SELECT $1, $3, r.kind, r.lineage_id, r.texts FROM resolved r WHERE r.lineage_id IS NOT NULL
       ON CONFLICT (course_version_id, locale, item_kind, lineage_id)
       DO UPDATE SET texts = t.texts || EXCLUDED.texts, updated_at = now()
       RETURNING t.lineage_id`,
      [versionId, courseId, locale, writes.map((w) => w.kind), writes.map((w) => w.itemId), writes.map((w) => JSON.stringify(w.texts))],
    );
    return rows.length;
  }

  /** The default language's texts of a version, in outline order (for the builder and the completeness check). */
  async defaults(versionId: string, db: Db = this.dataSource): Promise<VersionDefaultTexts> {
    const [modules, lessons, quizzes, bank] = await Promise.all([
      queryRows<VersionDefaultTexts['modules'][number]>(db, `SELECT id, title FROM modules WHERE course_version_id = $1 ORDER BY position, id`, [versionId]),
      queryRows<VersionDefaultTexts['lessons'][number]>(
        db,
        `SELECT l.id, l.module_id, l.title, l.body, l.video_text FROM lessons l JOIN modules m ON m.id = l.module_id
          WHERE l.course_version_id = $1 ORDER BY m.position, m.id, l.position, l.id`,
        [versionId],
      ),
      queryRows<VersionDefaultTexts['quizzes'][number]>(
        db,
        `SELECT q.id, q.module_id, q.title, q.questions FROM quizzes q JOIN modules m ON m.id = q.module_id
          WHERE q.course_version_id = $1 ORDER BY m.position, m.id, q.position, q.id`,
        [versionId],
      ),
      queryFirst<{ question_bank: StoredQuizQuestion[] }>(db, `SELECT question_bank FROM course_versions WHERE id = $1`, [versionId]),
    ]);
    return { modules, lessons, quizzes, bank: bank?.question_bank ?? [] };
  }

  /** Maps ids of items of any version of the course to the same items (by lineage) in `versionId`; unknown ids are left out. */
  async mapToVersion(kind: 'module' | 'lesson' | 'quiz', ids: string[], courseId: string, versionId: string, db: Db = this.dataSource): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const table = { module: 'modules', lesson: 'lessons', quiz: 'quizzes' }[kind];
    const rows = await queryRows<{ given: string; id: string }>(
      db,
      `SELECT x.id AS given, d.id
         FROM ${table} x
         JOIN course_versions v ON v.id = x.course_version_id AND v.course_id = $2
         JOIN ${table} d ON d.course_version_id = $3 AND d.lineage_id = x.lineage_id
        WHERE x.id = ANY($1::uuid[])`,
      [ids, courseId, versionId],
    );
    return new Map(rows.map((r) => [r.given, r.id]));
  }

  /**
   * Rewrites the question texts of every edition of one quiz (or of the bank: `itemId` = the
   * course id) in a version, e.g. after the author reordered or removed questions. `realign`
   * gets each edition's question texts and answers the new ones. Answers the languages rewritten.
   */
  async realignQuestionTexts<T>(
    versionId: string,
    kind: 'quiz' | 'bank',
    itemId: string,
    realign: (questions: T[]) => T[],
    db: Db = this.dataSource,
  ): Promise<string[]> {
    const rows = await queryRows<{ locale: string; lineage_id: string; questions: T[] }>(
      db,
      `SELECT t.locale, t.lineage_id, t.texts->'questions' AS questions
         FROM course_edition_texts t
        WHERE t.course_version_id = $1 AND t.item_kind = $2 AND jsonb_typeof(t.texts->'questions') = 'array'
          AND t.lineage_id = CASE WHEN $2 = 'bank' THEN $3::uuid
                                  ELSE (SELECT q.lineage_id FROM quizzes q WHERE q.id = $3::uuid AND q.course_version_id = $1) END
        ORDER BY t.locale
          FOR UPDATE OF t`,
      [versionId, kind, itemId],
    );
    if (rows.length === 0) return [];
    await db.query(
      `UPDATE course_edition_texts t
          SET texts = jsonb_set(t.texts, '{questions}', x.questions), updated_at = now()
         FROM unnest($4::text[], $5::jsonb[]) AS x(locale, questions)
        WHERE t.course_version_id = $1 AND t.item_kind = $2 AND t.lineage_id = $3 AND t.locale = x.locale`,
      [versionId, kind, rows[0]!.lineage_id, rows.map((r) => r.locale), rows.map((r) => JSON.stringify(realign(r.questions)))],
    );
    return rows.map((r) => r.locale);
  }

  /** Removes one edition of a version. */
  async deleteEdition(versionId: string, locale: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`DELETE FROM course_edition_texts WHERE course_version_id = $1 AND locale = $2`, [versionId, locale]);
  }

  /** The course's title in a language, for one version: the edition's when it has one, else the default. */
  async titleIn(versionId: string, locale: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ title: string }>(
      db,
      `SELECT coalesce(nullif(btrim(t.texts->>'title'), ''), cv.title) AS title
         FROM course_versions cv
         LEFT JOIN course_edition_texts t ON t.course_version_id = cv.id AND t.locale = $2 AND t.item_kind = 'course'
        WHERE cv.id = $1`,
      [versionId, locale],
    );
    return row?.title ?? null;
  }
}
