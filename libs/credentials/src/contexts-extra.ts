import securityContext from '@digitalbazaar/security-context';

/** security/v2: jsonld-signatures frames controller documents with it when checking a proof purpose. */
export const securityContexts = securityContext.contexts as Map<string, unknown>;
