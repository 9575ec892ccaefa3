import { Module } from '@nestjs/common';
import { SendEmailHandler } from './send-email.handler.js';

/**
 * E-mail delivery: invitations, password resets and e-mail verifications written to the
 * outbox by the API as references; the handler mints each link once. Needs the DataSource
 * (TypeOrmModule in the worker's root module).
 */
@Module({ providers: [SendEmailHandler] })
export class EmailWorkerModule {}
