import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import type { OrganizationRole, PlatformRole, ScopedAccess, ScopedResource } from '@kindling/db';

/**
 * Every route declares exactly one access policy (a test walks the route table and fails on
 * a route without one; the guard refuses such a route at run time too).
 *
 * - public: anyone, signed in or not.
 * - signed-in: any signed-in user; what they see is scoped in the query by their identity.
 * - platform-role: a signed-in user with one of the platform roles (403 otherwise).
 * - org-role: a member of the organisation named by a route parameter with one of the roles,
 *   or a platform admin; anyone else gets 404 (the organisation is not revealed).
 * - scoped: a signed-in user; the object named by the route parameter is loaded through a
 *   query restricted to what the caller may see (`access` names the rule), so anyone else
 *   gets 404. The guard only authenticates; the service does the scoping.
 *   `checkedInSql: true` — only where the service's own statement filters by the caller
 *   (`… AND e.user_id = $caller`) and answers the same 404 (`not_found` of the same resource)
 *   when it finds nothing — skips the interceptor's separate ownership query: the hot learner
 *   writes then cost one round trip. The body is then validated before the 404 (the same 400
 *   for any id, so it tells nothing about the object).
 */
export type { ScopedAccess, ScopedResource };

export type Policy =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'platform-role'; roles: PlatformRole[] }
  | { kind: 'org-role'; roles: OrganizationRole[]; param: string }
  | { kind: 'scoped'; resource: ScopedResource; param: string; access: ScopedAccess; checkedInSql?: boolean };

export const POLICY_KEY = 'kindling:policy';

const declare = (policy: Policy, ...extra: (ClassDecorator | MethodDecorator | PropertyDecorator)[]) =>
  applyDecorators(SetMetadata(POLICY_KEY, policy), ...(extra as MethodDecorator[]));

const authDocs = [ApiBearerAuth(), ApiCookieAuth('kindling_at')];

export const Public = () => declare({ kind: 'public' });
export const SignedIn = () => declare({ kind: 'signed-in' }, ...authDocs);
export const PlatformRoles = (...roles: PlatformRole[]) => declare({ kind: 'platform-role', roles }, ...authDocs);
export const OrgRoles = (roles: OrganizationRole[], param = 'orgId') => declare({ kind: 'org-role', roles, param }, ...authDocs);
export const Scoped = (resource: ScopedResource, access: ScopedAccess, param = 'id', options: { checkedInSql?: boolean } = {}) =>
  declare({ kind: 'scoped', resource, param, access, ...(options.checkedInSql ? { checkedInSql: true } : {}) }, ...authDocs);
