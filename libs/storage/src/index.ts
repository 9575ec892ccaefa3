export * from './pdf-storage.js';
export * from './storage.module.js';
export * from './media-storage.js';
