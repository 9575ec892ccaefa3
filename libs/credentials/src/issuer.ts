import { createPrivateKey, sign as signBytes } from 'node:crypto';
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
/** The issuer's revocation list, or its list of statusPurpose "message" that marks superseded credentials. */
export const statusListUrl = (profileUrl: string, list: 'revocation' | 'superseded' = 'revocation'): string => `${profileUrl}/status/${list}`;

/** A fresh Ed25519 key pair as multibase strings (`z6Mk…` public, `zrv…` secret). */
export async function generateIssuerKeyPair(): Promise<{ publicKeyMultibase: string; secretKeyMultibase: string }> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true, includeContext: false });
  return { publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase };
}

/** What the Data Integrity suite needs to sign: the verification method's id and a sign function. */
export interface IssuerSigner {
  id: string;
  algorithm: 'Ed25519';
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/**
 * A signer for the suite, from the stored (opened) key. The Ed25519 private key object is made
 * once here and kept with the signer (the worker caches signers per issuer): the library's own
 * signer rebuilds it from DER on every signature, a good part of a credential's signing time.
 * Ed25519 is deterministic, so the signatures are the library's, byte for byte (credential.spec.ts).
 */
export async function issuerSigner(profileUrl: string, keyNumber: number, publicKeyMultibase: string, secretKeyMultibase: string): Promise<IssuerSigner> {
  const pair = await Ed25519Multikey.from({
    '@context': MULTIKEY_CONTEXT,
    type: 'Multikey',
    id: verificationMethodId(profileUrl, keyNumber),
    controller: profileUrl,
    publicKeyMultibase,
    secretKeyMultibase,
  });
  const secret = pair.secretKey as Uint8Array; // seed (32 bytes) followed by the public key
  const key = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from(secret.subarray(0, 32)).toString('base64url'), x: Buffer.from(pair.publicKey as Uint8Array).toString('base64url') },
    format: 'jwk',
  });
  return {
    id: verificationMethodId(profileUrl, keyNumber),
    algorithm: 'Ed25519',
    sign: async ({ data }) => new Uint8Array(signBytes(null, data, key)),
  };
}

/** The library's own signer for the same key (tests compare it with `issuerSigner`). */
export async function libraryIssuerSigner(profileUrl: string, keyNumber: number, publicKeyMultibase: string, secretKeyMultibase: string): Promise<IssuerSigner> {
  const pair = await Ed25519Multikey.from({
    '@context': MULTIKEY_CONTEXT,
    type: 'Multikey',
    id: verificationMethodId(profileUrl, keyNumber),
    controller: profileUrl,
    publicKeyMultibase,
    secretKeyMultibase,
  });
  return pair.signer() as IssuerSigner;
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
