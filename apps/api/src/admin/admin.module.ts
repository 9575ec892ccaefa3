import { Module } from '@nestjs/common';
import { UsersRepository } from '@kindling/db';
import { QueueDashboard } from './queue-dashboard.service.js';

@Module({ providers: [QueueDashboard, UsersRepository], exports: [QueueDashboard] })
export class AdminModule {}
