/** The kinds of object a route or service can ask access to. */
export type ScopedResource =
  | 'course' | 'module' | 'lesson' | 'quiz' | 'cohort' | 'enrolment' | 'attempt' | 'certificate' | 'job' | 'user' | 'instrument'
  | 'media';

/** How the caller relates to the object. */
export type ScopedAccess =
  | 'author' // author of the course (or admin)
  | 'reader' // any signed-in user who may see the published course, its enrolled learners, its author
  | 'learner' // the learner who owns the object
  | 'learner-or-manager' // the owning learner, managers of its organisation, admin
  | 'manager' // managers of the object's organisation, admin
  | 'self'; // the user themself, admin

/**
 * The access rules as SQL: for each scoped resource and rule, a query that
 * returns a row exactly when the caller may reach the object. Parameters: $1 object id,
 * $2 caller id, $3 organisations the caller manages (uuid[]), $4 caller is admin.
 *
 * These run before the route's body is validated, so a caller who may not see an object
 * gets 404 whatever they send. The services still scope their own queries (defence in
 * depth); where a rule leaves room to the route ("reader"), the rule here is the widest
 * reading and the service decides the rest.
 */
type Rules = { [R in ScopedResource]: Partial<Record<ScopedAccess, string>> };


const courseOfVersion = (table: string) => `
  SELECT c.id AS course_id, c.author_id, c.published_version_id
    FROM ${table} x JOIN course_versions v ON v.id = x.course_version_id JOIN courses c ON c.id = v.course_id
   WHERE x.id = $1`;

const enrolledIn = (courseExpr: string) => `EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = ${courseExpr} AND e.user_id = $2)`;

const authorOf = (table: string) => `SELECT 1 FROM (${courseOfVersion(table)}) k WHERE k.author_id = $2 OR $4`;
const readerOf = (table: string) =>
  `SELECT 1 FROM (${courseOfVersion(table)}) k WHERE k.published_version_id IS NOT NULL OR k.author_id = $2 OR $4 OR ${enrolledIn('k.course_id')}`;

/** The organisation an enrolment belongs to: its own, or its cohort's. */
const ENROLMENT_ORG_MANAGED = `(e.organization_id = ANY($3::uuid[]) OR EXISTS (SELECT 1 FROM cohorts h WHERE h.id = e.cohort_id AND h.organization_id = ANY($3::uuid[])))`;

export const SCOPED_ACCESS_RULES: Rules = {
  course: {
    author: `SELECT 1 FROM courses c WHERE c.id = $1 AND (c.author_id = $2 OR $4)`,
    reader: `SELECT 1 FROM courses c WHERE c.id = $1 AND (c.published_version_id IS NOT NULL OR c.author_id = $2 OR $4 OR ${enrolledIn('c.id')})`,
  },
  module: { author: authorOf('modules'), reader: readerOf('modules') },
  lesson: { author: authorOf('lessons'), reader: readerOf('lessons') },
  quiz: { author: authorOf('quizzes'), reader: readerOf('quizzes') },
  cohort: {
    manager: `SELECT 1 FROM cohorts h WHERE h.id = $1 AND (h.organization_id = ANY($3::uuid[]) OR $4)`,
    'learner-or-manager': `SELECT 1 FROM cohorts h WHERE h.id = $1 AND (h.organization_id = ANY($3::uuid[]) OR $4
      OR EXISTS (SELECT 1 FROM enrolments e WHERE e.cohort_id = h.id AND e.user_id = $2))`,
    learner: `SELECT 1 FROM cohorts h WHERE h.id = $1 AND ($4 OR EXISTS (SELECT 1 FROM enrolments e WHERE e.cohort_id = h.id AND e.user_id = $2))`,
  },
  enrolment: {
    learner: `SELECT 1 FROM enrolments e WHERE e.id = $1 AND (e.user_id = $2 OR $4)`,
    'learner-or-manager': `SELECT 1 FROM enrolments e WHERE e.id = $1 AND (e.user_id = $2 OR $4 OR ${ENROLMENT_ORG_MANAGED})`,
    manager: `SELECT 1 FROM enrolments e WHERE e.id = $1 AND ($4 OR ${ENROLMENT_ORG_MANAGED})`,
  },
  attempt: {
    learner: `SELECT 1 FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id WHERE a.id = $1 AND (e.user_id = $2 OR $4)`,
    'learner-or-manager': `SELECT 1 FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id
      WHERE a.id = $1 AND (e.user_id = $2 OR $4 OR ${ENROLMENT_ORG_MANAGED})`,
    manager: `SELECT 1 FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id WHERE a.id = $1 AND ($4 OR ${ENROLMENT_ORG_MANAGED})`,
  },
  certificate: {
    learner: `SELECT 1 FROM certificates c WHERE c.id = $1 AND (c.user_id = $2 OR $4)`,
    'learner-or-manager': `SELECT 1 FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
      WHERE c.id = $1 AND (c.user_id = $2 OR $4 OR c.organization_id = ANY($3::uuid[]) OR ${ENROLMENT_ORG_MANAGED})`,
    manager: `SELECT 1 FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
      WHERE c.id = $1 AND ($4 OR c.organization_id = ANY($3::uuid[]) OR ${ENROLMENT_ORG_MANAGED})`,
  },
  job: {
    manager: `SELECT 1 FROM jobs j WHERE j.id = $1 AND ($4 OR j.organization_id = ANY($3::uuid[]) OR j.created_by = $2)`,
    learner: `SELECT 1 FROM jobs j WHERE j.id = $1 AND ($4 OR j.created_by = $2)`,
    'learner-or-manager': `SELECT 1 FROM jobs j WHERE j.id = $1 AND ($4 OR j.organization_id = ANY($3::uuid[]) OR j.created_by = $2)`,
  },
  user: {
    self: `SELECT 1 FROM users u WHERE u.id = $1 AND (u.id = $2 OR $4)`,
    manager: `SELECT 1 FROM users u WHERE u.id = $1 AND ($4 OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organization_id = ANY($3::uuid[])))`,
    'learner-or-manager': `SELECT 1 FROM users u WHERE u.id = $1 AND (u.id = $2 OR $4
      OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organization_id = ANY($3::uuid[])))`,
  },
  instrument: {
    author: `SELECT 1 FROM instruments i WHERE i.id = $1`,
    reader: `SELECT 1 FROM instruments i WHERE i.id = $1`,
  },
  // Lesson media: the course's author and admins, and learners enrolled (not withdrawn) in any version of it — nobody else,
  // whichever organisation they belong to.
  media: {
    author: `SELECT 1 FROM course_media md JOIN courses c ON c.id = md.course_id WHERE md.id = $1 AND (c.author_id = $2 OR $4)`,
    reader: `SELECT 1 FROM course_media md JOIN courses c ON c.id = md.course_id WHERE md.id = $1 AND (c.author_id = $2 OR $4
      OR EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id AND e.user_id = $2 AND e.status <> 'withdrawn'))`,
  },
};
