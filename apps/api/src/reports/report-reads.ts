import { Injectable } from '@nestjs/common';
import { type ReadFreshness, ReplicaRouter, ReportsRepository } from '@kindling/db';

/**
 * Where the reports read (README "Scaling out"):
 * - pages and dashboards may be a little behind: the read replica while its replay lag is
 *   within REPLICA_MAX_LAG_MS;
 * - exports hold every change committed before they were asked for: the replica only when it
 *   has replayed the primary's current WAL position, else the primary;
 * - `?fresh=1` on any report: the primary.
 * The cohort lookup (the access check) and the export's audit event always use the primary.
 */
export type ReportKind = 'view' | 'export';

export function freshnessOf(kind: ReportKind, query: { fresh?: boolean }): ReadFreshness {
  if (query.fresh) return 'primary';
  return kind === 'export' ? 'read-your-writes' : 'stale-ok';
}

@Injectable()
export class ReportReads {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly router: ReplicaRouter,
  ) {}

  /** The reports repository on the data source this read may use. */
  async reader(kind: ReportKind, query: { fresh?: boolean }): Promise<ReportsRepository> {
    const choice = await this.router.source(freshnessOf(kind, query));
    return this.reports.on(choice.db);
  }
}
