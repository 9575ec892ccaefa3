import { Module } from '@nestjs/common';
import { AuditLogRepository, OrganizationsRepository, PeopleRepository, RecertificationRepository } from '@kindling/db';
import { IdentityModule } from '../identity/identity.module.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  imports: [IdentityModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, OrganizationsRepository, PeopleRepository, AuditLogRepository, RecertificationRepository],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
