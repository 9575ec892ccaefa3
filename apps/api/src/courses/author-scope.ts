import { type Actor, isAdmin, isAuthor } from '../common/auth/index.js';
import { notFound } from '../common/errors/domain-error.js';

/**
 * Who may edit a course: authors edit their own courses, admins every course. Services put
 * these two values into their queries (`c.author_id = $userId OR $admin`), so a course the
 * caller may not edit is simply not found.
 */
export interface AuthorScope {
  userId: string;
  admin: boolean;
}

/** The caller as an author; a caller without the author role sees no course to edit (404). */
export function authorScopeOf(actor: Actor, what = 'course'): AuthorScope {
  if (!isAuthor(actor)) throw notFound(what);
  return { userId: actor.userId, admin: isAdmin(actor) };
}
