import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE/DELETE … RETURNING and gives back the returned rows. TypeORM's postgres
 * driver answers UPDATE and DELETE with `[rows, affectedCount]` (INSERT and SELECT with the
 * rows), which is easy to mistake for a two-row result.
 */
export async function mutateReturning<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await em.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
