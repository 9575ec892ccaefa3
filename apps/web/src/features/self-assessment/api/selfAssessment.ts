import { operations, request } from '../../../api';
import type { SelfAssessmentBody, SelfAssessmentPhase } from '../../../api';

export const selfAssessmentKey = (courseId: string) => ['self-assessment', courseId] as const;

export const fetchSelfAssessment = (courseId: string) =>
  request(operations.getSelfAssessment, { params: { id: courseId } });
export const submitSelfAssessment = (enrolmentId: string, phase: SelfAssessmentPhase, body: SelfAssessmentBody) =>
  request(operations.submitSelfAssessment, { params: { id: enrolmentId, phase }, body });
