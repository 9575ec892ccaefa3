import { Module } from '@nestjs/common';
import { CourseItemsRepository, CoursesRepository, EditionsRepository } from '@kindling/db';
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
import { PublishingController } from './publishing.controller.js';
import { VersionContentLoader } from './version-content.js';

/**
 * Course authoring, versions and the catalogue. CourseAuthoringService is used by the seeders;
 * CourseDraftService by every edit of a course's draft (also the self-assessment instrument's).
 */
@Module({
  controllers: [CoursesController, ModulesController, LessonsController, QuizzesController, EditionsController, PublishingController],
  providers: [
    CoursesRepository, CourseItemsRepository, CourseDraftService,
    CourseAuthoringService, ModuleAuthoringService, LessonAuthoringService, QuizAuthoringService, CourseCatalogueService,
    EditionsRepository, CourseEditionsService, VersionContentLoader,
  ],
  exports: [CoursesRepository, CourseDraftService, CourseAuthoringService, CourseCatalogueService, CourseEditionsService, VersionContentLoader],
})
export class CoursesModule {}
