/**
 * The review a learner sees after submitting an attempt, and the attempt-counting rule.
 *
 * - Right or wrong per question and the author's feedback are shown after every submission.
 * - The correct options are shown only when the quiz's `revealAnswers` is
 *   `passed-or-exhausted` AND the learner has passed the quiz (this attempt or an earlier one)
 *   or has no attempt left. Before a submission nothing about correctness leaves the server.
 * - An attempt counts as used once it is submitted. A started attempt that is not submitted is
 *   "open": it is not shown as used, starting the quiz again resumes it (the same questions in
 *   the same order), and it cannot be left to start a fresh one. Open attempts do not expire.
 */
export type RevealAnswers = 'passed-or-exhausted' | 'never';

export const REVEAL_ANSWERS: readonly RevealAnswers[] = ['passed-or-exhausted', 'never'];

export function revealsCorrectAnswers(reveal: RevealAnswers, state: { passed: boolean; attemptsLeft: number | null }): boolean {
  return reveal === 'passed-or-exhausted' && (state.passed || state.attemptsLeft === 0);
}

/** Attempts shown as used: submitted ones only (an open attempt is in progress, not used). */
export function attemptsShownAsUsed(attempts: readonly { submitted: boolean }[]): number {
  return attempts.filter((a) => a.submitted).length;
}
