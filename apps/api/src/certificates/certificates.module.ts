import { Module } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { DataSource } from 'typeorm';
import { createPdfStorage, PDF_STORAGE } from '../../../worker/src/certificates/storage/pdf-storage.js';
import { RateLimiter } from '../identity/rate-limit/rate-limiter.service.js';
import { CertificateNameController } from './certificate-name.controller.js';
import { CertificateNameService } from './certificate-name.service.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';
import { VerificationController } from './verification.controller.js';
import { VerificationService } from './verification.service.js';

@Module({
  controllers: [CertificatesController, CertificateNameController, VerificationController],
  providers: [
    { provide: PDF_STORAGE, inject: [KINDLING_CONFIG, DataSource], useFactory: (config: KindlingConfig, ds: DataSource) => createPdfStorage(config, ds) },
    CertificatesService,
    CertificateNameService,
    VerificationService,
    RateLimiter,
  ],
})
export class CertificatesModule {}
