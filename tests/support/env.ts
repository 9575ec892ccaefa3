// Integration and browser tests run against the throw-away database that scripts/test.mjs
// creates; running jest directly needs DATABASE_URL pointing at a migrated database.
process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'silent';
