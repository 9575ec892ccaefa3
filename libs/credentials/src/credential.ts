import { createHash, randomBytes } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import { SUPERSEDED_MESSAGES } from './status-list.js';

export interface AchievementFacts {
  /** Stable id of the achievement (the course): a URI. */
  id: string;
  name: string;
  description: string;
  /** What the learner did to earn it, in the certificate's language. */
  criteria: string;
  /** Accredited hours → `creditsAvailable` on the achievement and `creditsEarned` on the subject. */
  hours: number | null;
  accreditationBody: string | null;
  accreditationReference: string | null;
  /** BCP 47 language of the texts. */
  language: string;
}

export interface CredentialFacts {
  /** `urn:uuid:<certificate document id>`: one credential per certificate document version. */
  id: string;
  issuer: Record<string, unknown>;
  achievement: AchievementFacts;
  holderName: string;
  /** The holder's e-mail (hashed with a fresh salt into an IdentityObject), or null (pupils without e-mail). */
  holderEmail: string | null;
  /** The printed certificate number, as a second identifier of the subject's award. */
  certificateNumber: string;
  verificationUrl: string;
  validFrom: Date;
  validUntil: Date | null;
  awardedDate: Date;
  /**
   * The credential's index in the issuer's lists: the revocation list, and (when given) the
   * list of statusPurpose "message" whose set bit means "superseded" by a re-issue.
   */
  status: { listUrl: string; index: number; supersededListUrl?: string };
}

/** `sha256$<hex>` of salt + identity, the OB 3.0 IdentityObject hashing. */
export function hashIdentity(identity: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identity.trim().toLowerCase() + salt, 'utf8').digest('hex')}`;
}

const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An unsigned OpenBadgeCredential (VC 2.0 + OB 3.0.3 contexts). */
export function buildOpenBadgeCredential(f: CredentialFacts, salt: string = randomBytes(16).toString('hex')): Record<string, unknown> {
  const a = f.achievement;
  const otherIdentifier = [
    ...(a.accreditationReference ? [{ type: 'IdentifierEntry', identifier: a.accreditationReference, identifierType: 'ext:AccreditationReference' }] : []),
    ...(a.accreditationBody ? [{ type: 'IdentifierEntry', identifier: a.accreditationBody, identifierType: 'ext:AccreditingBody' }] : []),
  ];
  const identifier = f.holderEmail
    ? [{ type: 'IdentityObject', identityHash: hashIdentity(f.holderEmail, salt), identityType: 'emailAddress', hashed: true, salt }]
    : [];
  const revocation = {
    id: `${f.status.listUrl}#${f.status.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(f.status.index),
    statusListCredential: f.status.listUrl,
  };
  const superseded = (listUrl: string) => ({
    id: `${listUrl}#${f.status.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'message',
    statusListIndex: String(f.status.index),
    statusListCredential: listUrl,
    statusSize: 1,
    statusMessage: SUPERSEDED_MESSAGES.map((m) => ({ ...m })),
  });
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: f.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: a.name,
    issuer: f.issuer,
    validFrom: isoSeconds(f.validFrom),
    ...(f.validUntil ? { validUntil: isoSeconds(f.validUntil) } : {}),
    awardedDate: isoSeconds(f.awardedDate),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: f.holderName,
      ...(identifier.length ? { identifier } : {}),
      ...(a.hours !== null ? { creditsEarned: a.hours } : {}),
      achievement: {
        id: a.id,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: a.name,
        description: a.description,
        criteria: { narrative: a.criteria },
        ...(a.hours !== null ? { creditsAvailable: a.hours } : {}),
        ...(otherIdentifier.length ? { otherIdentifier } : {}),
        humanCode: f.certificateNumber,
        inLanguage: a.language,
      },
    },
    evidence: [{ id: f.verificationUrl, type: ['Evidence'], name: f.certificateNumber }],
    credentialStatus: f.status.supersededListUrl ? [revocation, superseded(f.status.supersededListUrl)] : revocation,
  };
}

export type DocumentLoader = (url: string) => Promise<unknown>;

/** Signs with a DataIntegrityProof, cryptosuite eddsa-rdfc-2022 (RDFC-1.0, SHA-256, Ed25519). */
export async function signCredential(credential: Record<string, unknown>, signer: unknown, documentLoader: DocumentLoader): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 });
  return vc.issue({ credential, suite, documentLoader });
}

export interface SignatureCheck {
  verified: boolean;
  /** The first error's message when not verified. */
  error?: string;
}

/**
 * Checks the credential's shape and proof only; status and dates are judged by the caller.
 */
export async function verifyCredentialSignature(credential: unknown, documentLoader: DocumentLoader): Promise<SignatureCheck> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  // Dates and status are judged by the caller ("expired" is a status, not a bad signature):
  // the library checks the dates against validFrom itself and gets a status check that passes.
  const validFrom = (credential as { validFrom?: unknown } | null)?.validFrom;
  const now = typeof validFrom === 'string' && !Number.isNaN(Date.parse(validFrom)) ? new Date(validFrom) : new Date();
  try {
    const result = await vc.verifyCredential({ credential, suite, documentLoader, now, checkStatus: async () => ({ verified: true }) });
    if (result.verified) return { verified: true };
    const first = result.error?.errors?.[0] ?? result.error ?? result.results?.find((r: { verified: boolean }) => !r.verified)?.error;
    return { verified: false, error: String(first?.message ?? 'the proof does not verify') };
  } catch (error) {
    return { verified: false, error: (error as Error).message };
  }
}
