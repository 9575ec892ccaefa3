import { operations, request } from '../../../api';

export const verifyKey = (code: string) => ['verify', code] as const;
export const fetchVerification = (code: string) => request(operations.verify, { params: { code } });
