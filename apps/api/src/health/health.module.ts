import { Module } from '@nestjs/common';
import { HealthRepository } from '@kindling/db';
import { BenchBaselineController, HealthController } from './health.controller.js';

@Module({ controllers: [HealthController, BenchBaselineController], providers: [HealthRepository] })
export class HealthModule {}
