/**
 * Asks `probe` again (every 50 ms, up to `ms`) until `done` holds for its answer, and returns
 * the last answer either way: the caller's expectation then names what was missing. For writes
 * the API finishes after it answered (a password-reset request's link and audit row).
 */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  return value;
}
