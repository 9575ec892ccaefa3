import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MULTIKEY_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.js';

/** One issuer key as stored: the public half is public, the secret half is sealed at rest. */
export interface IssuerKey {
  /** 1, 2, … per organisation; a rotation adds the next number and retires the previous one. */
  keyNumber: number;
  publicKeyMultibase: string;
  retiredAt?: Date | null;
}

export interface IssuerFacts {
  /** The organisation's id: the profile is `${publicUrl}/api/issuers/<id>`. */
  organizationId: string;
  name: string;
  url?: string | null;
  email?: string | null;
  logoUrl?: string | null;
}

export const issuerProfileUrl = (publicUrl: string, organizationId: string): string => `${publicUrl.replace(/\/+$/, '')}/api/issuers/${organizationId}`;
export const verificationMethodId = (profileUrl: string, keyNumber: number): string => `${profileUrl}#key-${keyNumber}`;
/** The issuer's current logo (the branding's), served publicly at a stable URL. */
export const issuerLogoUrl = (profileUrl: string): string => `${profileUrl}/logo`;
export const statusListUrl = (profileUrl: string): string => `${profileUrl}/status/revocation`;

/** A fresh Ed25519 key pair as multibase strings (`z6Mk…` public, `zrv…` secret). */
export async function generateIssuerKeyPair(): Promise<{ publicKeyMultibase: string; secretKeyMultibase: string }> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true, includeContext: false });
  return { publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase };
}

/** A signer for the suite, from the stored (opened) key. */
export async function issuerSigner(profileUrl: string, keyNumber: number, publicKeyMultibase: string, secretKeyMultibase: string) {
  const pair = await Ed25519Multikey.from({
    '@context': MULTIKEY_CONTEXT,
    type: 'Multikey',
    id: verificationMethodId(profileUrl, keyNumber),
    controller: profileUrl,
    publicKeyMultibase,
    secretKeyMultibase,
  });
  return pair.signer();
}

/**
 * The public issuer Profile (Open Badges 3.0 `Profile`), also a controller document: every key
 * ever used — retired ones too, so old credentials keep verifying — is a Multikey verification
 * method; only keys listed in `assertionMethod` may sign, and that also keeps retired ones.
 */
export function issuerProfile(publicUrl: string, issuer: IssuerFacts, keys: readonly IssuerKey[]): Record<string, unknown> {
  const id = issuerProfileUrl(publicUrl, issuer.organizationId);
  const methods = keys.map((k) => ({
    id: verificationMethodId(id, k.keyNumber),
    type: 'Multikey',
    controller: id,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  return {
    '@context': [
      VC_V2_CONTEXT,
      OB_V3_CONTEXT,
      MULTIKEY_CONTEXT,
      {
        verificationMethod: { '@id': 'https://w3id.org/security#verificationMethod', '@type': '@id', '@container': '@set' },
        assertionMethod: { '@id': 'https://w3id.org/security#assertionMethod', '@type': '@id', '@container': '@set' },
      },
    ],
    id,
    type: ['Profile'],
    name: issuer.name,
    ...(issuer.url ? { url: issuer.url } : {}),
    ...(issuer.email ? { email: issuer.email } : {}),
    ...(issuer.logoUrl ? { image: { id: issuer.logoUrl, type: 'Image' } } : {}),
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/** The issuer part embedded in a credential (no keys). */
export function issuerSummary(publicUrl: string, issuer: IssuerFacts): Record<string, unknown> {
  return {
    id: issuerProfileUrl(publicUrl, issuer.organizationId),
    type: ['Profile'],
    name: issuer.name,
    ...(issuer.url ? { url: issuer.url } : {}),
    ...(issuer.email ? { email: issuer.email } : {}),
  };
}

/**
 * Resolves a verification method URL (`…#key-n`) against a profile document: the loader
 * returns it as a Multikey document in its own context.
 */
export function verificationMethodFrom(profile: Record<string, unknown>, url: string): Record<string, unknown> | null {
  const methods = (profile.verificationMethod ?? []) as Record<string, unknown>[];
  const method = methods.find((m) => m.id === url);
  return method ? { '@context': MULTIKEY_CONTEXT, ...method } : null;
}
