import { download, operations, request } from '../../../api';

export const myCertificatesKey = ['certificates', 'mine'] as const;

export const fetchMyCertificates = () => request(operations.myCertificates);
export const downloadCertificatePdf = (id: string, number: string) =>
  download(operations.certificatePdf, `${number}.pdf`, { params: { id } });
export const downloadCredential = (id: string, number: string) =>
  download(operations.certificateCredential, `${number}.credential.json`, { params: { id } });

/**
 * LinkedIn's documented "Add to profile" link for a certification
 * (https://addtoprofile.linkedin.com): name, issuing organisation, issue date, id and URL.
 */
export function linkedInUrl(c: { courseTitle: string; organization: string | null; issuedAt: string; number: string; verificationUrl: string }): string {
  const issued = new Date(c.issuedAt);
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: c.courseTitle,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    certId: c.number,
    certUrl: c.verificationUrl,
  });
  if (c.organization) params.set('organizationName', c.organization);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
export const verifyUrl = (code: string) => `${window.location.origin}/verify/${encodeURIComponent(code)}`;

export const myCertificateNameKey = ['certificates', 'name'] as const;
export const fetchMyCertificateName = () => request(operations.myCertificateName);
export const setMyCertificateName = (certificateName: string) =>
  request(operations.setCertificateName, { body: { certificateName } });
export const withdrawMyCertificateName = () => request(operations.withdrawCertificateName);

/** Everything Kindling holds about the signed-in person, as one ZIP archive (issue 18). */
export const downloadMyData = () => download(operations.exportMyData, 'kindling-data.zip');
