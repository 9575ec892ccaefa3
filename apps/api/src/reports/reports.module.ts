import { Module } from '@nestjs/common';
import { InstrumentsRepository, ReportsRepository } from '@kindling/db';
import { CohortStatsService } from './cohort-stats.service.js';
import { ImpactReportService } from './impact-report.service.js';
import { ProgressReportService } from './progress-report.service.js';
import { ReportReads } from './report-reads.js';
import { ReportsController } from './reports.controller.js';

/** Cohort reports for managers: progress list and exports, dashboard aggregates, impact. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsRepository, InstrumentsRepository, ReportReads, ProgressReportService, CohortStatsService, ImpactReportService],
})
export class ReportsModule {}
