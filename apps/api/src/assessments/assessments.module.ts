import { Module } from '@nestjs/common';
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
  imports: [LearningModule],
  controllers: [InstrumentsController, SelfAssessmentController],
  providers: [InstrumentsService, SelfAssessmentService],
  exports: [InstrumentsService],
})
export class AssessmentsModule {}
