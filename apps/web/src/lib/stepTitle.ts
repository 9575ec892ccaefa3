import type { TFunction } from 'i18next';
import type { Step } from './steps';

export function stepTitle(t: TFunction, step: Step): string {
  if (step.kind === 'self-assessment') return step.phase === 'pre' ? t('player.preTitle') : t('player.postTitle');
  if (step.kind === 'quiz') return t('player.quizTitle', { title: step.title });
  return step.title;
}
