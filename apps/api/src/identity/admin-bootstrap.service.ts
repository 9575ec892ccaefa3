import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher.service.js';

/**
 * KINDLING_ADMIN_EMAIL/KINDLING_ADMIN_PASSWORD: that platform admin exists after start-up.
 * One INSERT … ON CONFLICT, so replicas starting together agree; an existing account keeps
 * its password and gains the admin role.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    const hash = await this.hasher.hash(admin.password);
    const rows: { id: string; created: boolean }[] = await this.dataSource.query(
      `INSERT INTO users (email, name, password_hash, platform_roles) VALUES ($1, 'Administrator', $2, '{admin}')
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO UPDATE
         SET platform_roles = CASE WHEN 'admin' = ANY(users.platform_roles) THEN users.platform_roles
                                   ELSE array_append(users.platform_roles, 'admin') END,
             password_hash = coalesce(users.password_hash, EXCLUDED.password_hash)
       RETURNING id, (xmax = 0) AS created`,
      [admin.email, hash],
    );
    this.logger.log(`platform admin ${admin.email} ${rows[0]?.created ? 'created' : 'present'}`);
  }
}
