import { createRequire } from 'node:module';

/**
 * Signing speed (issue #16 point 9): share term definitions between jsonld's active contexts.
 *
 * jsonld.js (9.x) clones the whole active context — a `Map` of every term definition, and each
 * definition deep-copied with the type-scoped `@context` it carries — each time it applies or
 * reverts a type-scoped context. The VC 2.0 and Open Badges 3.0 contexts scope a context to
 * every type (OpenBadgeCredential, Profile, AchievementSubject, Achievement, IdentityObject,
 * IdentifierEntry, Evidence, BitstringStatusListEntry, DataIntegrityProof …), so one credential
 * costs about 40 deep copies of ~60 definitions: two thirds of the signing time, most of it
 * garbage collection.
 *
 * A term definition is never changed once it is in a context's map: `createTermDefinition`
 * builds a new object for a term and `set`s it (or puts the previous object back on error);
 * nothing writes into a definition that is already mapped. So a child context only needs its
 * own `Map` (adding or removing terms must not touch the parent) and may share the definition
 * objects. `util.clone` is the one place jsonld copies those maps (jsonld's other data are
 * plain objects and arrays, still deep-copied as before), so a `Map` is copied shallowly here.
 *
 * The result is the same RDF, byte for byte: `credential.spec.ts` compares the N-Quads of a
 * credential with sharing on and off; the W3C test vector verifies with the library (sharing on)
 * and with the tests' independent verifier, which runs with sharing off and reproduces the
 * spec's hash.
 */
const require = createRequire(import.meta.url);
const util = require('jsonld/lib/util.js') as { clone: (value: unknown) => unknown };
const deepClone = util.clone;
const sharingClone = (value: unknown): unknown => (value instanceof Map ? new Map(value) : deepClone(value));

/** Turns sharing on (the default once this module is loaded) or off (jsonld's own deep copies). */
export function shareJsonLdTermDefinitions(on: boolean): void {
  util.clone = on ? sharingClone : deepClone;
}

export const sharesJsonLdTermDefinitions = (): boolean => util.clone === sharingClone;

shareJsonLdTermDefinitions(true);
