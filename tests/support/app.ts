import { newTestContext, type TestContext } from './context.js';

/**
 * The real API (real PostgreSQL, real Redis) in the test process: the test context of
 * ./context.ts with nothing replaced. New tests may call `newTestContext()` directly.
 */
export { prepareDatabase, type TestApp, unique } from './context.js';

export async function startTestApp(): Promise<TestContext> {
  return newTestContext();
}
