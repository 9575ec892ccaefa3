export * from './course-seed.js';
export * from './instrument/kindling-instrument.js';
export * from './courses/demo-course.en.js';
export * from './courses/demo-course.it.js';
export * from './courses/demo-course.de.js';
export * from './courses/demo-course.fr.js';
