import { Injectable } from '@nestjs/common';
import { recordAudit } from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import { isAdmin, type Actor } from '../common/auth/actor.js';
import { DomainError, notFound } from '@kindling/common';
import type { LocaleCode, MeView, PlatformRolesView } from './dto/auth.dto.js';

interface MeRow {
  id: string;
  email: string | null;
  username: string | null;
  name: string;
  locale: LocaleCode;
  platform_roles: ('admin' | 'author')[];
  memberships: MeView['memberships'];
  email_verified: boolean;
}

/** The caller's own profile and platform roles. */
@Injectable()
export class UserDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async me(userId: string, em: EntityManager = this.dataSource.manager): Promise<MeView> {
    const rows: MeRow[] = await em.query(
      `SELECT u.id, u.email, u.username, u.name, u.locale, u.platform_roles, u.email_verified_at IS NOT NULL AS email_verified,
              coalesce((SELECT json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name, 'role', m.role) ORDER BY o.name)
                          FROM memberships m JOIN organizations o ON o.id = m.organization_id
                         WHERE m.user_id = u.id), '[]'::json) AS memberships
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    const row = rows[0];
    if (!row) throw notFound('user');
    return {
      id: row.id,
      email: row.email,
      username: row.username,
      name: row.name,
      locale: row.locale,
      platformRoles: row.platform_roles,
      memberships: row.memberships,
      emailVerified: row.email_verified,
    };
  }

  async updateMe(userId: string, patch: { name?: string; locale?: LocaleCode }): Promise<MeView> {
    await this.dataSource.query(
      `UPDATE users SET name = coalesce($2, name), locale = coalesce($3, locale), updated_at = now() WHERE id = $1`,
      [userId, patch.name ?? null, patch.locale ?? null],
    );
    return this.me(userId);
  }

  async setPlatformRoles(actor: Actor, userId: string, roles: ('admin' | 'author')[]): Promise<PlatformRolesView> {
    const wanted = [...new Set(roles)].sort();
    if (actor.userId === userId && isAdmin(actor) && !wanted.includes('admin')) {
      throw new DomainError('conflict', 'you cannot remove your own admin role; ask another admin');
    }
    return this.dataSource.transaction(async (em) => {
      const before: { platform_roles: string[] }[] = await em.query(`SELECT platform_roles FROM users WHERE id = $1 FOR UPDATE`, [userId]);
      if (!before[0]) throw notFound('user');
      await em.query(`UPDATE users SET platform_roles = $2, updated_at = now() WHERE id = $1`, [userId, wanted]);
      const from = [...before[0].platform_roles].sort();
      if (from.join() !== wanted.join()) {
        await recordAudit(em, {
          organizationId: null,
          actorId: actor.userId,
          action: 'user.platform_roles_changed',
          subjectType: 'user',
          subjectId: userId,
          data: { from, to: wanted },
        });
      }
      return { id: userId, platformRoles: wanted };
    });
  }
}
