import type { EntityManager } from 'typeorm';

export interface AuditEventInput {
  organizationId: string | null;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data?: Record<string, unknown>;
}

/**
 * Records an audit event inside the caller's transaction, so the event exists exactly when
 * the change it describes does.
 */
export async function recordAudit(em: EntityManager, event: AuditEventInput): Promise<void> {
  await em.query(
    `INSERT INTO audit_events (organization_id, actor_id, action, subject_type, subject_id, data)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [event.organizationId, event.actorId, event.action, event.subjectType, event.subjectId, JSON.stringify(event.data ?? {})],
  );
}

/** Many audit events in one statement (bulk enrolment). */
export async function recordAuditBatch(em: EntityManager, events: AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await em.query(
    `INSERT INTO audit_events (organization_id, actor_id, action, subject_type, subject_id, data)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [
      events.map((e) => e.organizationId),
      events.map((e) => e.actorId),
      events.map((e) => e.action),
      events.map((e) => e.subjectType),
      events.map((e) => e.subjectId),
      events.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
}
