import type { EntityManager } from 'typeorm';

/**
 * Writes an outbox row in the caller's transaction. The (topic, dedupeKey) pair is unique,
 * so announcing the same fact twice is harmless.
 */
export async function writeOutbox(
  em: EntityManager,
  topic: string,
  dedupeKey: string,
  payload: Record<string, unknown>,
): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `INSERT INTO outbox (topic, dedupe_key, payload) VALUES ($1, $2, $3)
     ON CONFLICT ON CONSTRAINT uq_outbox_topic_key DO NOTHING RETURNING id`,
    [topic, dedupeKey, JSON.stringify(payload)],
  );
  return rows.length > 0;
}
