/**
 * The one place that knows how TypeORM's postgres driver answers a raw query: SELECT and
 * INSERT … RETURNING give the rows, UPDATE and DELETE (… RETURNING) give `[rows, rowCount]`
 * — easy to mistake for a two-row result. Every raw query that returns rows goes through here.
 */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The returned rows of any statement's raw result. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** Runs a statement (SELECT, or INSERT/UPDATE/DELETE … RETURNING) and gives back its rows. */
export async function queryRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await db.query(sql, params));
}

/** The first returned row, or null. */
export async function queryFirst<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | null> {
  return (await queryRows<T>(db, sql, params))[0] ?? null;
}
