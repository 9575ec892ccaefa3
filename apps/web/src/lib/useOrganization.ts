import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Cohort } from '../api';
import { useMe } from './useSession';
import { cohortKeys, fetchCohort, fetchCohorts, fetchOrganizations } from '../api/cohorts';

export function useOrganizations() {
  return useQuery({ queryKey: cohortKeys.organizations, queryFn: fetchOrganizations, staleTime: 5 * 60_000 });
}

/** The organisation's name, from the list (admins) or from the user's memberships. */
export function useOrganizationName(orgId: string): string {
  const me = useMe();
  const orgs = useOrganizations();
  return (
    orgs.data?.find((o) => o.id === orgId)?.name ??
    me.data?.memberships.find((m) => m.organizationId === orgId)?.organizationName ??
    ''
  );
}

export function useCohorts(orgId: string) {
  return useQuery({ queryKey: cohortKeys.cohorts(orgId), queryFn: () => fetchCohorts(orgId) });
}

/** One cohort with its counts (the dashboard header); starts from the list when it is loaded. */
export function useCohort(orgId: string, cohortId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: cohortKeys.cohort(cohortId),
    queryFn: () => fetchCohort(cohortId),
    placeholderData: () => queryClient.getQueryData<Cohort[]>(cohortKeys.cohorts(orgId))?.find((c) => c.id === cohortId),
  });
  return { ...query, cohort: query.data };
}
