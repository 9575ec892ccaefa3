import { Module } from '@nestjs/common';
import { CourseItemsRepository, CourseMediaRepository, CoursesRepository, DraftDeletionsRepository, EditionsRepository } from '@kindling/db';
import { PdfStorageModule } from '@kindling/storage';
import { CourseRemovalController } from './course-removal.controller.js';
import { CourseRemovalService } from './course-removal.service.js';
import { CourseEditionsService } from './course-editions.service.js';
import { EditionsController } from './editions.controller.js';
import { CourseAuthoringService } from './course-authoring.service.js';
import { CourseCatalogueService } from './course-catalogue.service.js';
import { CourseDraftService } from './course-drafts.js';
import { CoursesController } from './courses.controller.js';
import { LessonAuthoringService } from './lesson-authoring.service.js';
import { LessonsController } from './lessons.controller.js';
import { ModuleAuthoringService } from './module-authoring.service.js';
import { ModulesController } from './modules.controller.js';
import { QuizAuthoringService } from './quiz-authoring.service.js';
import { QuizzesController } from './quizzes.controller.js';
import { LessonPreviewController } from './lesson-preview.controller.js';
import { LessonCurrentController } from './lesson-current.controller.js';
import { PublishingController } from './publishing.controller.js';
import { VersionContentLoader } from './version-content.js';
import { QuestionBankController } from './question-bank.controller.js';
import { QuestionBankService } from './question-bank.service.js';

/**
 * Course authoring, versions and the catalogue. CourseAuthoringService is used by the seeders;
 * CourseDraftService by every edit of a course's draft (also the self-assessment instrument's).
 */
@Module({
  imports: [PdfStorageModule],
  controllers: [CoursesController, ModulesController, LessonsController, QuizzesController, EditionsController, CourseRemovalController, LessonPreviewController, LessonCurrentController, PublishingController, QuestionBankController],
  providers: [
    CoursesRepository, CourseItemsRepository, CourseDraftService,
    CourseAuthoringService, ModuleAuthoringService, LessonAuthoringService, QuizAuthoringService, CourseCatalogueService,
    EditionsRepository, CourseEditionsService, VersionContentLoader,
    DraftDeletionsRepository, CourseMediaRepository, CourseRemovalService, QuestionBankService,
  ],
  exports: [CoursesRepository, CourseDraftService, CourseAuthoringService, CourseCatalogueService, CourseEditionsService, VersionContentLoader],
})
export class CoursesModule {}
