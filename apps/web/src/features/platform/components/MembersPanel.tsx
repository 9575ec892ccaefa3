import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Member, MembershipRole, Organization } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { SelectField } from '../../../components/form';
import { Loading } from '../../../components/Loading';
import { StatusMessage } from '../../../components/StatusMessage';
import { changeMemberRole, fetchMembers, membersKey } from '../api/platform';

export function RoleSelect({ orgId, member, onChanged }: { orgId: string; member: Member; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (role: MembershipRole) => changeMemberRole(orgId, member.userId, role),
    onSuccess: async (_, role) => {
      onChanged(t('platform.members.roleChanged', { name: member.name, role: t(`platform.members.roles.${role}`) }));
      await queryClient.invalidateQueries({ queryKey: membersKey(orgId) });
    },
  });
  return (
    <>
      <label htmlFor={`role-${member.userId}`} className="visually-hidden">
        {t('platform.members.roleOf', { name: member.name })}
      </label>
      <select
        id={`role-${member.userId}`}
        className="auto"
        value={member.role}
        disabled={change.isPending}
        onChange={(e) => {
          change.mutate(e.target.value === 'manager' ? 'manager' : 'learner');
        }}
      >
        <option value="manager">{t('platform.members.roles.manager')}</option>
        <option value="learner">{t('platform.members.roles.learner')}</option>
      </select>
      {change.error ? <ErrorMessage error={change.error} /> : null}
    </>
  );
}

/** The members of one organisation with their roles; a name opens the person (platform roles, erasure). */
export function MembersPanel({ organizations }: { organizations: Organization[] }) {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const members = useQuery({ queryKey: membersKey(orgId), queryFn: () => fetchMembers(orgId), enabled: orgId !== '' });
  return (
    <div>
      <SelectField
        id="members-org"
        label={t('platform.members.showOf')}
        value={orgId}
        onChange={(e) => {
          setOrgId(e.target.value);
          setStatus(null);
        }}
      >
        <option value="">{t('platform.members.chooseOrganization')}</option>
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <StatusMessage message={status} />
      {orgId && members.isPending ? <Loading /> : null}
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t('platform.members.none')}</p>
        )
      ) : null}
    </div>
  );
}
