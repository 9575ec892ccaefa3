export * from './format.js';
export * from './translate.js';
