import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildOpenBadgeCredential,
  decodeStatusList,
  documentLoader,
  emptyStatusBits,
  generateIssuerKeyPair,
  hashIdentity,
  issuerProfile,
  issuerProfileUrl,
  issuerSigner,
  issuerSummary,
  libraryIssuerSigner,
  shareJsonLdTermDefinitions,
  sharesJsonLdTermDefinitions,
  RefusedDocumentError,
  setStatusBit,
  signCredential,
  statusBit,
  statusListCredential,
  statusListUrl,
  verificationMethodFrom,
  verifyCredentialSignature,
  type CredentialFacts,
} from './index.js';
// The W3C test vector is TestVectors/eddsa-rdfc-2022/signedDataInt.json of w3c/vc-di-eddsa.
import { independentlyVerify } from './__tests__/independent-verifier.js';

const here = dirname(fileURLToPath(import.meta.url));
const jsonld = createRequire(import.meta.url)('jsonld') as { toRDF(doc: unknown, options: Record<string, unknown>): Promise<string> };
const PUBLIC_URL = 'https://kindling.example';
const ORG = '4f1c1c52-8f0e-4b8e-9c43-6d1d7f0f6a01';

async function setup() {
  const keys = await generateIssuerKeyPair();
  const issuer = { organizationId: ORG, name: 'Ospedale San Gallo', url: 'https://ospedale.example', email: 'formazione@ospedale.example' };
  const profile = issuerProfile(PUBLIC_URL, issuer, [{ keyNumber: 1, publicKeyMultibase: keys.publicKeyMultibase }]);
  const profileUrl = issuerProfileUrl(PUBLIC_URL, ORG);
  const loader = documentLoader(async (url) => {
    const [base] = url.split('#');
    if (base !== profileUrl) return null;
    return url.includes('#') ? verificationMethodFrom(profile, url) : profile;
  });
  const signer = await issuerSigner(profileUrl, 1, keys.publicKeyMultibase, keys.secretKeyMultibase);
  const facts: CredentialFacts = {
    id: 'urn:uuid:0a4b7c52-1111-4c4c-9d9d-000000000001',
    issuer: issuerSummary(PUBLIC_URL, issuer),
    achievement: {
      id: 'urn:uuid:0a4b7c52-2222-4c4c-9d9d-000000000002',
      name: 'Gentilezza in corsia',
      description: 'Corso accreditato per il personale sanitario.',
      criteria: 'Tutte le lezioni completate e il quiz finale superato.',
      hours: 8,
      accreditationBody: 'ECM Lombardia',
      accreditationReference: 'ECM-2026-77',
      language: 'it',
    },
    holderName: 'Łukasz Żółć',
    holderEmail: 'Lukasz@example.org',
    certificateNumber: 'KND-2026-000001',
    verificationUrl: `${PUBLIC_URL}/verify/abc`,
    validFrom: new Date('2026-12-04T10:00:00Z'),
    validUntil: new Date('2028-12-04T10:00:00Z'),
    awardedDate: new Date('2026-12-03T09:00:00Z'),
    status: { listUrl: statusListUrl(profileUrl), index: 7, supersededListUrl: statusListUrl(profileUrl, 'superseded') },
  };
  return { keys, loader, signer, facts, profile };
}

describe('Open Badges 3.0 credentials (eddsa-rdfc-2022)', () => {
  it('signs a credential that both the library and the independent path verify', async () => {
    const { keys, loader, signer, facts } = await setup();
    const signed = await signCredential(buildOpenBadgeCredential(facts, 'salt-1'), signer, loader);
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${issuerProfileUrl(PUBLIC_URL, ORG)}#key-1` });
    expect(signed.validUntil).toBe('2028-12-04T10:00:00Z');
    expect(signed.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const subject = signed.credentialSubject as { identifier: { identityHash: string }[]; achievement: Record<string, unknown> };
    expect(subject.identifier[0]!.identityHash).toBe(hashIdentity('lukasz@example.org', 'salt-1'));
    expect(subject.achievement.creditsAvailable).toBe(8);
    expect(await verifyCredentialSignature(signed, loader)).toEqual({ verified: true });
    expect((await independentlyVerify(signed, keys.publicKeyMultibase, loader)).valid).toBe(true);
  });

  it('a tampered credential (one character of the name) fails both ways, with a reason', async () => {
    const { keys, loader, signer, facts } = await setup();
    const signed = await signCredential(buildOpenBadgeCredential(facts), signer, loader);
    const tampered = structuredClone(signed) as { credentialSubject: { name: string } } & Record<string, unknown>;
    tampered.credentialSubject.name = 'Łukasz Żółč';
    const result = await verifyCredentialSignature(tampered, loader);
    expect(result.verified).toBe(false);
    expect(result.error).toMatch(/signature|verif/i);
    expect((await independentlyVerify(tampered, keys.publicKeyMultibase, loader)).valid).toBe(false);
  });

  it('an expired credential still has a valid signature (expiry is a status, judged by the caller)', async () => {
    const { loader, signer, facts } = await setup();
    const signed = await signCredential(buildOpenBadgeCredential({ ...facts, validFrom: new Date('2020-01-01T00:00:00Z'), validUntil: new Date('2021-01-01T00:00:00Z') }), signer, loader);
    expect(await verifyCredentialSignature(signed, loader)).toEqual({ verified: true });
  });

  it('a key that is not the issuer\'s does not verify', async () => {
    const { loader, facts } = await setup();
    const other = await generateIssuerKeyPair();
    const signer = await issuerSigner(issuerProfileUrl(PUBLIC_URL, ORG), 1, other.publicKeyMultibase, other.secretKeyMultibase);
    const signed = await signCredential(buildOpenBadgeCredential(facts), signer, loader);
    expect((await verifyCredentialSignature(signed, loader)).verified).toBe(false);
  });

  it('the document loader serves bundled contexts and refuses anything else', async () => {
    const loader = documentLoader();
    await expect(loader('https://www.w3.org/ns/credentials/v2')).resolves.toMatchObject({ documentUrl: 'https://www.w3.org/ns/credentials/v2' });
    await expect(loader('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')).resolves.toBeTruthy();
    await expect(loader('https://evil.example/context.jsonld')).rejects.toBeInstanceOf(RefusedDocumentError);
  });

  it('carries two status entries: revocation, and a "message" list whose set bit means superseded', async () => {
    const { loader, signer, facts, keys } = await setup();
    const signed = await signCredential(buildOpenBadgeCredential(facts), signer, loader);
    const profileUrl = issuerProfileUrl(PUBLIC_URL, ORG);
    expect(signed.credentialStatus).toEqual([
      { id: `${profileUrl}/status/revocation#7`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: `${profileUrl}/status/revocation` },
      {
        id: `${profileUrl}/status/superseded#7`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'message',
        statusListIndex: '7',
        statusListCredential: `${profileUrl}/status/superseded`,
        statusSize: 1,
        statusMessage: [{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'superseded' }],
      },
    ]);
    expect(await verifyCredentialSignature(signed, loader)).toEqual({ verified: true });
    expect((await independentlyVerify(signed, keys.publicKeyMultibase, loader)).valid).toBe(true);
    // The superseded list is a signed BitstringStatusListCredential of statusPurpose "message".
    const bits = emptyStatusBits();
    setStatusBit(bits, 7);
    const list = await signCredential(statusListCredential(statusListUrl(profileUrl, 'superseded'), profileUrl, bits, new Date(), 'message'), signer, loader);
    expect(list.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'message' });
    expect(await verifyCredentialSignature(list, loader)).toEqual({ verified: true });
    expect(statusBit(decodeStatusList((list.credentialSubject as { encodedList: string }).encodedList), 7)).toBe(true);
  });

  it('the cached-key signer signs exactly as the library\'s own signer (Ed25519 is deterministic)', async () => {
    const { keys } = await setup();
    const profileUrl = issuerProfileUrl(PUBLIC_URL, ORG);
    const ours = await issuerSigner(profileUrl, 1, keys.publicKeyMultibase, keys.secretKeyMultibase);
    const library = await libraryIssuerSigner(profileUrl, 1, keys.publicKeyMultibase, keys.secretKeyMultibase);
    expect(ours.id).toBe(library.id);
    expect(ours.algorithm).toBe(library.algorithm);
    const data = new TextEncoder().encode('Gentilezza in corsia — Łukasz Żółć');
    expect(Buffer.from(await ours.sign({ data })).toString('hex')).toBe(Buffer.from(await library.sign({ data })).toString('hex'));
  });

  it('sharing jsonld term definitions (the signing speed-up) gives the same RDF as jsonld\'s deep copies', async () => {
    const { loader, signer, facts } = await setup();
    const signed = await signCredential(buildOpenBadgeCredential(facts), signer, loader);
    expect(sharesJsonLdTermDefinitions()).toBe(true);
    const options = { format: 'application/n-quads', documentLoader: loader, safe: true };
    const shared = await jsonld.toRDF(signed, options);
    shareJsonLdTermDefinitions(false);
    try {
      expect(await jsonld.toRDF(signed, options)).toBe(shared);
    } finally {
      shareJsonLdTermDefinitions(true);
    }
    expect(shared).toContain('"Łukasz Żółć"');
  });

  it('a signed status list round-trips its bits', async () => {
    const { loader, signer, facts } = await setup();
    const bits = emptyStatusBits();
    setStatusBit(bits, 7);
    setStatusBit(bits, 131_071);
    const list = await signCredential(statusListCredential(facts.status.listUrl, issuerProfileUrl(PUBLIC_URL, ORG), bits, new Date()), signer, loader);
    expect(await verifyCredentialSignature(list, loader)).toEqual({ verified: true });
    const decoded = decodeStatusList((list.credentialSubject as { encodedList: string }).encodedList);
    expect(statusBit(decoded, 7)).toBe(true);
    expect(statusBit(decoded, 8)).toBe(false);
    expect(statusBit(decoded, 131_071)).toBe(true);
  });
});

describe('W3C vc-di-eddsa test vector (eddsa-rdfc-2022, signedDataInt.json)', () => {
  const vector = JSON.parse(readFileSync(join(here, '__tests__/w3c-eddsa-rdfc-2022-signedDataInt.json'), 'utf8')) as Record<string, unknown>;
  const PUBLIC_KEY = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
  const controller = 'https://vc.example/issuers/5678';
  const controllerDoc = issuerProfile('https://vc.example', { organizationId: 'x', name: 'Example' }, []);
  const vmId = `${controller}#${PUBLIC_KEY}`;
  const examples = new Map<string, unknown>([['https://www.w3.org/ns/credentials/examples/v2', { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }]]);
  const loader = documentLoader(async (url) => {
    if (url === controller) return { ...controllerDoc, id: controller, verificationMethod: [{ id: vmId, type: 'Multikey', controller, publicKeyMultibase: PUBLIC_KEY }], assertionMethod: [vmId] };
    if (url === vmId) return { '@context': 'https://w3id.org/security/multikey/v1', id: vmId, type: 'Multikey', controller, publicKeyMultibase: PUBLIC_KEY };
    return null;
  }, examples);

  it('the independent path reproduces the spec\'s hash and accepts the signature', async () => {
    const result = await independentlyVerify(vector, PUBLIC_KEY, loader);
    // TestVectors/eddsa-rdfc-2022/combinedHashDataInt.txt (proof config hash ‖ document hash).
    expect(result.hashData).toBe('4c4d3890a157f8d611b13c265c2c22f39aa0a567c7c7dd9ba3e45cd579784eeb517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017');
    expect(result.valid).toBe(true);
  });

  it('the library verifier accepts it too, and rejects it once altered', async () => {
    expect(await verifyCredentialSignature(vector, loader)).toEqual({ verified: true });
    const altered = structuredClone(vector) as { credentialSubject: { alumniOf: string } } & Record<string, unknown>;
    altered.credentialSubject.alumniOf = 'The School of Exampl3s';
    expect((await verifyCredentialSignature(altered, loader)).verified).toBe(false);
    expect((await independentlyVerify(altered, PUBLIC_KEY, loader)).valid).toBe(false);
  });
});
