import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganizationRole, PlatformRole } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';
import { SCOPED_ACCESS_RULES, type ScopedAccess, type ScopedResource } from './access.rules.js';

/** What a query needs to scope rows to the caller: their id, the organisations they manage, admin. */
export interface Scope {
  userId: string;
  managed: string[];
  admin: boolean;
}

export interface ActorRow {
  platformRoles: PlatformRole[];
  memberships: [string, OrganizationRole][];
}

/** The SQL behind the access layer: who the caller is, and whether a rule reaches objects. */
@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's platform roles and memberships in one query; null for an unknown or erased user (no token of theirs works). */
  async actor(userId: string, db: EntityManager | DataSource = this.dataSource): Promise<ActorRow | null> {
    const row = await queryFirst<{ platform_roles: PlatformRole[]; memberships: [string, OrganizationRole][] | null }>(
      db,
      `SELECT u.platform_roles,
              (SELECT json_agg(json_build_array(m.organization_id, m.role)) FROM memberships m WHERE m.user_id = u.id) AS memberships
         FROM users u WHERE u.id = $1 AND u.erased_at IS NULL`,
      [userId],
    );
    return row ? { platformRoles: row.platform_roles, memberships: row.memberships ?? [] } : null;
  }

  /** The ids among `ids` that the rule lets the caller reach (one indexed query per id). */
  async reachable(resource: ScopedResource, access: ScopedAccess, ids: string[], scope: Scope): Promise<Set<string>> {
    const sql = SCOPED_ACCESS_RULES[resource]?.[access];
    if (!sql) throw new Error(`no access rule ${resource}:${access}`);
    const reached = new Set<string>();
    for (const id of new Set(ids)) {
      // The typed parameter row lets a rule leave some parameters unused.
      const rows = await queryRows(
        this.dataSource,
        `SELECT 1 FROM (SELECT $1::uuid, $2::uuid, $3::uuid[], $4::boolean) AS params, LATERAL (${sql}) AS allowed LIMIT 1`,
        [id, scope.userId, scope.managed, scope.admin],
      );
      if (rows.length > 0) reached.add(id);
    }
    return reached;
  }
}
