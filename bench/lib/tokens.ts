import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { KindlingConfig } from '@kindling/config';
import { type OrganizationRole, type PlatformRole, SessionVersions } from '@kindling/db';
import type { DataSource } from 'typeorm';

/**
 * Learners' access tokens as the API issues them at sign-in (SessionTokens.signAccess): the
 * caller's roles and memberships read from PostgreSQL, stamped with the session store's epoch
 * and the user's version in Redis, and a session (family) id — so the API checks them with
 * one Redis read, as it would a real learner's. (3,000 logins would measure argon2, not Kindling.)
 */
export class BenchTokens {
  private readonly jwt: JwtService;
  private readonly versions: SessionVersions;
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    secret: string,
    config: { redisUrl: string; queuePrefix: string },
  ) {
    this.jwt = new JwtService({ secret });
    this.versions = new SessionVersions({ ...config, accessTokenTtlSeconds: 3_600, refreshTokenTtlSeconds: 3_600 } as KindlingConfig);
  }

  /** Mints (once per user) and returns `Bearer …` headers for these users. */
  async prepare(userIds: string[]): Promise<(userId: string) => string> {
    for (let i = 0; i < 100 && !(await this.ready()); i++) await new Promise((r) => setTimeout(r, 50));
    const missing = [...new Set(userIds)].filter((id) => !this.cache.has(id));
    for (let i = 0; i < missing.length; i += 2_000) {
      const batch = missing.slice(i, i + 2_000);
      const actors = (await this.ds.query(
        `SELECT u.id, u.platform_roles,
                COALESCE((SELECT json_object_agg(m.organization_id, m.role) FROM memberships m WHERE m.user_id = u.id), '{}'::json) AS mem
           FROM users u WHERE u.id = ANY($1::uuid[])`,
        [batch],
      )) as { id: string; platform_roles: PlatformRole[]; mem: Record<string, OrganizationRole> }[];
      await Promise.all(
        actors.map(async (a) => {
          const stamp = await this.versions.stamp(a.id);
          if (!stamp) throw new Error('Redis did not give a session stamp');
          const claims = { sub: a.id, fam: randomUUID(), rol: a.platform_roles, mem: a.mem, ep: stamp.ep, mv: stamp.mv };
          this.cache.set(a.id, `Bearer ${this.jwt.sign(claims, { algorithm: 'HS256', issuer: 'kindling', audience: 'kindling-api', expiresIn: 3_600 })}`);
        }),
      );
    }
    return (userId: string) => {
      const token = this.cache.get(userId);
      if (!token) throw new Error(`no token prepared for ${userId}`);
      return token;
    };
  }

  async close(): Promise<void> {
    await this.versions.onApplicationShutdown();
  }

  private async ready(): Promise<boolean> {
    return (this.versions as unknown as { redis: { status: string } }).redis.status === 'ready';
  }
}
