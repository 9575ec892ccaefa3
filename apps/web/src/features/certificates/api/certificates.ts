import { download, operations, request } from '../../../api';

export const myCertificatesKey = ['certificates', 'mine'] as const;

export const fetchMyCertificates = () => request(operations.myCertificates);
export const downloadCertificatePdf = (id: string, number: string) =>
  download(operations.certificatePdf, `${number}.pdf`, { params: { id } });
export const verifyUrl = (code: string) => `${window.location.origin}/verify/${encodeURIComponent(code)}`;

export const myCertificateNameKey = ['certificates', 'name'] as const;
export const fetchMyCertificateName = () => request(operations.myCertificateName);
export const setMyCertificateName = (certificateName: string) =>
  request(operations.setCertificateName, { body: { certificateName } });
export const withdrawMyCertificateName = () => request(operations.withdrawCertificateName);
