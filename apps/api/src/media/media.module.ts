import { Module } from '@nestjs/common';
import { CourseMediaRepository } from '@kindling/db';
import { PdfStorageModule } from '@kindling/storage';
import { CoursesModule } from '../courses/courses.module.js';
import { MediaController } from './media.controller.js';
import { MediaService } from './media.service.js';

/** Lesson media (issue #22 point 1): images and PDFs stored through the certificate store's interface. */
@Module({
  imports: [CoursesModule, PdfStorageModule],
  controllers: [MediaController],
  providers: [MediaService, CourseMediaRepository],
})
export class MediaModule {}
