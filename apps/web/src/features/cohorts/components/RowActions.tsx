import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProgressRow } from '../../../api';
import { enrolOne, remindLearner, resendInvitation, withdrawLearner } from '../../../api/cohorts';
import { ErrorMessage } from '../../../components/ErrorMessage';

type Action = 'resend' | 'remind' | 'withdraw' | 'reenrol';

/**
 * One learner's actions in the learners table: view progress (a row below), resend the invitation,
 * remind, withdraw, re-enrol. The outcome is announced by the table's live region.
 */
export function RowActions({
  cohortId,
  row,
  expanded,
  onToggle,
  onDone,
}: {
  cohortId: string;
  row: ProgressRow;
  expanded: boolean;
  onToggle: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const action = useMutation({
    mutationFn: async (what: Action) => {
      if (what === 'resend') await resendInvitation(row.enrolmentId);
      else if (what === 'remind') await remindLearner(row.enrolmentId);
      else if (what === 'withdraw') await withdrawLearner(row.enrolmentId);
      else await enrolOne(cohortId, { email: row.email ?? '' });
      return what;
    },
    onSuccess: (what) => {
      const messages: Record<Action, string> = {
        resend: t('office1.actions.sent', { name: row.name }),
        remind: t('office1.actions.reminded', { name: row.name }),
        withdraw: t('office1.actions.withdrawn', { name: row.name }),
        reenrol: t('office1.actions.reenrolled', { name: row.name }),
      };
      onDone(messages[what]);
    },
  });
  const run = (what: Action) => {
    if (what === 'withdraw' && !window.confirm(t('office1.actions.confirmWithdraw', { name: row.name }))) return;
    action.mutate(what);
  };
  const active = row.status === 'active';
  return (
    <div className="row-actions">
      <button type="button" className="button-link" aria-expanded={expanded} aria-controls={expanded ? `progress-${row.enrolmentId}` : undefined} onClick={onToggle}>
        {expanded ? t('office1.actions.hide') : t('office1.actions.view')}
        <span className="visually-hidden">: {row.name}</span>
      </button>
      <details>
        <summary>
          {t('office1.actions.column')}
          <span className="visually-hidden">: {row.name}</span>
        </summary>
        <ul className="plain-list">
          {active && row.email ? (
            <>
              <li>
                <button type="button" className="button-link" disabled={action.isPending} onClick={() => { run('remind'); }}>
                  {t('office1.actions.remind')}
                </button>
              </li>
              <li>
                <button type="button" className="button-link" disabled={action.isPending} onClick={() => { run('resend'); }}>
                  {t('office1.actions.resend')}
                </button>
              </li>
            </>
          ) : null}
          {active ? (
            <li>
              <button type="button" className="button-link" disabled={action.isPending} onClick={() => { run('withdraw'); }}>
                {t('office1.actions.withdraw')}
              </button>
            </li>
          ) : null}
          {row.status === 'withdrawn' && row.email ? (
            <li>
              <button type="button" className="button-link" disabled={action.isPending} onClick={() => { run('reenrol'); }}>
                {t('office1.actions.reenrol')}
              </button>
            </li>
          ) : null}
        </ul>
      </details>
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </div>
  );
}
