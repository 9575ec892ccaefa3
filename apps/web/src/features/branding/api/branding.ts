import { operations, request } from '../../../api';

export const brandingKey = (orgId: string) => ['branding', orgId] as const;

export const fetchBranding = (orgId: string) => request(operations.getBranding, { params: { orgId } });

export interface BrandingChange {
  accentColor?: string | null;
  signatoryName?: string | null;
  signatoryTitle?: string | null;
  logo?: string | null;
  signatureImage?: string | null;
  contactEmail?: string | null;
  websiteUrl?: string | null;
}

export const saveBranding = (orgId: string, body: BrandingChange) => request(operations.updateBranding, { params: { orgId }, body });

/** Reads a chosen file as a data URL (the API sniffs and re-encodes it). */
export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
