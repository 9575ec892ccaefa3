export * from './contexts.js';
export * from './issuer.js';
export * from './credential.js';
export * from './status-list.js';
export * from './credential.service.js';
export { shareJsonLdTermDefinitions, sharesJsonLdTermDefinitions } from './jsonld-contexts-shared.js';
