export * from './audit.js';
export * from './data-source.js';
export * from './types.js';
export * from './outbox.js';
export * from './sql.js';
export * from './repositories/index.js';
