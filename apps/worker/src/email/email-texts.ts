import { EMAIL_VERIFICATION_TTL_HOURS, INVITATION_TTL_DAYS, PASSWORD_RESET_TTL_MINUTES } from '@kindling/domain';
import type { EmailKind } from '@kindling/queue';

/** What an e-mail says; the link is the only secret in it. English for now (the job carries the locale). */
export interface EmailFacts {
  kind: EmailKind;
  name: string;
  organizationName: string | null;
  link: string;
}

export const INVITATION_TTL_TEXT = `${INVITATION_TTL_DAYS} days`;
export const PASSWORD_RESET_TTL_TEXT = `${PASSWORD_RESET_TTL_MINUTES} minutes`;
export const EMAIL_VERIFICATION_TTL_TEXT = `${EMAIL_VERIFICATION_TTL_HOURS} hours`;

export function emailText(f: EmailFacts): { subject: string; text: string } {
  switch (f.kind) {
    case 'invitation': {
      const org = f.organizationName ?? 'Kindling';
      return {
        subject: `You are invited to ${org} on Kindling`,
        text:
          `Hello ${f.name},\n\n${org} invites you to take part in kindness courses on Kindling.\n` +
          `Choose your password and sign in here (the link works once, for ${INVITATION_TTL_TEXT}):\n\n${f.link}\n`,
      };
    }
    case 'password_reset':
      return {
        subject: 'Reset your Kindling password',
        text:
          `Hello ${f.name},\n\nSomeone (hopefully you) asked to reset the password of your Kindling account.\n` +
          `Choose a new password here (the link works once, for ${PASSWORD_RESET_TTL_TEXT}):\n\n${f.link}\n\n` +
          `If you did not ask for this, ignore this e-mail; your password stays as it is.\n`,
      };
    case 'email_verification':
      return {
        subject: 'Confirm your e-mail address for Kindling',
        text:
          `Hello ${f.name},\n\nPlease confirm that this e-mail address belongs to your new Kindling account.\n` +
          `Open this link (it works once, for ${EMAIL_VERIFICATION_TTL_TEXT}):\n\n${f.link}\n\n` +
          `If you did not create a Kindling account, ignore this e-mail.\n`,
      };
  }
}

/** The web page each link opens. */
export function linkPath(kind: EmailKind, token: string): string {
  switch (kind) {
    case 'invitation':
      return `/invitations/${token}`;
    case 'password_reset':
      return `/reset-password/${token}`;
    case 'email_verification':
      return `/verify-email/${token}`;
  }
}
