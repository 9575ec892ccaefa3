export * from './access.repository.js';
export * from './access.rules.js';
