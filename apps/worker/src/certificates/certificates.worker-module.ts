import { Module } from '@nestjs/common';
import { BrandingRepository, CertificatesRepository, CredentialsRepository } from '@kindling/db';
import { CredentialService } from '@kindling/credentials';
import { PdfStorageModule } from '@kindling/storage';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { certificateRendererProvider } from './certificate-renderer.provider.js';
import { CertificateSweep } from './certificate-sweep.service.js';
import { IssueCertificateHandler } from './issue-certificate.handler.js';
import { ReissueCertificateHandler } from './reissue-certificate.handler.js';

@Module({
  imports: [PdfStorageModule],
  providers: [
    CertificatesRepository,
    CredentialsRepository,
    CredentialService,
    BrandingRepository,
    certificateRendererProvider,
    CertificateIssuer,
    IssueCertificateHandler,
    ReissueCertificateHandler,
    CertificateSweep,
  ],
  exports: [CertificateIssuer],
})
export class CertificatesWorkerModule {}
