import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PersonDetail, PlatformRole } from '../../../api';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckboxField } from '../../../components/form';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useFormat } from '../../../i18n/format';
import { useMe } from '../../../lib/useSession';
import { usePageTitle } from '../../../lib/usePageTitle';
import { erasePerson, fetchPerson, peopleKeys, savePlatformRoles } from '../api/people';

const ROLES: PlatformRole[] = ['author', 'admin'];

function RolesForm({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<PlatformRole[]>(person.platformRoles);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => savePlatformRoles(person.id, roles),
    onSuccess: async () => {
      setSaved(t('office2.person.rolesSaved', { name: person.name }));
      await queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        save.mutate();
      }}
    >
      <fieldset>
        <legend>{t('office2.person.rolesLegend', { name: person.name })}</legend>
        {ROLES.map((role) => (
          <CheckboxField
            key={role}
            id={`person-role-${role}`}
            label={t(`office2.roles.${role}`)}
            checked={roles.includes(role)}
            onChange={(e) => { setRoles((r) => (e.target.checked ? [...r, role] : r.filter((x) => x !== role))); }}
          />
        ))}
      </fieldset>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('office2.person.saveRoles')}
        </button>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}

/** The erasure form; the result is reported through `onErased` because the form disappears once the person is erased. */
function ErasureForm({ person, onErased }: { person: PersonDetail; onErased: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmed, setConfirmed] = useState(false);
  const erase = useMutation({
    mutationFn: () => erasePerson(person.id),
    onSuccess: async (r) => {
      onErased(t('office2.person.erased', { enrolments: r.enrolments, certificates: r.certificates }));
      await queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
  return (
    <section className="card" aria-labelledby="erase-heading">
      <h2 id="erase-heading">{t('office2.person.eraseTitle')}</h2>
      <p>{t('office2.person.eraseIntro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (confirmed) erase.mutate();
        }}
      >
        <CheckboxField
          id="erase-confirm"
          label={t('office2.person.eraseConfirm', { name: person.name })}
          checked={confirmed}
          onChange={(e) => { setConfirmed(e.target.checked); }}
        />
        {erase.error ? <ErrorMessage error={erase.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-danger" disabled={!confirmed || erase.isPending}>
            {t('office2.person.erase')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One person: roles, memberships, enrolments, certificates, and erasure (issue 18 points 6 and 7). */
export function PersonPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { personId = '' } = useParams();
  const me = useMe();
  const person = useQuery({ queryKey: peopleKeys.person(personId), queryFn: () => fetchPerson(personId) });
  const p = person.data;
  // Kept here, not in the form: the page re-renders as an erased person and the form goes away.
  const [erasedMessage, setErasedMessage] = useState<string | null>(null);
  const name = p ? (p.erasedAt ? t('office2.people.erasedPerson') : p.name) : null;
  usePageTitle(name);
  return (
    <div className="page page-wide">
      <Breadcrumbs items={[{ label: t('platform.title'), to: '/platform' }, { label: t('office2.people.title'), to: '/platform/people' }, { label: name ?? '…' }]} />
      {person.isPending ? <Loading /> : null}
      {person.isError ? <ErrorMessage error={person.error} onRetry={() => void person.refetch()} /> : null}
      {p ? (
        <>
          <PageHeading>{name}</PageHeading>
          <StatusMessage message={erasedMessage} />
          {p.erasedAt ? (
            <p>{t('office2.person.erasedOn', { date: fmt.date(p.erasedAt) })}</p>
          ) : (
            <dl className="facts">
              <div>
                <dt>{t('office2.people.email')}</dt>
                <dd>{p.email ?? p.username ?? '–'}</dd>
              </div>
              <div>
                <dt>{t('office2.person.since')}</dt>
                <dd>{fmt.date(p.createdAt)}</dd>
              </div>
            </dl>
          )}
          {p.erasedAt ? null : (
            <section className="card" aria-labelledby="roles-heading">
              <h2 id="roles-heading">{t('office2.people.platformRoles')}</h2>
              <RolesForm key={p.id} person={p} />
            </section>
          )}
          <section className="section" aria-labelledby="memberships-heading">
            <h2 id="memberships-heading">{t('office2.person.memberships')}</h2>
            {p.memberships.length ? (
              <ul className="plain-list">
                {p.memberships.map((m) => (
                  <li key={m.organizationId}>
                    <Link to={`/platform/organizations/${m.organizationId}`}>{m.organizationName}</Link> – {t(`platform.members.roles.${m.role}`)}
                    {m.pending ? <span className="hint"> ({t('platform.members.pending')})</span> : null}
                    {m.employeeNumber || m.unit ? (
                      <span className="block hint">
                        {[m.employeeNumber ? t('office3.person.employeeNumber', { number: m.employeeNumber }) : null, m.unit ? t('office3.person.unit', { unit: m.unit }) : null]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t('office2.person.noMemberships')}</p>
            )}
          </section>
          <section className="section" aria-labelledby="enrolments-heading">
            <h2 id="enrolments-heading">{t('office2.person.enrolments')}</h2>
            {p.enrolments.length ? (
              <div className="table-wrap">
                <table className="data">
                  <caption className="visually-hidden">{t('office2.person.enrolments')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('office2.person.course')}</th>
                      <th scope="col">{t('office2.person.cohort')}</th>
                      <th scope="col">{t('office2.person.status')}</th>
                      <th scope="col">{t('office2.person.progress')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.enrolments.map((e) => (
                      <tr key={e.id}>
                        <th scope="row">
                          {e.courseTitle}
                          {e.round > 1 ? <span className="block hint">{t('office3.table.round', { round: e.round })}</span> : null}
                        </th>
                        <td>{[e.organizationName, e.cohortName].filter(Boolean).join(' – ') || '–'}</td>
                        <td>{t(`office2.enrolmentStatus.${e.status === 'completed' || e.status === 'withdrawn' ? e.status : 'active'}`)}</td>
                        <td>{fmt.number(e.progressPercent)} %</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="empty">{t('office2.person.noEnrolments')}</p>
            )}
          </section>
          <section className="section" aria-labelledby="certificates-heading">
            <h2 id="certificates-heading">{t('office2.person.certificates')}</h2>
            {p.certificates.length ? (
              <ul className="plain-list">
                {p.certificates.map((c) => (
                  <li key={c.id}>
                    <Link to={`/verify/${encodeURIComponent(c.number)}`}>{c.number}</Link> – {c.courseTitle} ({fmt.date(c.issuedAt)}
                    {c.status === 'revoked' ? `, ${t('certificates.statusRevoked')}` : ''})
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t('office2.person.noCertificates')}</p>
            )}
          </section>
          {p.erasedAt || me.data?.id === p.id ? null : <ErasureForm person={p} onErased={setErasedMessage} />}
        </>
      ) : null}
    </div>
  );
}
