import { Module } from '@nestjs/common';
import { BenchBaselineController, HealthController } from './health.controller.js';

@Module({ controllers: [HealthController, BenchBaselineController] })
export class HealthModule {}
