import { Module } from '@nestjs/common';
import { InstrumentsRepository, SelfAssessmentsRepository } from '@kindling/db';
import { CoursesModule } from '../courses/courses.module.js';
import { LearningModule } from '../learning/learning.module.js';
import { InstrumentsController } from './instruments.controller.js';
import { InstrumentsService } from './instruments.service.js';
import { SelfAssessmentController } from './self-assessment.controller.js';
import { SelfAssessmentService } from './self-assessment.service.js';

/**
 * Self-assessment instruments (registry, shipped instrument) and learners' pre/post responses.
 * A post submission completes the enrolment through LearningModule's CompletionService, in the
 * same transaction.
 */
@Module({
  imports: [CoursesModule, LearningModule],
  controllers: [InstrumentsController, SelfAssessmentController],
  providers: [InstrumentsRepository, SelfAssessmentsRepository, InstrumentsService, SelfAssessmentService],
  exports: [InstrumentsService],
})
export class AssessmentsModule {}
