export * from './instrument.js';
export * from './scoring.js';
export * from './paired.js';
export * from './cohort.js';
