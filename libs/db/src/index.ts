export * from './audit.js';
export * from './data-source.js';
export * from './replica.js';
export * from './types.js';
export * from './outbox.js';
export * from './sql.js';
export * from './session-versions.js';
export * from './repositories/index.js';
