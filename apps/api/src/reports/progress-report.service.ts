import { PassThrough, Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { auditExport } from './export-audit.js';
import { reportCohort, type ReportCohort } from './cohort-scope.js';
import type { ProgressPageDto, ProgressQueryDto, ProgressRowDto, ProgressSort } from './dto/reports.dto.js';
import { type CellValue, csvLine, xlsxRow } from './spreadsheet.js';

const SORT_COLUMN: Record<ProgressSort, string> = {
  name: 'lower(u.name)',
  progress: 'e.progress_percent',
  score: 'e.best_final_score',
  lastActivity: 'e.last_activity_at',
  status: 'e.status',
};

const EXPORT_CHUNK = 5_000;

interface ProgressSqlRow {
  enrolment_id: string;
  user_id: string;
  name: string;
  email: string | null;
  status: string;
  progress_percent: number;
  lessons_completed: number;
  lessons_total: number;
  best_final_score: string | null;
  minutes: number;
  completed_at: Date | null;
  certificate_number: string | null;
  overdue: boolean;
  last_activity_at: Date | null;
  pre_done: boolean;
  post_done: boolean;
}

const HEADERS = [
  'name', 'email', 'status', 'progressPercent', 'lessonsCompleted', 'lessonsTotal', 'bestFinalScore', 'minutes',
  'completedAt', 'certificateNumber', 'overdue', 'lastActivityAt', 'preDone', 'postDone',
] as const;

/**
 * The cohort progress list. It reads only the enrolment counters kept by the learning
 * service (joined to users and certificates), so a page costs the same at 100 or 100,000
 * learners; paging, sorting and filtering happen in SQL.
 */
@Injectable()
export class ProgressReportService {
  constructor(private readonly db: DataSource) {}

  async page(actor: Actor, cohortId: string, query: ProgressQueryDto): Promise<ProgressPageDto> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 100;
    const { sql, params } = this.select(cohort, query);
    const [rows, total] = await Promise.all([
      this.db.query(`${sql} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, pageSize, (page - 1) * pageSize]) as Promise<ProgressSqlRow[]>,
      this.count(cohort, query),
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
  async csv(actor: Actor, cohortId: string, query: ProgressQueryDto): Promise<StreamableFile> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    await auditExport(this.db.manager, actor, cohort, { kind: 'progress', format: 'csv', filters: exportFilters(query) });
    const chunks = this.allRows(cohort, query);
    async function* lines(): AsyncGenerator<string> {
      yield '\uFEFF' + csvLine([...HEADERS]);
      for await (const chunk of chunks) {
        yield chunk.map((r) => csvLine(cells(toRow(r)))).join('');
      }
    }
    return new StreamableFile(Readable.from(lines()), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="cohort-${cohort.id}-progress.csv"`,
    });
  }

  /** Every matching row as XLSX: string cells neutralised like the CSV's, never formulas. Audited. */
  async xlsx(actor: Actor, cohortId: string, query: ProgressQueryDto): Promise<StreamableFile> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    await auditExport(this.db.manager, actor, cohort, { kind: 'progress', format: 'xlsx', filters: exportFilters(query) });
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Progress');
    sheet.addRow(xlsxRow([...HEADERS])).commit();
    const write = async () => {
      for await (const chunk of this.allRows(cohort, query)) {
        for (const r of chunk) sheet.addRow(xlsxRow(cells(toRow(r)))).commit();
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
   * Every matching row, in chunks, read through one server-side cursor: the rows are sorted
   * once, however many there are, and memory stays at one chunk. The cursor is closed when the
   * download ends or the client goes away (the generator's finally).
   */
  private async *allRows(cohort: ReportCohort, query: ProgressQueryDto): AsyncGenerator<ProgressSqlRow[]> {
    const { sql, params } = this.select(cohort, query);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let open = false;
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      open = true;
      await runner.query(`DECLARE progress_export NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows = (await runner.query(`FETCH ${EXPORT_CHUNK} FROM progress_export`)) as ProgressSqlRow[];
        if (rows.length > 0) yield rows;
        if (rows.length < EXPORT_CHUNK) break;
      }
      await runner.query('COMMIT');
      open = false;
    } finally {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  private filters(cohort: ReportCohort, query: ProgressQueryDto): { where: string; params: unknown[] } {
    const params: unknown[] = [cohort.id, cohort.due_on];
    const where = ['e.cohort_id = $1'];
    if (query.status === 'overdue') where.push(`e.status = 'active' AND $2::date < current_date`);
    else if (query.status) {
      params.push(query.status);
      where.push(`e.status = $${params.length}`);
    }
    const q = query.q?.trim();
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.name ILIKE $${params.length} OR u.email ILIKE $${params.length} OR u.username ILIKE $${params.length})`);
    }
    return { where: where.join(' AND '), params };
  }

  private async count(cohort: ReportCohort, query: ProgressQueryDto): Promise<number> {
    const { where, params } = this.filters(cohort, query);
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n, $2::date AS due_on FROM enrolments e ${query.q?.trim() ? 'JOIN users u ON u.id = e.user_id' : ''} WHERE ${where}`,
      params,
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /** The sorted, filtered row query without LIMIT; ties are broken by enrolment id. */
  private select(cohort: ReportCohort, query: ProgressQueryDto): { sql: string; params: unknown[] } {
    const { where, params } = this.filters(cohort, query);
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    // asc: nulls first, desc: nulls last — the order the sort indexes hold (scanned either way).
    const nulls = direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST';
    const sort = SORT_COLUMN[query.sort ?? 'name'];
    return {
      sql: `SELECT e.id AS enrolment_id, e.user_id, u.name, coalesce(u.email, u.username) AS email, e.status,
              e.progress_percent, e.lessons_completed, e.lessons_total, e.best_final_score,
              (e.learning_seconds / 60) AS minutes, e.completed_at, cert.number AS certificate_number,
              (e.status = 'active' AND $2::date IS NOT NULL AND $2::date < current_date) AS overdue,
              e.last_activity_at, e.pre_done, e.post_done
         FROM enrolments e
         JOIN users u ON u.id = e.user_id
         LEFT JOIN certificates cert ON cert.enrolment_id = e.id
        WHERE ${where}
        ORDER BY ${sort} ${direction} ${nulls}, e.id ${direction}`,
      params,
    };
  }
}

function toRow(r: ProgressSqlRow): ProgressRowDto {
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
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    certificateNumber: r.certificate_number,
    overdue: r.overdue,
    lastActivityAt: r.last_activity_at ? new Date(r.last_activity_at).toISOString() : null,
    preDone: r.pre_done,
    postDone: r.post_done,
  };
}

/** A row for the spreadsheet exports (no internal ids); csvLine / xlsxRow neutralise every text cell. */
function cells(row: ProgressRowDto): CellValue[] {
  return [
    row.name, row.email, row.status, row.progressPercent, row.lessonsCompleted, row.lessonsTotal, row.bestFinalScore,
    row.minutes, row.completedAt, row.certificateNumber, row.overdue, row.lastActivityAt, row.preDone, row.postDone,
  ];
}

/** What the export was asked for, for its audit event. */
function exportFilters(query: ProgressQueryDto): Record<string, string> {
  const filters: Record<string, string> = {};
  if (query.status) filters.status = query.status;
  if (query.q?.trim()) filters.q = query.q.trim();
  if (query.sort) filters.sort = `${query.sort} ${query.order ?? 'asc'}`;
  return filters;
}
