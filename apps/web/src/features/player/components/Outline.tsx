import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon } from '../../../components/Icon';
import { useMediaQuery } from '../../../lib/useMediaQuery';
import type { Step } from '../../../lib/steps';
import { stepTitle } from '../../../lib/stepTitle';

function StepItem({ step }: { step: Step }) {
  const { t } = useTranslation();
  const title = stepTitle(t, step);
  const state = step.locked ? t('player.locked') : step.done ? t('player.done') : t('player.notDone');
  if (step.locked) {
    return (
      <li className="outline-item locked">
        <span className="outline-link">
          <Icon name="lock" size={18} className="mark" />
          <span className="outline-title">{title}</span>
          <span className="visually-hidden">, {state}</span>
        </span>
      </li>
    );
  }
  return (
    <li className={step.done ? 'outline-item done' : 'outline-item'}>
      <NavLink to={step.href} className="outline-link">
        <Icon name={step.done ? 'check' : 'circle'} size={18} className="mark" />
        <span className="outline-title">{title}</span>
        <span className="visually-hidden">, {state}</span>
      </NavLink>
    </li>
  );
}

function OutlineList({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  const pre = steps.filter((s) => s.kind === 'self-assessment' && s.phase === 'pre');
  const post = steps.filter((s) => s.kind === 'self-assessment' && s.phase === 'post');
  const modules: { id: string; title: string; steps: Step[] }[] = [];
  for (const step of steps) {
    if (step.kind === 'self-assessment') continue;
    const last = modules[modules.length - 1];
    if (last?.id === step.module.id) last.steps.push(step);
    else modules.push({ id: step.module.id, title: step.module.title, steps: [step] });
  }
  return (
    <nav aria-label={t('player.outline')} className="outline">
      {pre.length ? <ol className="outline-list">{pre.map((s) => <StepItem key={s.key} step={s} />)}</ol> : null}
      {modules.map((module, index) => (
        <section key={module.id} aria-labelledby={`module-${module.id}`}>
          <h2 id={`module-${module.id}`} className="outline-module">
            <span className="visually-hidden">{t('player.moduleNumber', { number: index + 1 })}: </span>
            {module.title}
          </h2>
          <ol className="outline-list">
            {module.steps.map((s) => (
              <StepItem key={s.key} step={s} />
            ))}
          </ol>
        </section>
      ))}
      {post.length ? <ol className="outline-list">{post.map((s) => <StepItem key={s.key} step={s} />)}</ol> : null}
    </nav>
  );
}

/** The course outline with completion marks; folded away on narrow screens. */
export function Outline({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 60rem)');
  // The same items the progress bar counts (the completion rule in SQL: lessons and quizzes); the
  // self-assessment steps are shown in the outline but are not part of the progress percentage.
  const items = steps.filter((s) => s.kind !== 'self-assessment');
  const summary = t('player.outlineSummary', { done: items.filter((s) => s.done).length, total: items.length });
  if (wide) {
    return (
      <div className="outline-panel">
        <p className="outline-heading">{summary}</p>
        <OutlineList steps={steps} />
      </div>
    );
  }
  return (
    <details className="outline-panel">
      <summary className="outline-heading">{summary}</summary>
      <OutlineList steps={steps} />
    </details>
  );
}
