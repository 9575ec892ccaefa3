import { lazy } from 'react';
import { LearnerHome } from '../features/home/components/LearnerHome';
import { Loading } from '../components/Loading';
import { useMe } from '../lib/useSession';

// The managers' overview is part of the managers' chunk: learners never download it.
const ManagerHome = lazy(() => import('../features/cohorts/components/ManagerHome'));

/** "/": a manager lands on the overview of their organisations' cohorts; everyone else on their learning. */
export function HomeRoute() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  return me.data?.memberships.some((m) => m.role === 'manager') ? <ManagerHome /> : <LearnerHome />;
}
