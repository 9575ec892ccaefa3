import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EnrolmentDetail } from '../../../api';
import { enrolmentKey, sendHeartbeat } from '../../../api/learning';

export const HEARTBEAT_MS = 30_000;

/** The cached enrolment with the minutes a heartbeat answered (seconds never go back). */
export function withMinutes(old: EnrolmentDetail, minutes: number): EnrolmentDetail {
  const learningSeconds = Math.max(old.learningTime.learningSeconds, minutes * 60);
  const required = old.learningTime.requiredSeconds;
  const remainingSeconds = required === null ? 0 : Math.max(0, required - learningSeconds);
  return {
    ...old,
    minutes,
    learningTime: { ...old.learningTime, learningSeconds, remainingSeconds, remainingMinutes: Math.ceil(remainingSeconds / 60), met: remainingSeconds === 0 },
  };
}

/**
 * Learning time, only while the tab is visible. Opening the course and coming back to the tab
 * send a `start` beat (the server's clock starts; the time before is not credited); then one
 * beat every 30 s credits the time since the previous one. Hiding the tab sends one last beat
 * (the visible time up to then) and stops the timer, so hidden time never counts.
 *
 * Why the time used to stay at 0 minutes: the first beat came 30 s after opening and only set
 * the server's clock (a first beat credits nothing), so the first minute of every visit and of
 * every return to the tab was lost, and short visits counted nothing at all.
 */
export function useHeartbeat(enrolmentId: string, enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    let timer: number | undefined;
    const beat = async (start: boolean) => {
      try {
        const { minutes } = await sendHeartbeat(enrolmentId, start);
        const key = enrolmentKey(enrolmentId);
        const old = queryClient.getQueryData<EnrolmentDetail>(key);
        if (!old) return;
        const next = withMinutes(old, minutes);
        queryClient.setQueryData<EnrolmentDetail>(key, next);
        // The beat that reaches the minimum time may have completed the course: read it again.
        if (next.learningTime.met && !old.learningTime.met) void queryClient.invalidateQueries({ queryKey: key });
      } catch {
        // a missed beat only costs the time since the previous one
      }
    };
    const start = () => {
      if (timer !== undefined) return;
      void beat(true);
      timer = window.setInterval(() => void beat(false), HEARTBEAT_MS);
    };
    const stop = () => {
      if (timer === undefined) return;
      window.clearInterval(timer);
      timer = undefined;
      void beat(false);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') start();
      else stop();
    };
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stop();
    };
  }, [enrolmentId, enabled, queryClient]);
}
