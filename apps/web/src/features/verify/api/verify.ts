import { operations, request } from '../../../api';

export const verifyKey = (code: string) => ['verify', code] as const;
export const fetchVerification = (code: string) => request(operations.verify, { params: { code } });

export const verifyCredential = (credential: Record<string, unknown>) => request(operations.verifyCredential, { body: credential });

/** SHA-256 (hex) of a file, computed in the browser: the file itself is never uploaded. */
export async function sha256OfFile(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
