/**
 * Why an external sign-in ended without a session, protocol-neutral; each has a page text
 * (`sso.page.<reason>` in libs/i18n/src/messages/sso.ts). Never carries a stack or a secret.
 */
export type SignInFailureReason =
  | 'denied'
  | 'expired'
  | 'state'
  | 'issuer'
  | 'clock'
  | 'unreachable'
  | 'domain'
  | 'unverified'
  | 'noEmail'
  | 'pupil'
  | 'failed';

export class SignInFailure extends Error {
  constructor(
    readonly reason: SignInFailureReason,
    readonly params: { provider?: string; email?: string } = {},
    detail?: string,
  ) {
    super(detail ?? reason);
  }
}

/** What a provider asserted about the person after a completed sign-in, whatever the protocol. */
export interface AssertedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  employeeNumber: string | null;
  groups: string[];
  /** Kindling's session may not outlive this (the provider's session or its token). */
  sessionExpiresAt: Date;
  /** What RP-initiated logout needs later (an ID token hint), or null. */
  logoutHint: string | null;
  /** The provider's refresh token (offline_access), used to check at Kindling refresh time that the person may still sign in. */
  providerRefreshToken: string | null;
}
