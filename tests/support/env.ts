// Integration and browser tests run against the throw-away database that scripts/test.mjs
// creates; running jest directly needs DATABASE_URL pointing at a migrated database.
process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'silent';
// The tests play the part of a reverse proxy on loopback (each test picks its own client
// address with X-Forwarded-For). Production trusts no proxy unless TRUST_PROXY says so;
// security-rate-limits.test.ts checks that default with TRUST_PROXY unset.
process.env.TRUST_PROXY ??= 'loopback';
// Every process of a test run shares one database, so they share the key that seals issuer
// signing keys and provider secrets too (test apps differ in JWT_SECRET, from which the key
// would otherwise be derived, and could not open each other's sealed keys).
process.env.SECRETS_KEY ??= 'kindling-test-secrets-key-0123456789abcdef0123456789';
