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

/** Tokens of a user with more memberships than this carry none and always load the actor from PostgreSQL. */
export const MAX_MEMBERSHIPS_IN_TOKEN = 50;

export interface AccessTokenClaims {
  sub: string;
  /** refresh-token family, so logout can revoke it */
  fam?: string;
  /** platform roles when issued */
  rol?: PlatformRole[];
  /** memberships when issued: organizationId → role */
  mem?: Record<string, OrganizationRole>;
  /** the session store's epoch and the user's roles/memberships version when issued (SessionVersions) */
  ep?: string;
  mv?: string;
}

/** Claims as the JWT strategy hands them on: `actor` is set when the token's own claims are current. */
export type VerifiedClaims = AccessTokenClaims & { actor?: Actor };

/** The actor a current token describes; null when the token does not carry one. */
export function actorFromClaims(claims: AccessTokenClaims): Actor | null {
  if (!Array.isArray(claims.rol) || !claims.mem || typeof claims.mem !== 'object') return null;
  return { userId: claims.sub, platformRoles: claims.rol, memberships: new Map(Object.entries(claims.mem)) };
}
