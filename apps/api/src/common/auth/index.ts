export * from './access.service.js';
export * from './actor.js';
export * from './current-actor.decorator.js';
export * from './jwt.strategy.js';
export * from './policy.js';
