import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadProgress, runLearnerAction } from '../../../api/cohorts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { SelectField } from '../../../components/form';
import { useFormat } from '../../../i18n/format';
import { asLanguage } from './PeopleExport';

type BulkChoice = 'remind' | 'withdraw' | 'export';
type Status = 'active' | 'completed' | 'withdrawn' | 'overdue';
const STATUSES: readonly Status[] = ['active', 'completed', 'withdrawn', 'overdue'];

/** Remind, withdraw or export the chosen learners, or everyone the table's filter matches. */
export function BulkActions({
  cohortId,
  selected,
  filter,
  total,
  onDone,
}: {
  cohortId: string;
  selected: string[];
  filter: { q?: string | undefined; status?: string | undefined };
  total: number;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [scope, setScope] = useState<'selection' | 'filter'>('selection');
  const [choice, setChoice] = useState<BulkChoice>('remind');
  const [problem, setProblem] = useState<string | null>(null);
  const useSelection = scope === 'selection';
  const status = STATUSES.find((s) => s === filter.status);
  const count = useSelection ? selected.length : total;
  const run = useMutation({
    mutationFn: async () => {
      const target = useSelection ? { enrolmentIds: selected } : { ...(filter.q ? { q: filter.q } : {}), ...(status ? { status } : {}) };
      if (choice === 'export') {
        const lang = asLanguage(i18n.language);
        await downloadProgress(cohortId, 'xlsx', {
          layout: 'people',
          lang,
          ...(useSelection ? { ids: selected.join(',') } : { q: filter.q, status }),
        });
        return null;
      }
      // Everyone the filter matches: the API needs at least an empty filter, so `q` is sent as given.
      return runLearnerAction(cohortId, { action: choice, ...(useSelection ? target : { q: filter.q ?? '', ...target }) });
    },
    onSuccess: (result) => {
      if (result) onDone(t('office1.bulk.result', { done: fmt.number(result.done), matched: fmt.number(result.matched), skipped: fmt.number(result.skipped) }));
    },
  });
  return (
    <section aria-labelledby="bulk-heading" className="card bulk-actions">
      <h3 id="bulk-heading">{t('office1.bulk.title')}</h3>
      <form
        noValidate
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (useSelection && selected.length === 0) {
            setProblem(t('office1.bulk.nothing'));
            return;
          }
          setProblem(null);
          if (choice === 'withdraw' && !window.confirm(t('office1.bulk.confirmWithdraw', { count }))) return;
          run.mutate();
        }}
      >
        <fieldset className="field">
          <legend>{t('office1.bulk.scope')}</legend>
          <label className="inline-choice">
            <input type="radio" name="bulk-scope" value="selection" checked={useSelection} onChange={() => { setScope('selection'); }} />
            {t('office1.bulk.selection', { count: selected.length })}
          </label>
          <label className="inline-choice">
            <input type="radio" name="bulk-scope" value="filter" checked={!useSelection} onChange={() => { setScope('filter'); }} />
            {t('office1.bulk.filter', { count: total })}
          </label>
        </fieldset>
        <SelectField id="bulk-action" label={t('office1.bulk.action')} value={choice} onChange={(e) => { setChoice(e.target.value as BulkChoice); }}>
          <option value="remind">{t('office1.bulk.remind')}</option>
          <option value="withdraw">{t('office1.bulk.withdraw')}</option>
          <option value="export">{t('office1.bulk.export')}</option>
        </SelectField>
        <button type="submit" className="button" disabled={run.isPending}>
          {t('office1.bulk.run')}
        </button>
      </form>
      {problem ? (
        <p className="error-text" role="alert">
          {problem}
        </p>
      ) : null}
      {run.error ? <ErrorMessage error={run.error} /> : null}
    </section>
  );
}
