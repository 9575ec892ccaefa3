import { Module } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { DataSource } from 'typeorm';
import { createMediaStorage, MEDIA_STORAGE } from './media-storage.js';
import { createPdfStorage, PDF_STORAGE } from './pdf-storage.js';

/** The certificate PDF store (PostgreSQL or a directory), for the API (downloads) and the worker (issuing); lesson media share it. */
@Module({
  providers: [
    { provide: PDF_STORAGE, inject: [KINDLING_CONFIG, DataSource], useFactory: (config: KindlingConfig, ds: DataSource) => createPdfStorage(config, ds) },
    { provide: MEDIA_STORAGE, inject: [KINDLING_CONFIG, DataSource], useFactory: (config: KindlingConfig, ds: DataSource) => createMediaStorage(config, ds) },
  ],
  exports: [PDF_STORAGE, MEDIA_STORAGE],
})
export class PdfStorageModule {}
