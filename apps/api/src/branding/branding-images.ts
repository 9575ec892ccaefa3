import sharp from 'sharp';
import { DomainError, msg } from '@kindling/common';
import type { BrandingImage } from '@kindling/db';
import { MAX_UPLOAD_BYTES } from './dto/branding.dto.js';

/** Largest image after re-encoding (what is stored and embedded in every certificate). */
export const MAX_STORED_BYTES = 512 * 1024;
/** Decoded pixel limit (a "decompression bomb" guard for PNG/JPEG/SVG alike). */
const MAX_INPUT_MEGAPIXELS = 25;

export const IMAGE_BOXES = {
  logo: { width: 1200, height: 480 },
  signatureImage: { width: 900, height: 300 },
} as const;
export type BrandingImageField = keyof typeof IMAGE_BOXES;

type Kind = 'png' | 'jpeg' | 'svg';

function decode(field: BrandingImageField, input: string): Buffer {
  const m = /^data:([a-z0-9.+/-]*)(?:;[a-z0-9=.-]+)*;base64,(.*)$/is.exec(input.trim());
  const b64 = (m ? m[2]! : input).replace(/\s+/g, '');
  if (b64.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
    throw new DomainError('invalid', msg('branding.image.encoding', { field }));
  }
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length === 0) throw new DomainError('invalid', msg('branding.image.encoding', { field }));
  if (bytes.length > MAX_UPLOAD_BYTES) throw new DomainError('payload_too_large', msg('branding.image.tooLarge', { field, max: MAX_UPLOAD_BYTES / 1024 }));
  return bytes;
}

/** The type from the bytes themselves (the declared MIME type is not trusted). */
function sniff(bytes: Buffer): Kind | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\ufeff/, '');
  // XML: an XML declaration, comments or a DOCTYPE (refused later) may precede the root element.
  if (/^\s*</.test(head) && /<svg[\s>]/i.test(head)) return 'svg';
  return null;
}

/**
 * SVGs are rasterised by librsvg (through sharp), which never runs scripts; still, anything that
 * could make it read other files or expand entities is refused outright rather than trusted to
 * the rasteriser: DOCTYPE/ENTITY declarations (XXE, billion laughs), scripts, embedded HTML, and
 * any href/src/url() that is not a same-document fragment or an inline data: image.
 */
export function svgIsSafe(svg: string): boolean {
  if (/<!DOCTYPE|<!ENTITY|<script|<foreignObject|<iframe|<object|<embed|\bon[a-z]+\s*=/i.test(svg)) return false;
  if (/<\?xml-stylesheet|@import/i.test(svg)) return false;
  for (const m of svg.matchAll(/(?:href|src)\s*=\s*(["'])(.*?)\1/gis)) {
    const target = m[2]!.trim();
    if (!target.startsWith('#') && !/^data:image\/(png|jpeg|gif);base64,/i.test(target)) return false;
  }
  for (const m of svg.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gis)) {
    if (!m[2]!.trim().startsWith('#')) return false;
  }
  return true;
}

/**
 * Turns an upload into what certificates print: PNG (from PNG or SVG, transparency kept) or JPEG,
 * in sRGB, rotated by its EXIF orientation, scaled down into the field's box, and with every piece
 * of metadata (EXIF, XMP, ICC, comments) dropped by re-encoding.
 */
export async function sanitiseBrandingImage(field: BrandingImageField, input: string): Promise<BrandingImage> {
  const bytes = decode(field, input);
  const kind = sniff(bytes);
  if (!kind) throw new DomainError('unsupported_media_type', msg('branding.image.type', { field }));
  if (kind === 'svg' && !svgIsSafe(bytes.toString('utf8'))) throw new DomainError('invalid', msg('branding.svg.unsafe', { field }));
  const box = IMAGE_BOXES[field];
  let out: Buffer;
  try {
    const img = sharp(bytes, {
      limitInputPixels: MAX_INPUT_MEGAPIXELS * 1_000_000,
      failOn: 'error',
      pages: 1,
      ...(kind === 'svg' ? { density: 192 } : {}),
    });
    const meta = await img.metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    const pipeline = img
      .rotate()
      .resize({ width: box.width, height: box.height, fit: 'inside', withoutEnlargement: kind !== 'svg' })
      .toColourspace('srgb');
    out = kind === 'jpeg'
      ? await pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 88, chromaSubsampling: '4:4:4' }).toBuffer()
      : await pipeline.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new DomainError('payload_too_large', msg('branding.image.tooManyPixels', { field, max: MAX_INPUT_MEGAPIXELS }));
    }
    throw new DomainError('invalid', msg('branding.image.unreadable', { field }));
  }
  if (out.length > MAX_STORED_BYTES) throw new DomainError('payload_too_large', msg('branding.image.tooLarge', { field, max: MAX_STORED_BYTES / 1024 }));
  return { data: out, mime: kind === 'jpeg' ? 'image/jpeg' : 'image/png' };
}
