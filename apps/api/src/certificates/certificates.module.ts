import { Module } from '@nestjs/common';
import { BrandingRepository, CertificatesRepository, CredentialsRepository } from '@kindling/db';
import { PdfStorageModule } from '@kindling/storage';
import { RateLimiter } from '../identity/rate-limit/rate-limiter.service.js';
import { CertificateNameController } from './certificate-name.controller.js';
import { CertificateNameService } from './certificate-name.service.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';
import { VerificationController } from './verification.controller.js';
import { VerificationService } from './verification.service.js';

@Module({
  imports: [PdfStorageModule],
  controllers: [CertificatesController, CertificateNameController, VerificationController],
  providers: [
    CertificatesRepository,
    CredentialsRepository,
    BrandingRepository,
    CertificatesService,
    CertificateNameService,
    VerificationService,
    RateLimiter,
  ],
})
export class CertificatesModule {}
