import { Injectable } from '@nestjs/common';
import { recordAudit, SessionVersions, UsersRepository } from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import { isAdmin, type Actor } from '../common/auth/actor.js';
import { DomainError, notFound, msg } from '@kindling/common';
import type { LocaleCode, MeView, PlatformRolesView } from './dto/auth.dto.js';

/** The caller's own profile and platform roles. */
@Injectable()
export class UserDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly versions: SessionVersions,
  ) {}

  async me(userId: string, em: EntityManager = this.dataSource.manager): Promise<MeView> {
    const row = await this.users.profile(userId, em);
    if (!row) throw notFound('user');
    return {
      id: row.id,
      email: row.email,
      username: row.username,
      name: row.name,
      locale: row.locale,
      platformRoles: row.platformRoles,
      memberships: row.memberships,
      emailVerified: row.emailVerified,
    };
  }

  async updateMe(userId: string, patch: { name?: string; locale?: LocaleCode }): Promise<MeView> {
    await this.users.updateProfile(userId, { name: patch.name ?? null, locale: patch.locale ?? null });
    return this.me(userId);
  }

  async setPlatformRoles(actor: Actor, userId: string, roles: ('admin' | 'author')[]): Promise<PlatformRolesView> {
    const wanted = [...new Set(roles)].sort();
    if (actor.userId === userId && isAdmin(actor) && !wanted.includes('admin')) {
      throw new DomainError('conflict', msg('errors.users.ownAdminRole'));
    }
    const changed = await this.dataSource.transaction(async (em): Promise<PlatformRolesView> => {
      const before = await this.users.lockPlatformRoles(userId, em);
      if (!before) throw notFound('user');
      await this.users.setPlatformRoles(userId, wanted, em);
      const from = [...before].sort();
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
    // After the commit: access tokens carry platform roles (SessionVersions).
    await this.versions.actorsChanged([userId]);
    return changed;
  }
}
