export * from './pdf-storage.js';
export * from './storage.module.js';
