import { Global, Module } from '@nestjs/common';
import { OutboxRepository } from '@kindling/db';
import { OutboxRelay } from './outbox-relay.service.js';

/** The relay and its BullMQ producers, available to every worker feature (sweeps enqueue too). */
@Global()
@Module({ providers: [OutboxRepository, OutboxRelay], exports: [OutboxRelay] })
export class OutboxModule {}
