import { operations, request } from './index';
import type { IdentityProviderBody } from './index';

/** Single sign-on: routing by e-mail or organisation, linking, and the organisation's provider settings. */
export const ssoProvidersFor = (query: { email?: string; organizationId?: string }) => request(operations.ssoProviders, { query });
export const linkSsoIdentity = (token: string) => request(operations.ssoLink, { body: { token } });
export const ssoLogout = () => request(operations.ssoLogout);

export const identityProvidersKey = (orgId: string) => ['identity-providers', orgId] as const;
export const passwordSignInKey = (orgId: string) => ['password-sign-in', orgId] as const;
export const fetchIdentityProviders = (orgId: string) => request(operations.identityProviders, { params: { orgId } });
export const createIdentityProvider = (orgId: string, body: IdentityProviderBody) => request(operations.createIdentityProvider, { params: { orgId }, body });
export const updateIdentityProvider = (orgId: string, id: string, body: IdentityProviderBody) =>
  request(operations.updateIdentityProvider, { params: { orgId, id }, body });
export const deleteIdentityProvider = (orgId: string, id: string) => request(operations.deleteIdentityProvider, { params: { orgId, id } });
export const fetchPasswordSignIn = (orgId: string) => request(operations.passwordSignIn, { params: { orgId } });
export const setPasswordSignIn = (orgId: string, allowed: boolean) => request(operations.setPasswordSignIn, { params: { orgId }, body: { allowed } });
