export * from './locale.js';
export * from './locale-rule.js';
export * from './impact/index.js';
export * from './quiz/index.js';
export * from './identity/password-policy.js';
export * from './identity/common-passwords.js';
export * from './identity/secret-token.js';
export * from './accreditation/min-time-rule.js';
