// The one API client of the web app: typed operations, one fetch wrapper, one error type.
export { ApiError, buildUrl, download, isApiError, request, setSessionLostHandler } from './client';
export type { Query } from './client';
export { apiOperations, operations } from './operations';
export type * from './types';
