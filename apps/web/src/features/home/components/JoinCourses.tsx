import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MyEnrolment } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { coursesKey, fetchCourses, myEnrolmentsKey, selfEnrol } from '../../../api/enrolments';

/** Published courses open to self-enrolment that the learner is not in yet. */
export function JoinCourses({ enrolments }: { enrolments: MyEnrolment[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const courses = useQuery({ queryKey: coursesKey, queryFn: fetchCourses, staleTime: 5 * 60_000 });
  const join = useMutation({
    mutationFn: selfEnrol,
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: myEnrolmentsKey });
      await navigate(`/learn/${id}`);
    },
  });
  const mine = new Set(enrolments.map((e) => e.course.id));
  const open = (courses.data?.items ?? []).filter((c) => c.selfEnrolment && c.status === 'published' && !mine.has(c.id));
  if (!open.length) return null;
  return (
    <section aria-labelledby="join-heading" className="section">
      <h2 id="join-heading">{t('home.joinTitle')}</h2>
      {join.error ? <ErrorMessage error={join.error} /> : null}
      <ul className="card-list">
        {open.map((course) => (
          <li key={course.id} className="card">
            <h3>{course.title}</h3>
            {course.summary ? <p>{course.summary}</p> : null}
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={join.isPending ? true : undefined}
              onClick={() => {
                if (!join.isPending) join.mutate(course.id);
              }}
            >
              {t('home.join')}
              <span className="visually-hidden">: {course.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
