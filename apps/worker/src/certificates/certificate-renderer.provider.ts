import type { Provider } from '@nestjs/common';
import { CertificateRenderer } from '@kindling/certificates';

export const CERTIFICATE_RENDERER = Symbol('CERTIFICATE_RENDERER');

/** One renderer per worker process: fonts are read and parsed once and shared by every job. */
export const certificateRendererProvider: Provider = {
  provide: CERTIFICATE_RENDERER,
  useFactory: (): Promise<CertificateRenderer> => CertificateRenderer.create(),
};
