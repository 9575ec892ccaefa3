import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router';
import type { EnrolmentDetail } from '../api';
import { enrolmentKey, fetchEnrolment } from '../api/learning';
import type { Step } from './steps';

export function useEnrolment(id: string) {
  return useQuery({ queryKey: enrolmentKey(id), queryFn: () => fetchEnrolment(id) });
}

/** What the course player gives the page inside it (lesson, quiz, self-assessment). */
export interface PlayerContext {
  enrolment: EnrolmentDetail;
  steps: Step[];
}

export function usePlayer(): PlayerContext {
  return useOutletContext<PlayerContext>();
}
