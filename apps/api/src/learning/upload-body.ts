import type { Request } from 'express';
import { DomainError, invalid, msg } from '@kindling/common';
import { type ColumnMapping, MAPPING_FIELDS, type MappingField, XLSX_TYPE } from '@kindling/enrolment';

/** The body of a spreadsheet upload as bytes (the raw parser) or text (a text/plain parser). */
export const uploadBytes = (body: unknown): Buffer =>
  Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.alloc(0);

/**
 * `?mapping=email:2,firstName:0,lastName:1` (0-based columns) → a mapping; undefined when not
 * given (the proposal is used). Unknown fields and non-numbers answer 400.
 */
export function parseMappingQuery(raw: unknown): ColumnMapping | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > 300) throw invalid(msg('errors.import.mappingShape'));
  const mapping: ColumnMapping = {};
  for (const part of raw.split(',')) {
    const [field, index] = part.split(':').map((p) => p.trim());
    if (!field || !(MAPPING_FIELDS as readonly string[]).includes(field)) throw invalid(msg('errors.import.mappingField', { field: (field ?? '').slice(0, 40), fields: MAPPING_FIELDS.join(', ') }));
    if (!index || !/^\d{1,3}$/.test(index)) throw invalid(msg('errors.import.mappingColumn', { field }));
    mapping[field as MappingField] = Number(index);
  }
  return mapping;
}

/** Which parser an upload needs, from its Content-Type: CSV text or JSON. */
export function uploadKind(req: Request): 'csv' | 'xlsx' | 'json' {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/plain' || type === 'text/tab-separated-values') return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'application/json' || type === '') return 'json';
  throw new DomainError('unsupported_media_type', msg('errors.upload.contentType', { type }));
}
