import { PassThrough, Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { isUuid, notFound } from '@kindling/common';
import { type ProgressRow, type ReportCohort, ReportsRepository } from '@kindling/db';
import ExcelJS from 'exceljs';
import type { Actor } from '../common/auth/actor.js';
import { AccessService } from '../common/auth/access.service.js';
import { auditExport } from './export-audit.js';
import { ReportReads } from './report-reads.js';
import type { ProgressPageDto, ProgressQueryDto, ProgressRowDto } from './dto/reports.dto.js';
import { type CellValue, csvLine, neutraliseCell, xlsxRow } from './spreadsheet.js';
import type { Locale } from '@kindling/domain';
import { defaultSeparator, PEOPLE_XLSX_FORMATS, peopleCsvLine, peopleHeaders, peopleValues, SEPARATORS } from './people-export.js';

const EXPORT_CHUNK = 5_000;

const HEADERS = [
  'name', 'email', 'status', 'progressPercent', 'lessonsCompleted', 'lessonsTotal', 'bestFinalScore', 'minutes', 'minutesRequired',
  'completedAt', 'certificateNumber', 'overdue', 'lastActivityAt', 'preDone', 'postDone', 'employeeNumber', 'unit', 'round',
] as const;

/**
 * The cohort progress list. It reads only the enrolment counters kept by the learning
 * service (joined to users and certificates), so a page costs the same at 100 or 100,000
 * learners; paging, sorting and filtering happen in SQL.
 */
@Injectable()
export class ProgressReportService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly access: AccessService,
    private readonly reads: ReportReads,
  ) {}

  async page(actor: Actor, cohortId: string, query: ProgressQueryDto): Promise<ProgressPageDto> {
    const cohort = await this.cohort(actor, cohortId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 100;
    const reader = await this.reads.reader('view', query);
    const [rows, total] = await Promise.all([
      reader.progressPage(cohort, query, pageSize, (page - 1) * pageSize),
      reader.progressCount(cohort, query),
    ]);
    return { rows: rows.map(toRow), total, page, pageSize };
  }

  async overdue(actor: Actor, cohortId: string, query: ProgressQueryDto): Promise<ProgressPageDto> {
    return this.page(actor, cohortId, { ...query, status: 'overdue', sort: query.sort ?? 'lastActivity' });
  }

  /**
   * Every matching row as CSV, streamed in chunks; text cells are neutralised against formula
   * injection for readers with either list separator (see spreadsheet.ts). Audited.
   */
  async csv(actor: Actor, cohortId: string, query: ProgressQueryDto, locale: Locale = 'en'): Promise<StreamableFile> {
    const cohort = await this.cohort(actor, cohortId);
    await auditExport(this.reports, actor, cohort, { kind: 'progress', format: 'csv', filters: exportFilters(query) });
    const chunks = (await this.reads.reader('export', query)).progressChunks(cohort, query, EXPORT_CHUNK);
    const people = query.layout === 'people';
    const lang = query.lang ?? locale;
    const separator = query.separator ? SEPARATORS[query.separator] : defaultSeparator(lang);
    async function* lines(): AsyncGenerator<string> {
      yield '\uFEFF' + (people ? peopleCsvLine(peopleHeaders(lang), lang, separator) : csvLine([...HEADERS]));
      for await (const chunk of chunks) {
        yield chunk.map((r) => (people ? peopleCsvLine(peopleValues(toRow(r), lang), lang, separator) : csvLine(cells(toRow(r))))).join('');
      }
    }
    return new StreamableFile(Readable.from(lines()), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="cohort-${cohort.id}-progress.csv"`,
    });
  }

  /** Every matching row as XLSX: string cells neutralised like the CSV's, never formulas. Audited. */
  async xlsx(actor: Actor, cohortId: string, query: ProgressQueryDto, locale: Locale = 'en'): Promise<StreamableFile> {
    const cohort = await this.cohort(actor, cohortId);
    await auditExport(this.reports, actor, cohort, { kind: 'progress', format: 'xlsx', filters: exportFilters(query) });
    const out = new PassThrough();
    const people = query.layout === 'people';
    const lang = query.lang ?? locale;
    // Styles are needed for typed date and number cells in the people layout.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: people, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Progress');
    if (people) {
      sheet.columns = peopleHeaders(lang).map((header, i) => ({ header, key: `c${i}`, width: i < 2 ? 28 : 16, style: PEOPLE_XLSX_FORMATS[i] ? { numFmt: PEOPLE_XLSX_FORMATS[i]! } : {} }));
    } else {
      sheet.addRow(xlsxRow([...HEADERS])).commit();
    }
    const reader = await this.reads.reader('export', query);
    const write = async () => {
      for await (const chunk of reader.progressChunks(cohort, query, EXPORT_CHUNK)) {
        for (const r of chunk) {
          const values = people ? peopleValues(toRow(r), lang).map((v) => (typeof v === 'string' ? neutraliseCell(v) : v)) : xlsxRow(cells(toRow(r)));
          sheet.addRow(values).commit();
        }
      }
      sheet.commit();
      await workbook.commit();
    };
    write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
    return new StreamableFile(out, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="cohort-${cohort.id}-progress.xlsx"`,
    });
  }

  /**
   * The cohort, when the caller manages its organisation (or is an admin): anyone else, and any
   * malformed id, gets 404. One query, scoped in SQL by the caller's scope.
   */
  private async cohort(actor: Actor, cohortId: string): Promise<ReportCohort> {
    const cohort = isUuid(cohortId) ? await this.reports.cohort(cohortId, this.access.scope(actor)) : null;
    if (!cohort) throw notFound('cohort');
    return cohort;
  }
}

function toRow(r: ProgressRow): ProgressRowDto {
  return {
    enrolmentId: r.enrolment_id,
    userId: r.user_id,
    name: r.name,
    email: r.email,
    status: r.status,
    progressPercent: Number(r.progress_percent),
    lessonsCompleted: Number(r.lessons_completed),
    lessonsTotal: Number(r.lessons_total),
    bestFinalScore: r.best_final_score === null ? null : Number(r.best_final_score),
    minutes: Number(r.minutes),
    minutesRequired: r.minutes_required === null ? null : Number(r.minutes_required),
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    certificateNumber: r.certificate_number,
    overdue: r.overdue,
    lastActivityAt: r.last_activity_at ? new Date(r.last_activity_at).toISOString() : null,
    preDone: r.pre_done,
    postDone: r.post_done,
    employeeNumber: r.employee_number,
    unit: r.unit,
    round: Number(r.round),
    dueOn: r.due_on,
  };
}

/** A row for the spreadsheet exports (no internal ids); csvLine / xlsxRow neutralise every text cell. */
function cells(row: ProgressRowDto): CellValue[] {
  return [
    row.name, row.email, row.status, row.progressPercent, row.lessonsCompleted, row.lessonsTotal, row.bestFinalScore,
    row.minutes, row.minutesRequired, row.completedAt, row.certificateNumber, row.overdue, row.lastActivityAt, row.preDone, row.postDone,
    row.employeeNumber, row.unit, row.round,
  ];
}

/** What the export was asked for, for its audit event. */
function exportFilters(query: ProgressQueryDto): Record<string, string> {
  const filters: Record<string, string> = {};
  if (query.status) filters.status = query.status;
  if (query.q?.trim()) filters.q = query.q.trim();
  if (query.ids) filters.selected = String(query.ids.length);
  if (query.sort) filters.sort = `${query.sort} ${query.order ?? 'asc'}`;
  return filters;
}
