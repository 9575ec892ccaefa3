import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ReminderSchedule } from '../../../api';
import { fetchReminders, saveReminders } from '../../../api/cohorts';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckboxField, TextField } from '../../../components/form';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useCohort } from '../../../lib/useOrganization';

const STEPS = ['invitation', 'due_soon', 'overdue'] as const;

const days = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** The cohort's reminder schedule (change it or switch it off) and what went out per step. */
export function RemindersTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const { orgId = '', cohortId = '' } = useParams();
  const { cohort } = useCohort(orgId, cohortId);
  usePageTitle(`${t('office.reminders.title')} – ${cohort?.name ?? ''}`);
  const state = useQuery({ queryKey: ['cohort', cohortId, 'reminders'], queryFn: () => fetchReminders(cohortId) });
  const [form, setForm] = useState({ enabled: true, invitation: '', dueSoon: '', overdue: true, digest: false });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!state.data) return;
    setForm({
      enabled: state.data.enabled,
      invitation: state.data.invitationAfterDays === null ? '' : String(state.data.invitationAfterDays),
      dueSoon: state.data.dueSoonDays === null ? '' : String(state.data.dueSoonDays),
      overdue: state.data.overdue,
      digest: state.data.weeklyDigest,
    });
  }, [state.data]);
  const save = useMutation({
    mutationFn: () => {
      const body: ReminderSchedule = {
        enabled: form.enabled,
        invitationAfterDays: days(form.invitation),
        dueSoonDays: days(form.dueSoon),
        overdue: form.overdue,
        weeklyDigest: form.digest,
      };
      return saveReminders(cohortId, body);
    },
    onSuccess: (data) => {
      queryClient.setQueryData(['cohort', cohortId, 'reminders'], data);
      setSaved(true);
    },
  });
  const counts = new Map((state.data?.steps ?? []).map((s) => [s.step, s]));

  return (
    <section aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t('office.reminders.title')}</h2>
      <p>{t('office.reminders.intro')}</p>
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {cohort && !cohort.dueOn ? <p className="hint">{t('office.reminders.noDue')}</p> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          save.mutate();
        }}
      >
        <CheckboxField id="reminders-enabled" label={t('office.reminders.enabled')} checked={form.enabled} onChange={(e) => { setForm({ ...form, enabled: e.target.checked }); }} />
        <TextField
          id="reminders-invitation"
          label={t('office.reminders.invitation')}
          hint={t('office.reminders.off')}
          inputMode="numeric"
          value={form.invitation}
          disabled={!form.enabled}
          onChange={(e) => { setForm({ ...form, invitation: e.target.value }); }}
        />
        <TextField
          id="reminders-due-soon"
          label={t('office.reminders.dueSoon')}
          hint={t('office.reminders.off')}
          inputMode="numeric"
          value={form.dueSoon}
          disabled={!form.enabled}
          onChange={(e) => { setForm({ ...form, dueSoon: e.target.value }); }}
        />
        <CheckboxField id="reminders-overdue" label={t('office.reminders.overdue')} checked={form.overdue} disabled={!form.enabled} onChange={(e) => { setForm({ ...form, overdue: e.target.checked }); }} />
        <CheckboxField id="reminders-digest" label={t('office.reminders.digest')} checked={form.digest} onChange={(e) => { setForm({ ...form, digest: e.target.checked }); }} />
        {save.error ? <ErrorMessage error={save.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {t('office.reminders.save')}
          </button>
        </div>
        <p role="status">{saved ? t('office.reminders.saved') : ''}</p>
      </form>
      <div className="table-scroll">
        <table>
          <caption>{t('office.reminders.sentTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office.reminders.step')}</th>
              <th scope="col">{t('office.reminders.sent')}</th>
              <th scope="col">{t('office.reminders.pending')}</th>
              <th scope="col">{t('office.reminders.skipped')}</th>
            </tr>
          </thead>
          <tbody>
            {STEPS.map((step) => (
              <tr key={step}>
                <th scope="row">{t(`office.reminders.steps.${step}`)}</th>
                <td>{fmt.number(counts.get(step)?.sent ?? 0)}</td>
                <td>{fmt.number(counts.get(step)?.pending ?? 0)}</td>
                <td>{fmt.number(counts.get(step)?.skipped ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
