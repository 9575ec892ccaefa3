import { Injectable } from '@nestjs/common';
import { isUuid, notFound } from '@kindling/common';
import { AccessRepository, type Scope, type ScopedAccess, type ScopedResource } from '@kindling/db';
import type { EntityManager } from 'typeorm';
import { type Actor, isAdmin, isAuthor, managedOrganizations } from './actor.js';

export type { Scope };

/** Who may edit a course: authors their own courses, admins every course (put into queries). */
export interface AuthorScope {
  userId: string;
  admin: boolean;
}

/** What a query needs to scope rows to the caller. */
export const scopeOf = (actor: Actor): Scope => ({ userId: actor.userId, managed: managedOrganizations(actor), admin: isAdmin(actor) });

/** The caller as an author; a caller without the author role sees no course to edit (404). */
export function authorScopeOf(actor: Actor, what = 'course'): AuthorScope {
  if (!isAuthor(actor)) throw notFound(what);
  return { userId: actor.userId, admin: isAdmin(actor) };
}

/**
 * The one authorization layer, with the policy decorators (policy.ts) and the global guard:
 * routes declare a policy; services ask here. `requireAccess` answers 404 — the same as for
 * an id that does not exist — when the rule does not reach every object, so a caller learns
 * nothing about what they may not see. Services still filter their own queries by `scope`.
 */
@Injectable()
export class AccessService {
  constructor(private readonly access: AccessRepository) {}

  scope(actor: Actor): Scope {
    return scopeOf(actor);
  }

  authorScope(actor: Actor, what = 'course'): AuthorScope {
    return authorScopeOf(actor, what);
  }

  /** Throws 404 unless the caller reaches every id by `resource:access`; a malformed id is unknown. */
  async requireAccess(actor: Actor, resource: ScopedResource, access: ScopedAccess, ids: string[]): Promise<void> {
    if (ids.some((id) => !isUuid(id))) throw notFound(resource);
    const reached = await this.access.reachable(resource, access, ids, scopeOf(actor));
    if (ids.some((id) => !reached.has(id))) throw notFound(resource);
  }

  /** Loads the caller's roles and memberships from PostgreSQL (the guard, when the token's own claims are not current; token issuing). */
  async actor(userId: string, em?: EntityManager): Promise<Actor | null> {
    if (!isUuid(userId)) return null;
    const row = await this.access.actor(userId, em);
    return row ? { userId, platformRoles: row.platformRoles, memberships: new Map(row.memberships) } : null;
  }
}
