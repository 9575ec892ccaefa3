import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Course language editions and the quiz review (issue #17 points 2 and 4).
 *
 * An edition is the same course version in another language: one row of texts per item
 * (the course itself, a module, a lesson, a quiz) and language, keyed by the item's lineage so
 * a new draft version copies the editions with the items. The structure (modules, lessons,
 * quizzes, questions, options, correct flags, minutes) exists once, in the default language's
 * rows; an edition carries only texts. Quiz texts are aligned by position (question n,
 * option m), so an edition never holds a correct flag.
 *
 * `quizzes.reveal_answers` is the author's option for the review after a submission: the
 * correct options are shown once the quiz is passed or its attempts are used up
 * ('passed-or-exhausted', the default), or never ('never'). Right/wrong per question and the
 * author's feedback are always shown after a submission.
 */
export class CourseEditionsAndQuizReview1795430000000 implements MigrationInterface {
  name = 'CourseEditionsAndQuizReview1795430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE course_edition_texts (
        course_version_id uuid NOT NULL CONSTRAINT fk_course_edition_texts_version REFERENCES course_versions(id) ON DELETE CASCADE,
        locale text NOT NULL CONSTRAINT ck_course_edition_texts_locale CHECK (locale IN ('en','it','de','fr')),
        item_kind text NOT NULL CONSTRAINT ck_course_edition_texts_kind CHECK (item_kind IN ('course','module','lesson','quiz')),
        lineage_id uuid NOT NULL,
        texts jsonb NOT NULL CONSTRAINT ck_course_edition_texts_object CHECK (jsonb_typeof(texts) = 'object'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_course_edition_texts PRIMARY KEY (course_version_id, locale, item_kind, lineage_id)
      )`);
    await q.query(
      `ALTER TABLE quizzes ADD COLUMN reveal_answers text NOT NULL DEFAULT 'passed-or-exhausted'
         CONSTRAINT ck_quizzes_reveal_answers CHECK (reveal_answers IN ('passed-or-exhausted','never'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quizzes DROP COLUMN reveal_answers`);
    await q.query(`DROP TABLE course_edition_texts`);
  }
}
