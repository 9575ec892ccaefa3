import { useQuery } from '@tanstack/react-query';
import { cohortKeys, fetchJob } from '../../../api/cohorts';

const FINISHED = new Set(['done', 'failed']);

/** Polls a background job once a second until it has finished. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: cohortKeys.job(jobId ?? ''),
    queryFn: () => fetchJob(jobId ?? ''),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
}
