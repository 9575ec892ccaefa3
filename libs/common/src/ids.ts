/**
 * The one id parser. Every id in Kindling is a UUID; a malformed id names nothing a caller
 * could see, so callers answer it like an unknown id (404), never with a database error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
