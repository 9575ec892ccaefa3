import { Module } from '@nestjs/common';
import { BrandingRepository } from '@kindling/db';
import { BrandingController } from './branding.controller.js';
import { BrandingService } from './branding.service.js';

/** Issuer branding (issue #16 point 7): what an organisation puts on its certificates. */
@Module({
  controllers: [BrandingController],
  providers: [BrandingService, BrandingRepository],
})
export class BrandingModule {}
