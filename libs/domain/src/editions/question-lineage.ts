import type { QuestionEditionTexts } from './edition.js';

/**
 * When an author saves a quiz or the question bank, the questions are sent whole and may have
 * been reordered, removed, inserted or edited. Language editions keep their question texts by
 * position, so they must follow the questions they were written for: otherwise removing the
 * first question would show every learner in another language the prompt and options of the
 * next question, graded against this one's correct flags.
 *
 * A saved question continues a stored one when it names that question's `id` (the editor sends
 * the ids it loaded), else when its prompt is the stored prompt of a question not continued yet.
 * Options likewise: by `id`, else by identical text within the continued question.
 */
export interface StoredQuestionIdentity {
  id: string;
  prompt: string;
  options: readonly { id: string; text: string }[];
}
export interface SavedQuestionIdentity {
  id?: string | undefined;
  prompt: string;
  options: readonly { id?: string | undefined; text: string }[];
}

/** For one saved question: the stored question it continues (index and id) and, per option, the stored option's index and id. */
export interface QuestionContinuation {
  from: number | null;
  id: string | null;
  options: { from: number | null; id: string | null }[];
}

const same = (a: string, b: string) => a.trim() === b.trim();

/** Pairs each of `after` with one of `before`: first by id, then, for the rest, by content among those still free. */
function pair<T, U>(
  before: readonly T[],
  after: readonly U[],
  idOf: (x: T) => string,
  wantedId: (x: U) => string | undefined,
  sameContent: (b: T, a: U) => boolean,
): (number | null)[] {
  const taken = new Set<number>();
  const index = new Map(before.map((b, i) => [idOf(b), i]));
  const byId = after.map((a) => {
    const i = index.get(wantedId(a) ?? '');
    if (i === undefined || taken.has(i)) return null;
    taken.add(i);
    return i;
  });
  return byId.map((found, k) => {
    if (found !== null) return found;
    const i = before.findIndex((b, j) => !taken.has(j) && sameContent(b, after[k]!));
    if (i < 0) return null;
    taken.add(i);
    return i;
  });
}

export function questionContinuations(before: readonly StoredQuestionIdentity[], after: readonly SavedQuestionIdentity[]): QuestionContinuation[] {
  const questions = pair(before, after, (q) => q.id, (q) => q.id, (b, a) => same(b.prompt, a.prompt));
  return after.map((q, k) => {
    const from = questions[k]!;
    if (from === null) return { from: null, id: null, options: q.options.map(() => ({ from: null, id: null })) };
    const old = before[from]!;
    const options = pair(old.options, q.options, (o) => o.id, (o) => o.id, (b, a) => same(b.text, a.text));
    return { from, id: old.id, options: options.map((o) => ({ from: o, id: o === null ? null : old.options[o]!.id })) };
  });
}

/**
 * An edition's question texts moved to follow the questions (see `questionContinuations`). A
 * question or option that continues none gets no text: the edition builder lists it as missing
 * and learners read the default language's text until it is translated.
 */
export function realignQuestionTexts(texts: readonly (QuestionEditionTexts | null | undefined)[], continuations: readonly QuestionContinuation[]): QuestionEditionTexts[] {
  return continuations.map((c) => {
    const t = c.from === null ? undefined : texts[c.from] ?? undefined;
    if (!t) return {};
    const perOption = (list: readonly string[] | undefined) => list === undefined ? undefined : c.options.map((o) => (o.from === null ? '' : list[o.from] ?? ''));
    const out: QuestionEditionTexts = {};
    if (t.prompt !== undefined) out.prompt = t.prompt;
    if (t.feedback !== undefined) out.feedback = t.feedback;
    const options = perOption(t.options);
    if (options) out.options = options;
    const optionFeedback = perOption(t.optionFeedback);
    if (optionFeedback) out.optionFeedback = optionFeedback;
    const matches = perOption(t.matches);
    if (matches) out.matches = matches;
    if (t.acceptedAnswers !== undefined) out.acceptedAnswers = [...t.acceptedAnswers];
    return out;
  });
}
