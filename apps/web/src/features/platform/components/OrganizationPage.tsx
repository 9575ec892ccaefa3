import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Member } from '../../../api';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { countryName } from '../../../lib/countries';
import { useOrganizations } from '../../../lib/useOrganization';
import { usePageTitle } from '../../../lib/usePageTitle';
import { fetchMembers, membersKey } from '../api/platform';
import { reinviteMember, removeMember } from '../api/people';
import { MemberForm } from './MemberForm';
import { RoleSelect } from './MembersPanel';

function MemberActions({ orgId, member, onStatus }: { orgId: string; member: Member; onStatus: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => removeMember(orgId, member.userId),
    onSuccess: async () => {
      onStatus(t('office2.org.removed', { name: member.name }));
      await queryClient.invalidateQueries({ queryKey: membersKey(orgId) });
    },
  });
  const reinvite = useMutation({
    mutationFn: () => reinviteMember(orgId, member.userId),
    onSuccess: () => { onStatus(t('office2.org.reinvited', { email: member.email ?? member.name })); },
  });
  return (
    <div>
      <span className="card-actions">
        {member.pending ? (
          <button type="button" className="button button-secondary button-small" disabled={reinvite.isPending} onClick={() => { reinvite.mutate(); }}>
            {t('office2.org.reinvite')}
            <span className="visually-hidden"> {member.name}</span>
          </button>
        ) : null}
        {confirming ? (
          <>
            <button type="button" className="button button-danger button-small" disabled={remove.isPending} onClick={() => { remove.mutate(); }}>
              {t('office2.org.confirmRemove', { name: member.name })}
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => { setConfirming(false); }}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button button-secondary button-small" onClick={() => { setConfirming(true); }}>
            {t('office2.org.remove')}
            <span className="visually-hidden"> {member.name}</span>
          </button>
        )}
      </span>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {reinvite.error ? <ErrorMessage error={reinvite.error} /> : null}
    </div>
  );
}

/** One organisation for the platform admin: its facts and members (role, re-invite, remove, add). */
export function OrganizationPage() {
  const { t, i18n } = useTranslation();
  const { orgId = '' } = useParams();
  const orgs = useOrganizations();
  const org = orgs.data?.find((o) => o.id === orgId);
  const [status, setStatus] = useState<string | null>(null);
  const members = useQuery({ queryKey: membersKey(orgId), queryFn: () => fetchMembers(orgId), enabled: Boolean(org) });
  usePageTitle(org?.name);
  if (orgs.isPending) return <Loading />;
  if (orgs.isError) return <ErrorMessage error={orgs.error} onRetry={() => void orgs.refetch()} />;
  if (!org) return <NotFoundPage />;
  return (
    <div className="page page-wide">
      <Breadcrumbs items={[{ label: t('platform.title'), to: '/platform' }, { label: org.name }]} />
      <PageHeading>{org.name}</PageHeading>
      <dl className="facts">
        <div>
          <dt>{t('platform.orgs.kind')}</dt>
          <dd>{t(`manage.kinds.${org.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('platform.orgs.country')}</dt>
          <dd>{org.country ? countryName(org.country, i18n.language) : '–'}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/manage/organizations/${org.id}`}>{t('office2.org.openManage')}</Link>
      </p>
      <section className="section" aria-labelledby="org-members-heading">
        <h2 id="org-members-heading">{t('platform.members.title')}</h2>
        <StatusMessage message={status} />
        {members.isPending ? <Loading /> : null}
        {members.isError ? <ErrorMessage error={members.error} /> : null}
        {members.data ? (
          members.data.length ? (
            <div className="table-wrap">
              <table className="data">
                <caption className="visually-hidden">{t('platform.members.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('platform.members.name')}</th>
                    <th scope="col">{t('auth.email')}</th>
                    <th scope="col">{t('platform.members.role')}</th>
                    <th scope="col">{t('office2.org.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.data.map((m) => (
                    <tr key={m.userId}>
                      <th scope="row">
                        <Link to={`/platform/people/${m.userId}`}>{m.name}</Link>
                        {m.pending ? <span className="hint block">{t('platform.members.pending')}</span> : null}
                      </th>
                      <td>{m.email ?? m.username ?? '–'}</td>
                      <td>
                        <RoleSelect orgId={orgId} member={m} onChanged={setStatus} />
                      </td>
                      <td>
                        <MemberActions orgId={orgId} member={m} onStatus={setStatus} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="empty">{t('platform.members.none')}</p>
          )
        ) : null}
      </section>
      <section className="section card" aria-labelledby="org-add-heading">
        <h2 id="org-add-heading">{t('office2.org.addMember')}</h2>
        <MemberForm organizations={[org]} />
      </section>
    </div>
  );
}
