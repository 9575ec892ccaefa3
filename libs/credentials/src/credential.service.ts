import { Inject, Injectable } from '@nestjs/common';
import { openSecret, sealSecret } from '@kindling/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { CredentialsRepository, type StatusListName } from '@kindling/db';
import { documentLoader } from './contexts.js';
import { buildOpenBadgeCredential, signCredential, verifyCredentialSignature, type CredentialFacts } from './credential.js';
import { generateIssuerKeyPair, issuerLogoUrl, issuerProfile, issuerProfileUrl, issuerSigner, issuerSummary, statusListUrl, verificationMethodFrom, type IssuerFacts } from './issuer.js';
import { statusBit, statusListCredential } from './status-list.js';

/** The issuer of certificates issued without an organisation. */
export const PLATFORM_ISSUER = 'kindling';
const KEY_PURPOSE = 'issuer-signing-key';
const ISSUER_ID = /^(kindling|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export type CredentialStatus = 'valid' | 'revoked' | 'superseded' | 'expired' | 'invalid';
export type InvalidReason = 'not-a-credential' | 'unknown-issuer' | 'signature' | 'unknown-credential';

export interface CredentialClaims {
  holderName: string | null;
  achievement: string | null;
  hours: number | null;
  accreditationBody: string | null;
  accreditationReference: string | null;
  number: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

export interface CredentialVerification {
  status: CredentialStatus;
  signatureValid: boolean;
  reason?: InvalidReason;
  /** Technical detail of a failed check (English, from the library). */
  detail?: string;
  issuer: { id: string | null; name: string | null };
  claims: CredentialClaims;
  /** The verification page of the certificate document this credential belongs to. */
  verificationCode?: string;
}

/** Facts the worker passes for one certificate document. */
export interface IssueCredentialInput extends Omit<CredentialFacts, 'issuer' | 'status' | 'id'> {
  documentId: string;
  organizationId: string | null;
  organizationName: string | null;
}

type Signer = Awaited<ReturnType<typeof issuerSigner>>;

/**
 * Issuer keys (created on first use, secret half sealed under SECRETS_KEY), the public issuer
 * profiles and status lists, signing and verifying. Every URL it serves is under PUBLIC_URL:
 * `/api/issuers/<issuer>` (profile + keys), `#key-<n>` (a key), `/status/revocation` and `/status/superseded` (lists).
 */
@Injectable()
export class CredentialService {
  /** Opened signing keys, per issuer (a rotation changes the key number and is picked up). */
  private readonly signers = new Map<string, { keyNumber: number; signer: Signer }>();

  constructor(
    private readonly credentials: CredentialsRepository,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  issuerOf(organizationId: string | null): string {
    return organizationId ?? PLATFORM_ISSUER;
  }

  profileUrl(issuer: string): string {
    return issuerProfileUrl(this.config.publicUrl, issuer);
  }

  /** The issuer's active signer, creating the issuer's first key when it has none. */
  async signer(issuer: string): Promise<Signer> {
    let key = await this.credentials.activeKey(issuer);
    if (!key) {
      const pair = await generateIssuerKeyPair();
      await this.credentials.insertFirstKey(issuer, pair.publicKeyMultibase, sealSecret(pair.secretKeyMultibase, this.config.secretsKey, KEY_PURPOSE));
      key = await this.credentials.activeKey(issuer);
      if (!key) throw new Error(`issuer ${issuer} has no active key`);
    }
    const cached = this.signers.get(issuer);
    if (cached && cached.keyNumber === key.key_number) return cached.signer;
    const secret = openSecret(key.sealed_secret_key, this.config.secretsKey, KEY_PURPOSE).toString('utf8');
    const signer = await issuerSigner(this.profileUrl(issuer), key.key_number, key.public_key_multibase, secret);
    this.signers.set(issuer, { keyNumber: key.key_number, signer });
    return signer;
  }

  /** A new key for the issuer; the old public key stays in the profile. Runs in the caller's transaction. */
  async rotate(issuer: string, db: Parameters<CredentialsRepository['rotate']>[3]): Promise<number> {
    const pair = await generateIssuerKeyPair();
    return this.credentials.rotate(issuer, pair.publicKeyMultibase, sealSecret(pair.secretKeyMultibase, this.config.secretsKey, KEY_PURPOSE), db);
  }

  private async issuerFacts(issuer: string): Promise<IssuerFacts | null> {
    if (!ISSUER_ID.test(issuer)) return null;
    if (issuer === PLATFORM_ISSUER) return { organizationId: issuer, name: 'Kindling', url: this.config.publicUrl };
    const org = await this.credentials.organization(issuer);
    if (!org) return null;
    return {
      organizationId: issuer,
      name: org.name,
      url: org.website_url ?? this.config.publicUrl,
      email: org.contact_email,
      logoUrl: org.has_logo ? issuerLogoUrl(this.profileUrl(issuer)) : null,
    };
  }

  /** The public issuer profile, or null for an unknown issuer (or one that has never signed). */
  async profile(issuer: string): Promise<Record<string, unknown> | null> {
    const facts = await this.issuerFacts(issuer);
    if (!facts) return null;
    const keys = await this.credentials.keys(issuer);
    return issuerProfile(this.config.publicUrl, facts, keys.map((k) => ({ keyNumber: k.key_number, publicKeyMultibase: k.public_key_multibase, retiredAt: k.retired_at })));
  }

  /** Resolves this server's own documents for the loader (never over the network). */
  private readonly resolveLocal = async (url: string): Promise<unknown | null> => {
    const prefix = `${this.config.publicUrl.replace(/\/+$/, '')}/api/issuers/`;
    if (!url.startsWith(prefix)) return null;
    const [path, fragment] = url.slice(prefix.length).split('#');
    if (!path || path.includes('/')) return null;
    const profile = await this.profile(path);
    if (!profile) return null;
    return fragment === undefined ? profile : verificationMethodFrom(profile, url);
  };

  readonly loader = documentLoader(this.resolveLocal);

  /** Signs the credential of one certificate document; the status index is allocated here. */
  async issue(input: IssueCredentialInput): Promise<{ json: string; statusIndex: number }> {
    const issuer = this.issuerOf(input.organizationId);
    const facts = (await this.issuerFacts(issuer)) ?? { organizationId: issuer, name: input.organizationName ?? 'Kindling' };
    const statusIndex = await this.credentials.allocateStatusIndex(issuer);
    const { documentId, organizationId: _o, organizationName: _n, ...rest } = input;
    const credential = buildOpenBadgeCredential({
      ...rest,
      id: `urn:uuid:${documentId}`,
      issuer: issuerSummary(this.config.publicUrl, facts),
      status: { listUrl: statusListUrl(this.profileUrl(issuer)), index: statusIndex, supersededListUrl: statusListUrl(this.profileUrl(issuer), 'superseded') },
    });
    const signed = await signCredential(credential, await this.signer(issuer), this.loader);
    return { json: JSON.stringify(signed), statusIndex };
  }

  /**
   * The issuer's signed status list — `revocation`, or `superseded` (statusPurpose "message") —
   * re-signed only when a bit changed since the last signing.
   */
  async statusList(issuer: string, name: StatusListName = 'revocation'): Promise<Record<string, unknown> | null> {
    if (!ISSUER_ID.test(issuer)) return null;
    const list = await this.credentials.statusList(issuer, name);
    if (!list) return null;
    if (list.signed_json && list.signed_version === list.version) return JSON.parse(list.signed_json) as Record<string, unknown>;
    const url = statusListUrl(this.profileUrl(issuer), name);
    const unsigned = statusListCredential(url, this.profileUrl(issuer), Buffer.from(list.bits), new Date(), name === 'revocation' ? 'revocation' : 'message');
    const signed = await signCredential(unsigned, await this.signer(issuer), this.loader);
    await this.credentials.storeSignedStatusList(issuer, JSON.stringify(signed), list.version, name);
    return signed;
  }

  /** Verifies a credential JSON: signature, then the certificate's state in the database and the status list. */
  async verify(input: unknown, now: Date = new Date()): Promise<CredentialVerification> {
    const claims = claimsOf(input);
    const issuer = issuerOf(input);
    const issuerId = issuer.id;
    const base = { issuer, claims };
    if (!input || typeof input !== 'object' || Array.isArray(input) || !(input as { proof?: unknown }).proof) {
      return { status: 'invalid', signatureValid: false, reason: 'not-a-credential', ...base };
    }
    const check = await verifyCredentialSignature(input, this.loader);
    if (!check.verified) {
      const unknownIssuer = /refusing to load/.test(check.error ?? '');
      return { status: 'invalid', signatureValid: false, reason: unknownIssuer ? 'unknown-issuer' : 'signature', detail: check.error, ...base };
    }
    const id = String((input as { id?: unknown }).id ?? '');
    const match = /^urn:uuid:([0-9a-f-]{36})$/i.exec(id);
    const doc = match ? await this.credentials.documentByCredentialId(match[1]!.toLowerCase()) : null;
    if (!doc) return { status: 'invalid', signatureValid: true, reason: 'unknown-credential', ...base };
    // What the verifier is told is what was issued: a validly signed credential may be sent in any
    // JSON-LD shape with the same statements (a subject in an array, a name as a value object), which
    // a plain reading of the JSON would show as blanks. The stored credential of this document is the
    // one that was signed; its claims are the answer (the sent JSON's only when none is stored, e.g.
    // after the holder's data was erased).
    const stored = storedCredential(doc.credential_json);
    const issued = stored ? { issuer: issuerOf(stored), claims: claimsOf(stored) } : base;
    // The published status lists are what a wallet sees: a set revocation bit is "revoked", a set
    // bit in the "message" list is "superseded", even if the row says otherwise.
    const issuerKey = issuerId?.split('/api/issuers/')[1] ?? '';
    const bitIn = async (purpose: 'revocation' | 'message'): Promise<boolean> => {
      const entries = (input as { credentialStatus?: unknown }).credentialStatus;
      const entry = (Array.isArray(entries) ? entries : [entries]).find((e) => (e as { statusPurpose?: unknown } | null)?.statusPurpose === purpose) as { statusListIndex?: unknown } | undefined;
      const index = Number(entry?.statusListIndex);
      if (!entry || !Number.isInteger(index) || !ISSUER_ID.test(issuerKey)) return false;
      const list = await this.credentials.statusList(issuerKey, purpose === 'revocation' ? 'revocation' : 'superseded');
      return list ? statusBit(Buffer.from(list.bits), index) : false;
    };
    const revokedBit = await bitIn('revocation');
    const supersededBit = await bitIn('message');
    let status: CredentialStatus = 'valid';
    if (doc.status === 'revoked') status = 'revoked';
    else if (doc.superseded_at) status = 'superseded'; // a replaced credential signed before the superseded list has its revocation bit set
    else if (revokedBit) status = 'revoked';
    else if (supersededBit) status = 'superseded';
    else if (expiresBefore(now, doc.valid_until, issued.claims.validUntil, claims.validUntil)) status = 'expired';
    return { status, signatureValid: true, ...issued, verificationCode: doc.verification_code };
  }
}

function issuerOf(input: unknown): { id: string | null; name: string | null } {
  const field = (input as { issuer?: unknown } | null)?.issuer;
  const id = typeof field === 'string' ? field : typeof (field as { id?: unknown } | null)?.id === 'string' ? (field as { id: string }).id : null;
  const name = typeof (field as { name?: unknown } | null)?.name === 'string' ? (field as { name: string }).name : null;
  return { id, name };
}

function storedCredential(json: string | null | undefined): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Past any of the dates that bound the certificate: the record's (what the verification page uses) or the credential's. */
function expiresBefore(now: Date, ...dates: (Date | string | null | undefined)[]): boolean {
  return dates.some((d) => {
    if (d === null || d === undefined) return false;
    const at = d instanceof Date ? d.getTime() : Date.parse(d);
    return Number.isFinite(at) && at < now.getTime();
  });
}

function claimsOf(input: unknown): CredentialClaims {
  const c = (input ?? {}) as Record<string, unknown>;
  const subject = (c.credentialSubject ?? {}) as Record<string, unknown>;
  const achievement = (subject.achievement ?? {}) as Record<string, unknown>;
  const ids = Array.isArray(achievement.otherIdentifier) ? (achievement.otherIdentifier as { identifier?: unknown; identifierType?: unknown }[]) : [];
  const idOf = (type: string) => {
    const v = ids.find((i) => i.identifierType === type)?.identifier;
    return typeof v === 'string' ? v : null;
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    holderName: str(subject.name),
    achievement: str(achievement.name),
    hours: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : null,
    accreditationBody: idOf('ext:AccreditingBody'),
    accreditationReference: idOf('ext:AccreditationReference'),
    number: str(achievement.humanCode),
    validFrom: str(c.validFrom),
    validUntil: str(c.validUntil),
  };
}

