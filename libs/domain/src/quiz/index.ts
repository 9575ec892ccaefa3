export * from './definition.js';
export * from './grading.js';
export * from './shuffle.js';
export * from './seeded-random.js';
export * from './review.js';
