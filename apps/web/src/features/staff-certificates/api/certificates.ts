import { operations, request } from '../../../api';

export const CERTIFICATES_PAGE_SIZE = 25;

export const orgCertificatesKey = (orgId: string, q: string, page: number) => ['org-certificates', orgId, q, page] as const;
export const searchCertificates = (orgId: string, q: string, page: number) =>
  request(operations.orgCertificates, { params: { orgId }, query: { q, page, pageSize: CERTIFICATES_PAGE_SIZE } });
export const revokeCertificate = (id: string, reason: string) =>
  request(operations.revokeCertificate, { params: { id }, body: { reason } });
export const reissueCertificate = (id: string, holderName: string) =>
  request(operations.reissueCertificate, { params: { id }, body: { holderName } });
