import { operations, request } from '../../../api';

export const CERTIFICATES_PAGE_SIZE = 25;

export const orgCertificatesKey = (orgId: string, q: string, page: number) => ['org-certificates', orgId, q, page] as const;
export const searchCertificates = (orgId: string, q: string, page: number) =>
  request(operations.orgCertificates, { params: { orgId }, query: { q, page, pageSize: CERTIFICATES_PAGE_SIZE } });
export const revokeCertificate = (id: string, reason: string) =>
  request(operations.revokeCertificate, { params: { id }, body: { reason } });
export const reissueCertificate = (id: string, reason: string) =>
  request(operations.reissueCertificate, { params: { id }, body: { reason } });

export const nameRequestsKey = (orgId: string) => ['certificate-name-requests', orgId] as const;
export const fetchNameRequests = (orgId: string) => request(operations.certificateNameRequests, { params: { orgId } });
export const approveNameRequest = (orgId: string, requestId: string) =>
  request(operations.approveCertificateName, { params: { orgId, requestId } });
export const rejectNameRequest = (orgId: string, requestId: string, note: string) =>
  request(operations.rejectCertificateName, { params: { orgId, requestId }, body: note ? { note } : {} });
