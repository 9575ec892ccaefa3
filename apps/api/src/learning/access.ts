import { type Actor, isAdmin, managedOrganizations } from '../common/auth/actor.js';

/** What a query needs to scope rows to the caller: their id, the organisations they manage, admin. */
export interface Scope {
  userId: string;
  managed: string[];
  admin: boolean;
}

export const scopeOf = (actor: Actor): Scope => ({ userId: actor.userId, managed: managedOrganizations(actor), admin: isAdmin(actor) });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id names nothing the caller could see: 404, like any unknown id. */
export const isUuid = (value: string): boolean => UUID.test(value);
