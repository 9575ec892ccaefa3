import type { OrganizationRole, PlatformRole } from '@kindling/db';

/** The signed-in caller, as every service receives it. */
export interface Actor {
  userId: string;
  platformRoles: PlatformRole[];
  /** organizationId → role */
  memberships: Map<string, OrganizationRole>;
}

export const isAdmin = (actor: Actor) => actor.platformRoles.includes('admin');
export const isAuthor = (actor: Actor) => actor.platformRoles.includes('author') || isAdmin(actor);
/** Organisation ids where the actor is a manager. */
export const managedOrganizations = (actor: Actor): string[] =>
  [...actor.memberships].filter(([, role]) => role === 'manager').map(([id]) => id);

export interface AccessTokenClaims {
  sub: string;
  /** refresh-token family, so logout can revoke it */
  fam?: string;
}
