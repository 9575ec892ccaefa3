import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EnrolmentDetail } from '../../../api';
import { enrolmentKey, sendHeartbeat } from '../../../api/learning';

export const HEARTBEAT_MS = 30_000;

/**
 * Learning time: one heartbeat every 30 s, only while the tab is visible. The timer stops
 * when the tab is hidden and starts again (a full 30 s later) when it is shown.
 */
export function useHeartbeat(enrolmentId: string, enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    let timer: number | undefined;
    const beat = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const { minutes } = await sendHeartbeat(enrolmentId);
        queryClient.setQueryData<EnrolmentDetail>(enrolmentKey(enrolmentId), (old) => (old ? { ...old, minutes } : old));
      } catch {
        // a missed beat only costs 30 s of counted time
      }
    };
    const start = () => {
      timer ??= window.setInterval(() => void beat(), HEARTBEAT_MS);
    };
    const stop = () => {
      window.clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') start();
      else stop();
    };
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enrolmentId, enabled, queryClient]);
}
