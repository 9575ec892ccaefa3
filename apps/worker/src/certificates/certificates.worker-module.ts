import { Module } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { DataSource } from 'typeorm';
import { CertificateIssuer } from './certificate-issuer.service.js';
import { certificateRendererProvider } from './certificate-renderer.provider.js';
import { CertificateSweep } from './certificate-sweep.service.js';
import { IssueCertificateHandler } from './issue-certificate.handler.js';
import { ReissueCertificateHandler } from './reissue-certificate.handler.js';
import { createPdfStorage, PDF_STORAGE } from './storage/pdf-storage.js';

@Module({
  providers: [
    certificateRendererProvider,
    { provide: PDF_STORAGE, inject: [KINDLING_CONFIG, DataSource], useFactory: (config: KindlingConfig, ds: DataSource) => createPdfStorage(config, ds) },
    CertificateIssuer,
    IssueCertificateHandler,
    ReissueCertificateHandler,
    CertificateSweep,
  ],
  exports: [CertificateIssuer],
})
export class CertificatesWorkerModule {}
