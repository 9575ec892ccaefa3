import { Injectable } from '@nestjs/common';
import { queryFirst, queryRows, type StoredQuizDraw, type StoredQuizQuestion } from '@kindling/db';
import type { VersionContent } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';

/** Loads a course version's modules, lessons and quizzes keyed by lineage, for `versionChanges` (issue 22 point 4). */
@Injectable()
export class VersionContentLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(versionId: string, db: EntityManager | DataSource = this.dataSource): Promise<VersionContent> {
    const [modules, lessons, quizzes] = await Promise.all([
      queryRows<{ lineage_id: string; title: string; position: number }>(
        db, `SELECT lineage_id, title, position FROM modules WHERE course_version_id = $1 ORDER BY position, id`, [versionId],
      ),
      queryRows<{ lineage_id: string; module_lineage_id: string; title: string; body: string; minutes: number | null; video_url: string | null; position: number }>(
        db,
        `SELECT l.lineage_id, m.lineage_id AS module_lineage_id, l.title, l.body, l.minutes, l.video_url, l.position
           FROM lessons l JOIN modules m ON m.id = l.module_id
          WHERE l.course_version_id = $1 ORDER BY m.position, l.position, l.id`,
        [versionId],
      ),
      queryRows<{
        lineage_id: string; module_lineage_id: string; title: string; pass_mark: string; max_attempts: number | null; time_limit_minutes: number | null;
        draws: StoredQuizDraw[] | null; questions: StoredQuizQuestion[]; position: number;
      }>(
        db,
        `SELECT q.lineage_id, m.lineage_id AS module_lineage_id, q.title, q.pass_mark, q.max_attempts, q.time_limit_minutes, q.draws, q.questions, q.position
           FROM quizzes q JOIN modules m ON m.id = q.module_id
          WHERE q.course_version_id = $1 ORDER BY m.position, q.position, q.id`,
        [versionId],
      ),
    ]);
    return {
      modules: modules.map((m) => ({ lineageId: m.lineage_id, title: m.title, position: m.position })),
      lessons: lessons.map((l) => ({
        lineageId: l.lineage_id, moduleLineageId: l.module_lineage_id, title: l.title, body: l.body, minutes: l.minutes, videoUrl: l.video_url, position: l.position,
      })),
      quizzes: quizzes.map((q) => ({
        lineageId: q.lineage_id,
        moduleLineageId: q.module_lineage_id,
        title: q.title,
        passMark: Number(q.pass_mark),
        maxAttempts: q.max_attempts,
        timeLimitMinutes: q.time_limit_minutes,
        draws: q.draws,
        position: q.position,
        // ids differ between versions: compare without them
        questions: q.questions.map((x) => ({
          prompt: x.prompt, kind: x.kind, ...(x.feedback ? { feedback: x.feedback } : {}),
          options: x.options.map((o) => ({
            text: o.text, correct: o.correct, ...(o.match !== undefined ? { match: o.match } : {}), ...(o.feedback ? { feedback: o.feedback } : {}),
          })),
          ...(x.acceptedAnswers ? { acceptedAnswers: x.acceptedAnswers } : {}),
          ...(x.tags ? { tags: x.tags } : {}),
        })),
      })),
    };
  }

  /** The course's published and draft version ids and numbers. */
  async versionsOf(courseId: string, db: EntityManager | DataSource = this.dataSource): Promise<{
    published: { id: string; version: number } | null; draft: { id: string; version: number } | null;
  }> {
    const row = await queryFirst<{ published_id: string | null; published_no: number | null; draft_id: string | null; draft_no: number | null }>(
      db,
      `SELECT c.published_version_id AS published_id, pv.version AS published_no, c.draft_version_id AS draft_id, dv.version AS draft_no
         FROM courses c
         LEFT JOIN course_versions pv ON pv.id = c.published_version_id
         LEFT JOIN course_versions dv ON dv.id = c.draft_version_id
        WHERE c.id = $1`,
      [courseId],
    );
    return {
      published: row?.published_id ? { id: row.published_id, version: row.published_no! } : null,
      draft: row?.draft_id ? { id: row.draft_id, version: row.draft_no! } : null,
    };
  }
}
