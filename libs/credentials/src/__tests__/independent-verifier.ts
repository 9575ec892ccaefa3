// A second verifier for eddsa-rdfc-2022, written here with no code from the signing stack:
// JSON-LD → RDF (jsonld), RDFC-1.0 (rdf-canonize), SHA-256 and Ed25519 (node:crypto).
import { createHash, createPublicKey, verify } from 'node:crypto';
import jsonld from 'jsonld';
import rdfCanonize from 'rdf-canonize';
import { shareJsonLdTermDefinitions, sharesJsonLdTermDefinitions } from '../jsonld-contexts-shared.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btcDecode(text: string): Buffer {
  let value = 0n;
  for (const ch of text) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error(`not base58: ${ch}`);
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  for (const ch of text) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return Buffer.from(bytes);
}

/** Ed25519 public key bytes from a `z6Mk…` Multikey (multicodec 0xed 0x01). */
export function ed25519FromMultikey(multibase: string): Buffer {
  if (!multibase.startsWith('z')) throw new Error('expected base58btc multibase');
  const bytes = base58btcDecode(multibase.slice(1));
  if (bytes[0] !== 0xed || bytes[1] !== 0x01 || bytes.length !== 34) throw new Error('not an Ed25519 multikey');
  return bytes.subarray(2);
}

async function canonicalHash(doc: unknown, documentLoader: (url: string) => Promise<unknown>): Promise<Buffer> {
  // jsonld exactly as published: the signing stack's speed-up (shared term definitions) is off here.
  const sharing = sharesJsonLdTermDefinitions();
  shareJsonLdTermDefinitions(false);
  let nquads: string;
  try {
    nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true })) as string;
  } finally {
    shareJsonLdTermDefinitions(sharing);
  }
  const canonical = (await rdfCanonize.canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' })) as string;
  return createHash('sha256').update(canonical, 'utf8').digest();
}

/** Returns the combined hash it checked, so a test can compare it with the spec's. */
export async function independentlyVerify(
  credential: Record<string, unknown>,
  publicKeyMultibase: string,
  documentLoader: (url: string) => Promise<unknown>,
): Promise<{ valid: boolean; hashData: string }> {
  const { proof, ...unsecured } = credential as { proof: Record<string, unknown> } & Record<string, unknown>;
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') throw new Error('not an eddsa-rdfc-2022 proof');
  const { proofValue, ...proofConfig } = proof;
  const config = { '@context': unsecured['@context'], ...proofConfig };
  const hashData = Buffer.concat([await canonicalHash(config, documentLoader), await canonicalHash(unsecured, documentLoader)]);
  const signature = base58btcDecode(String(proofValue).slice(1));
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: ed25519FromMultikey(publicKeyMultibase).toString('base64url') }, format: 'jwk' });
  return { valid: verify(null, hashData, key, signature), hashData: hashData.toString('hex') };
}
