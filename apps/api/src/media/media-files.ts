import { createHash } from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import { DomainError, msg } from '@kindling/common';
import type { CourseMediaType } from '@kindling/db';
import { svgIsSafe } from '../branding/branding-images.js';

/** Largest image upload (before re-encoding). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Largest PDF attachment. */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;
/** Decoded pixel limit (decompression bombs), and the longest side an image is stored with. */
export const MAX_INPUT_MEGAPIXELS = 40;
export const MAX_STORED_SIDE = 2400;

type Sniffed = 'png' | 'jpeg' | 'webp' | 'svg' | 'pdf';

/** The type from the bytes themselves; the declared MIME type and the file name are not trusted. */
export function sniffMedia(bytes: Buffer): Sniffed | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\ufeff/, '');
  if (/^\s*</.test(head) && /<svg[\s>]/i.test(head)) return 'svg';
  return null;
}

export interface PreparedMedia {
  bytes: Buffer;
  sha256: string;
  kind: 'image' | 'pdf';
  contentType: CourseMediaType;
  ext: 'png' | 'jpg' | 'webp' | 'pdf';
  width: number | null;
  height: number | null;
}

/** A display name: the base name without path or control characters, at most 120 characters. */
export function cleanFileName(name: string | undefined, ext: string): string {
  const base = Array.from((name ?? '').split(/[\\/]/).pop()!)
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"<>'.includes(c))
    .join('')
    .trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 110) || 'file';
  return `${stem}.${ext}`;
}

/**
 * Turns an upload into what learners receive. Images are decoded and re-encoded by sharp (which
 * drops EXIF, XMP, ICC and comments unless asked to keep them): PNG, JPEG and WebP keep their
 * format, SVG is checked (no scripts, entities or external references) and rasterised to PNG;
 * each is rotated by its EXIF orientation and scaled down to at most 2400 px on its longer side.
 * PDFs are kept as they are (they are served as downloads with a sandboxing CSP).
 */
export async function prepareMedia(input: Buffer): Promise<PreparedMedia> {
  if (input.length === 0) throw new DomainError('invalid', msg('authoring1.media.empty'));
  const kind = sniffMedia(input);
  if (!kind) throw new DomainError('unsupported_media_type', msg('authoring1.media.type'));
  if (kind === 'pdf') {
    if (input.length > MAX_PDF_BYTES) throw new DomainError('payload_too_large', msg('authoring1.media.pdfTooLarge', { max: MAX_PDF_BYTES / 1024 / 1024 }));
    return { bytes: input, sha256: sha256(input), kind: 'pdf', contentType: 'application/pdf', ext: 'pdf', width: null, height: null };
  }
  if (input.length > MAX_IMAGE_BYTES) throw new DomainError('payload_too_large', msg('authoring1.media.imageTooLarge', { max: MAX_IMAGE_BYTES / 1024 / 1024 }));
  if (kind === 'svg' && !svgIsSafe(input.toString('utf8'))) throw new DomainError('invalid', msg('authoring1.media.svgUnsafe'));
  let out: { data: Buffer; info: OutputInfo };
  try {
    const img = sharp(input, { limitInputPixels: MAX_INPUT_MEGAPIXELS * 1_000_000, failOn: 'error', pages: 1, ...(kind === 'svg' ? { density: 144 } : {}) });
    const meta = await img.metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    const pipeline = img.rotate().resize({ width: MAX_STORED_SIDE, height: MAX_STORED_SIDE, fit: 'inside', withoutEnlargement: true }).toColourspace('srgb');
    out = await (kind === 'jpeg'
      ? pipeline.jpeg({ quality: 85, mozjpeg: true })
      : kind === 'webp'
        ? pipeline.webp({ quality: 85 })
        : pipeline.png({ compressionLevel: 9, adaptiveFiltering: true })
    ).toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new DomainError('payload_too_large', msg('authoring1.media.tooManyPixels', { max: MAX_INPUT_MEGAPIXELS }));
    }
    throw new DomainError('invalid', msg('authoring1.media.unreadable'));
  }
  const contentType: CourseMediaType = kind === 'jpeg' ? 'image/jpeg' : kind === 'webp' ? 'image/webp' : 'image/png';
  const ext = kind === 'jpeg' ? 'jpg' : kind === 'webp' ? 'webp' : 'png';
  return { bytes: out.data, sha256: sha256(out.data), kind: 'image', contentType, ext, width: out.info.width, height: out.info.height };
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
