import { Module } from '@nestjs/common';
import { CourseAuthoringService } from './course-authoring.service.js';
import { CourseCatalogueService } from './course-catalogue.service.js';
import { CoursesController } from './courses.controller.js';
import { LessonsController } from './lessons.controller.js';
import { ModulesController } from './modules.controller.js';
import { QuizzesController } from './quizzes.controller.js';

/** Course authoring, versions and the catalogue. CourseAuthoringService is used by the seeders. */
@Module({
  controllers: [CoursesController, ModulesController, LessonsController, QuizzesController],
  providers: [CourseAuthoringService, CourseCatalogueService],
  exports: [CourseAuthoringService, CourseCatalogueService],
})
export class CoursesModule {}
