import { Module } from '@nestjs/common';
import { QueueDashboard } from './queue-dashboard.service.js';

@Module({ providers: [QueueDashboard], exports: [QueueDashboard] })
export class AdminModule {}
