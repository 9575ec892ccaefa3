import { download, operations, request } from '../../../api';

export const myCertificatesKey = ['certificates', 'mine'] as const;

export const fetchMyCertificates = () => request(operations.myCertificates);
export const downloadCertificatePdf = (id: string, number: string) =>
  download(operations.certificatePdf, `${number}.pdf`, { params: { id } });
export const verifyUrl = (code: string) => `${window.location.origin}/verify/${encodeURIComponent(code)}`;
