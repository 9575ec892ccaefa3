import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Secrets Kindling must keep but never show (identity-provider client secrets, issuer signing
 * keys) are stored sealed: AES-256-GCM under the server's secrets key (config `secretsKey`,
 * SECRETS_KEY), with a purpose label as associated data so a value sealed for one purpose
 * cannot be replayed as another. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export function sealSecret(plain: string | Buffer, key: Buffer, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subkey(key), iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Opens a value from sealSecret; throws when the key, the purpose or the value is wrong. */
export function openSecret(sealed: string, key: Buffer, purpose: string): Buffer {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', subkey(key), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}

const subkey = (key: Buffer): Buffer => createHmac('sha256', key).update('kindling:sealed-secrets:v1').digest();
