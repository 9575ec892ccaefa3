import { Global, Module } from '@nestjs/common';
import { loadConfigOrExit, type KindlingConfig } from './config.js';

/** Injection token for the validated configuration object. */
export const KINDLING_CONFIG = Symbol('KINDLING_CONFIG');

@Global()
@Module({
  providers: [{ provide: KINDLING_CONFIG, useFactory: (): KindlingConfig => loadConfigOrExit() }],
  exports: [KINDLING_CONFIG],
})
export class KindlingConfigModule {}
