import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { UsersRepository } from '@kindling/db';
import { PasswordHasher } from './password-hasher.service.js';

/** Start-up refuses with this error: main.ts prints its one-line message and exits 1. */
export class AdminBootstrapRefused extends Error {}

/**
 * KINDLING_ADMIN_EMAIL/KINDLING_ADMIN_PASSWORD: that platform admin exists after start-up.
 * The account is created when the address is free (INSERT … ON CONFLICT DO NOTHING, so
 * replicas starting together agree). An existing account is never promoted: start-up goes on
 * only when it already is a platform admin whose password is KINDLING_ADMIN_PASSWORD, and
 * refuses otherwise — an account someone else registered with that address (before the
 * operator set the variables) must not become an admin with its holder's password.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    const hash = await this.hasher.hash(admin.password);
    const created = await this.users.createBootstrapAdmin(admin.email, hash);
    if (created) {
      this.logger.log(`platform admin ${admin.email} created`);
      return;
    }
    const existing = await this.users.adminCredentials(admin.email);
    if (!existing?.isAdmin) {
      throw new AdminBootstrapRefused(
        `KINDLING_ADMIN_EMAIL ${admin.email} belongs to an existing account that is not a platform admin; refusing to promote it — choose another address, or have an admin grant the role`,
      );
    }
    if (!(await this.hasher.verifyOrWaste(existing.passwordHash, admin.password))) {
      throw new AdminBootstrapRefused(
        `KINDLING_ADMIN_EMAIL ${admin.email} is an existing admin whose password is not KINDLING_ADMIN_PASSWORD; refusing to start — fix the variable or unset both`,
      );
    }
    // The operator who configured the address proves it.
    await this.users.markEmailVerified(admin.email);
    this.logger.log(`platform admin ${admin.email} present`);
  }
}
