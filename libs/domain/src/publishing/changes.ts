import { normalizeTextAnswer } from '../quiz/definition.js';

/**
 * What changed between two versions of a course (issue 22 point 4): the items matched by
 * lineage, each added, removed or edited with the fields that differ, and for quizzes whether the
 * change affects grading (pass mark, time limit, draws, the questions asked or their correct
 * answers; wording alone does not).
 */

export interface VersionModule { lineageId: string; title: string; position: number }
export interface VersionLesson {
  lineageId: string; moduleLineageId: string; title: string; body: string; minutes: number | null; videoUrl: string | null; position: number;
}
export interface VersionQuizQuestion {
  prompt: string;
  kind: string;
  feedback?: string;
  options: readonly { text: string; correct: boolean; match?: string; feedback?: string }[];
  acceptedAnswers?: readonly string[];
  tags?: readonly string[];
}
export interface VersionQuiz {
  lineageId: string;
  moduleLineageId: string;
  title: string;
  passMark: number;
  maxAttempts: number | null;
  timeLimitMinutes: number | null;
  draws: readonly { count: number; tag?: string }[] | null;
  questions: readonly VersionQuizQuestion[];
  position: number;
}
export interface VersionContent {
  modules: readonly VersionModule[];
  lessons: readonly VersionLesson[];
  quizzes: readonly VersionQuiz[];
}

export type ChangeKind = 'added' | 'removed' | 'edited';

export interface ItemChange {
  item: 'module' | 'lesson' | 'quiz';
  change: ChangeKind;
  lineageId: string;
  /** The title in the newer version (the older one for a removed item). */
  title: string;
  /** Edited: the fields that differ (`title`, `body`, `minutes`, `videoUrl`, `position`, `module`, `passMark`, …, `questions`). */
  fields: string[];
  /** Quizzes: whether a learner's grade could differ (always true for an added or removed quiz). */
  affectsGrading: boolean;
}

/** The grading shape of a quiz: what decides a score, without the wording. */
function gradingShape(quiz: VersionQuiz): string {
  return JSON.stringify({
    passMark: quiz.passMark,
    timeLimitMinutes: quiz.timeLimitMinutes,
    draws: quiz.draws ?? [],
    questions: quiz.questions.map((q) => ({
      kind: q.kind,
      options: q.options.map((o) => ({ correct: o.correct, match: o.match === undefined ? null : normalizeTextAnswer(o.match) })),
      accepted: (q.acceptedAnswers ?? []).map(normalizeTextAnswer).sort(),
      tags: q.tags ?? [],
    })),
  });
}

function differing<T extends object>(a: T, b: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map(String);
}

function compare<T extends { lineageId: string; title: string }>(
  item: ItemChange['item'],
  older: readonly T[],
  newer: readonly T[],
  fieldsOf: (a: T, b: T) => string[],
  grading: (a: T | undefined, b: T | undefined) => boolean,
): ItemChange[] {
  const before = new Map(older.map((x) => [x.lineageId, x]));
  const after = new Map(newer.map((x) => [x.lineageId, x]));
  const changes: ItemChange[] = [];
  for (const x of newer) {
    const old = before.get(x.lineageId);
    if (!old) {
      changes.push({ item, change: 'added', lineageId: x.lineageId, title: x.title, fields: [], affectsGrading: grading(undefined, x) });
      continue;
    }
    const fields = fieldsOf(old, x);
    if (fields.length > 0) changes.push({ item, change: 'edited', lineageId: x.lineageId, title: x.title, fields, affectsGrading: grading(old, x) });
  }
  for (const x of older) {
    if (!after.has(x.lineageId)) {
      changes.push({ item, change: 'removed', lineageId: x.lineageId, title: x.title, fields: [], affectsGrading: grading(x, undefined) });
    }
  }
  return changes;
}

/** The changes from `older` to `newer`: modules, then lessons, then quizzes; added and edited in the newer order, then removed. */
export function versionChanges(older: VersionContent, newer: VersionContent): ItemChange[] {
  const never = () => false;
  return [
    ...compare('module', older.modules, newer.modules, (a, b) => differing(a, b, ['title', 'position']), never),
    ...compare(
      'lesson', older.lessons, newer.lessons,
      (a, b) => [
        ...differing(a, b, ['title', 'body', 'minutes', 'videoUrl', 'position']),
        ...(a.moduleLineageId !== b.moduleLineageId ? ['module'] : []),
      ],
      never,
    ),
    ...compare(
      'quiz', older.quizzes, newer.quizzes,
      (a, b) => [
        ...differing(a, b, ['title', 'passMark', 'maxAttempts', 'timeLimitMinutes', 'draws', 'position']),
        ...(a.moduleLineageId !== b.moduleLineageId ? ['module'] : []),
        ...(JSON.stringify(a.questions) !== JSON.stringify(b.questions) ? ['questions'] : []),
      ],
      (a, b) => !a || !b || gradingShape(a) !== gradingShape(b),
    ),
  ];
}
