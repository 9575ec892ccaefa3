// The one API client of the web app: operations typed by the generated OpenAPI schema
// (schema.gen.ts, `npm run gen:api`), one openapi-fetch wrapper, one error type.
export { ApiError, download, isApiError, request, setSessionLostHandler } from './client';
export type { Query } from './client';
export { apiOperations, operations } from './operations';
export type * from './types';
