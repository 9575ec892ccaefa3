import { EMAIL_VERIFICATION_TTL_HOURS, INVITATION_TTL_DAYS, type Locale, PASSWORD_RESET_TTL_MINUTES } from '@kindling/domain';
import { translate } from '@kindling/i18n';
import type { EmailKind } from '@kindling/queue';

/** What an e-mail says, in the recipient's language; the link is the only secret in it. */
export interface EmailFacts {
  kind: EmailKind;
  name: string;
  organizationName: string | null;
  link: string;
  /** The recipient's language (the job carries it); English when absent. */
  locale?: Locale;
}

export function emailText(f: EmailFacts): { subject: string; text: string } {
  const locale = f.locale ?? 'en';
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) => translate(locale, key, params);
  const hello = t('email.greeting', { name: f.name });
  switch (f.kind) {
    case 'invitation': {
      const organization = f.organizationName ?? 'Kindling';
      return {
        subject: t('email.invitation.subject', { organization }),
        text: `${hello}\n\n${t('email.invitation.body', { organization })}\n${t('email.invitation.action', { days: INVITATION_TTL_DAYS })}\n\n${f.link}\n`,
      };
    }
    case 'password_reset':
      return {
        subject: t('email.passwordReset.subject'),
        text:
          `${hello}\n\n${t('email.passwordReset.body')}\n${t('email.passwordReset.action', { minutes: PASSWORD_RESET_TTL_MINUTES })}\n\n${f.link}\n\n` +
          `${t('email.passwordReset.ignore')}\n`,
      };
    case 'email_verification':
      return {
        subject: t('email.verification.subject'),
        text:
          `${hello}\n\n${t('email.verification.body')}\n${t('email.verification.action', { hours: EMAIL_VERIFICATION_TTL_HOURS })}\n\n${f.link}\n\n` +
          `${t('email.verification.ignore')}\n`,
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
