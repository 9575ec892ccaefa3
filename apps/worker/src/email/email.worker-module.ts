import { Module } from '@nestjs/common';
import { SendEmailHandler } from './send-email.handler.js';

/** E-mail delivery: invitations and password resets written to the outbox by the API. */
@Module({ providers: [SendEmailHandler] })
export class EmailWorkerModule {}
