import { gzipSync, gunzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from './contexts.js';

/** 131,072 entries (16 KiB): the spec's minimum size, so a list does not reveal how many were issued. */
export const STATUS_LIST_LENGTH = 131_072;

export const emptyStatusBits = (): Buffer => Buffer.alloc(STATUS_LIST_LENGTH / 8);

/** Bit `index` (left-most bit of the first byte is index 0, as the spec says). */
export function statusBit(bits: Buffer, index: number): boolean {
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

export function setStatusBit(bits: Buffer, index: number, value = true): void {
  if (index < 0 || index >= bits.length * 8) throw new RangeError(`status index ${index} outside the list`);
  if (value) bits[index >> 3]! |= 0x80 >> (index & 7);
  else bits[index >> 3]! &= ~(0x80 >> (index & 7)) & 0xff;
}

/** `encodedList`: multibase base64url (`u`) of the GZIP-compressed bitstring. */
export const encodeStatusList = (bits: Buffer): string => `u${gzipSync(bits).toString('base64url')}`;

export function decodeStatusList(encoded: string): Buffer {
  if (!encoded.startsWith('u')) throw new Error('encodedList is not multibase base64url');
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}

/**
 * The messages of Kindling's "message" list (one bit per credential): what a wallet shows for a
 * set bit. Carried by each credential's status entry, as Bitstring Status List v1.0 puts them.
 */
export const SUPERSEDED_MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'superseded' },
] as const;

export type StatusPurpose = 'revocation' | 'message';

/** The unsigned BitstringStatusListCredential published at `listUrl`; `issuer` is the profile URL. */
export function statusListCredential(listUrl: string, issuer: string, bits: Buffer, validFrom: Date, statusPurpose: StatusPurpose = 'revocation'): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT],
    id: listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: validFrom.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `${listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose,
      encodedList: encodeStatusList(bits),
    },
  };
}
