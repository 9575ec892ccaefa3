import type { Request } from 'express';
import { DomainError, msg } from '@kindling/common';

/** Which parser an upload needs, from its Content-Type: CSV text or JSON. */
export function uploadKind(req: Request): 'csv' | 'json' {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/plain') return 'csv';
  if (type === 'application/json' || type === '') return 'json';
  throw new DomainError('unsupported_media_type', msg('errors.upload.contentType', { type }));
}
