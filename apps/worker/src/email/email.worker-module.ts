import { Module } from '@nestjs/common';
import { OneTimeTokensRepository } from '@kindling/db';
import { SendEmailHandler } from './send-email.handler.js';

/**
 * E-mail delivery: invitations, password resets and e-mail verifications written to the
 * outbox by the API as references; the handler mints each link once (OneTimeTokensRepository,
 * over the DataSource of the TypeOrmModule in the worker's root module).
 */
@Module({ providers: [SendEmailHandler, OneTimeTokensRepository] })
export class EmailWorkerModule {}
