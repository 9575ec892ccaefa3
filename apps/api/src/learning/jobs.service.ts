import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { conflict, notFound } from '@kindling/common';
import { isUuid } from '@kindling/common';
import type { Scope } from '../common/auth/access.service.js';
import type { JobDto } from './dto/cohort.dto.js';

/** Background jobs a manager waits for: visible to the managers of the job's organisation and admins. */
@Injectable()
export class JobsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(scope: Scope, jobId: string): Promise<JobDto> {
    if (!isUuid(jobId)) throw notFound('job');
    const rows: {
      id: string;
      kind: string;
      status: string;
      total: number;
      processed: number;
      report: unknown;
      error: string | null;
      result_key: string | null;
      created_at: Date;
      finished_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT id, kind, status, total, processed, report, error, result_key, created_at, finished_at FROM jobs
        WHERE id = $1 AND (organization_id = ANY($2::uuid[]) OR $3::boolean)`,
      [jobId, scope.managed, scope.admin],
    );
    const j = rows[0];
    if (!j) throw notFound('job');
    return {
      id: j.id,
      kind: j.kind,
      status: j.status,
      total: j.total,
      processed: j.processed,
      report: j.report,
      error: j.error,
      hasResult: j.result_key !== null,
      createdAt: new Date(j.created_at).toISOString(),
      finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
    };
  }

  async result(scope: Scope, jobId: string): Promise<{ contentType: string; bytes: Buffer; filename: string }> {
    if (!isUuid(jobId)) throw notFound('job');
    const rows: { result_key: string | null; content_type: string | null; bytes: Buffer | null }[] = await this.dataSource.query(
      `SELECT j.result_key, f.content_type, f.bytes FROM jobs j LEFT JOIN stored_files f ON f.key = j.result_key
        WHERE j.id = $1 AND (j.organization_id = ANY($2::uuid[]) OR $3::boolean)`,
      [jobId, scope.managed, scope.admin],
    );
    const row = rows[0];
    if (!row) throw notFound('job');
    if (!row.result_key || !row.bytes) throw conflict('the result is not ready yet: poll GET /api/jobs/:id until status is done');
    const name = row.result_key.split('/').pop() ?? 'result';
    return { contentType: row.content_type ?? 'application/octet-stream', bytes: row.bytes, filename: name };
  }
}
