// The sign-in pages, loaded on demand as one chunk (see app/router.tsx).
export { InvitationPage } from './components/InvitationPage';
export { PupilSignInPage } from './components/PupilSignInPage';
export { ResetPasswordPage } from './components/ResetPasswordPage';
export { ResetRequestPage } from './components/ResetRequestPage';
export { SignInPage } from './components/SignInPage';
export { VerifyEmailPage } from './components/VerifyEmailPage';
