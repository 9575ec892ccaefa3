import { isApiError, operations, request } from './index';
import type {
  AcceptInvitationBody,
  LoginBody,
  Me,
  PasswordResetBody,
  PasswordResetRequestBody,
  PupilLoginBody,
  UpdateMeBody,
} from './index';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when there is no session (after one refresh attempt). */
/** The API sets a readable `kindling_session` hint beside its httpOnly session cookies. */
const hasSessionHint = () => document.cookie.split('; ').some((c) => c.startsWith('kindling_session='));

export async function fetchMe(): Promise<Me | null> {
  // Anonymous visitors are not sent to /api/me only to be told 401.
  if (!hasSessionHint()) return null;
  try {
    return await request(operations.getMe);
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export const signIn = (body: LoginBody) => request(operations.login, { body });
export const pupilSignIn = (body: PupilLoginBody) => request(operations.pupilLogin, { body });
export const signOut = () => request(operations.logout);
export const acceptInvitation = (token: string, body: AcceptInvitationBody) =>
  request(operations.acceptInvitation, { params: { token }, body });
export const requestPasswordReset = (body: PasswordResetRequestBody) =>
  request(operations.requestPasswordReset, { body });
export const resetPassword = (token: string, body: PasswordResetBody) =>
  request(operations.resetPassword, { params: { token }, body });
export const updateMe = (body: UpdateMeBody) => request(operations.updateMe, { body });
export const confirmEmail = (token: string) => request(operations.confirmEmail, { params: { token } });
