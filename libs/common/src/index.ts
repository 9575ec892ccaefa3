// Code every process shares and that depends on nothing of Kindling's: the error vocabulary
// (mapped to HTTP in one place, apps/api's AllExceptionsFilter) and the id parser.
export * from './errors.js';
export * from './ids.js';
export * from './sealed.js';
export * from './countries.js';
