import { Injectable } from '@nestjs/common';
import { conflict, isUuid, notFound, msg } from '@kindling/common';
import { JobsRepository } from '@kindling/db';
import type { Scope } from '../common/auth/access.service.js';
import type { JobDto } from './dto/cohort.dto.js';

/** Background jobs a manager waits for: visible to the managers of the job's organisation and admins. */
@Injectable()
export class JobsService {
  constructor(private readonly jobs: JobsRepository) {}

  async get(scope: Scope, jobId: string): Promise<JobDto> {
    if (!isUuid(jobId)) throw notFound('job');
    const j = await this.jobs.findVisible(jobId, scope);
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
    const row = await this.jobs.findVisibleResult(jobId, scope);
    if (!row) throw notFound('job');
    if (!row.result_key || !row.bytes) throw conflict(msg('errors.job.notReady'));
    const name = row.result_key.split('/').pop() ?? 'result';
    return { contentType: row.content_type ?? 'application/octet-stream', bytes: row.bytes, filename: name };
  }
}
