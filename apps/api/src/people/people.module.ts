import { Module } from '@nestjs/common';
import { PeopleRepository, SessionVersionsModule } from '@kindling/db';
import { PersonErasure } from '@kindling/enrolment';
import { PdfStorageModule } from '@kindling/storage';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';

/** People as data subjects: the admin's directory, the learner's export, erasure (issue 18 points 6 and 7). */
@Module({
  imports: [PdfStorageModule, SessionVersionsModule],
  controllers: [PeopleController],
  providers: [PeopleService, PeopleRepository, PersonErasure],
})
export class PeopleModule {}
