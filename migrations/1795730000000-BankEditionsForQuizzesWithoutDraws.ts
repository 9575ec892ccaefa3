import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A learner whose language has an edition of the course's question bank could not start a quiz
 * that draws nothing (500, "cannot extract elements from a scalar"): `start_attempt` passes the
 * quiz's draws as `v_quiz->'draws'`, which is the JSON value `null` (not SQL NULL) for a quiz
 * without draws, and `quiz_edition_texts` handed it to `jsonb_array_elements`. The function now
 * treats anything but an array as "no draws". Same signature, same answers otherwise.
 */
const BODY = (drawsArray: string) => `
  CREATE OR REPLACE FUNCTION quiz_edition_texts(p_version uuid, p_lineage uuid, p_user uuid, p_draws jsonb) RETURNS jsonb
  LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN qt.texts IS NULL AND bt.texts IS NULL THEN NULL
                ELSE coalesce(qt.texts, '{}'::jsonb)
                     || CASE WHEN bt.texts IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('bank', bt.texts) END END
      FROM users u
      JOIN course_versions v ON v.id = p_version
      LEFT JOIN course_edition_texts qt ON qt.course_version_id = p_version AND qt.locale = u.locale
                                       AND qt.item_kind = 'quiz' AND qt.lineage_id = p_lineage
      LEFT JOIN course_edition_texts bt ON bt.course_version_id = p_version AND bt.locale = u.locale AND bt.item_kind = 'bank'
                                       AND EXISTS (SELECT 1 FROM jsonb_array_elements(${drawsArray}) d WHERE d ->> 'from' = 'bank')
     WHERE u.id = p_user AND u.locale <> v.locale
  $$`;

export class BankEditionsForQuizzesWithoutDraws1795730000000 implements MigrationInterface {
  name = 'BankEditionsForQuizzesWithoutDraws1795730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(BODY(`CASE WHEN jsonb_typeof(p_draws) = 'array' THEN p_draws ELSE '[]'::jsonb END`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(BODY(`coalesce(p_draws, '[]'::jsonb)`));
  }
}
