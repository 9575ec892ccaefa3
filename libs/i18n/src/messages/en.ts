import { ssoMessages } from './sso.js';
import { credentialsMessages } from './credentials.js';
import { brandingMessages } from './branding.js';

import { errorsMessages } from './errors.js';
import { officeMessages } from './office.js';
import { validationMessages } from './validation.js';
import { office1Messages } from './office1.js';
import { office2Messages } from './office2.js';
import { office3Messages } from './office3.js';

/**
 * Kindling's server-side texts that reach people (e-mails first; errors, CSV line errors, PDF
 * labels and audit sentences follow), by key. English is the reference catalogue: every other
 * language must have exactly these keys (tested), with the same {parameters}.
 */
import { editionsMessages } from './editions.js';
import { authoring1Messages } from './authoring1.js';
import { authoring2Messages } from './authoring2.js';
export const en = {
  'email.greeting': 'Hello {name},',
  'email.invitation.subject': 'You are invited to {organization} on Kindling',
  'email.invitation.body': '{organization} invites you to take part in kindness courses on Kindling.',
  'email.invitation.action': 'Choose your password and sign in here (the link works once, for {days} days):',
  'email.passwordReset.subject': 'Reset your Kindling password',
  'email.passwordReset.body': 'Someone (hopefully you) asked to reset the password of your Kindling account.',
  'email.passwordReset.action': 'Choose a new password here (the link works once, for {minutes} minutes):',
  'email.passwordReset.ignore': 'If you did not ask for this, ignore this e-mail; your password stays as it is.',
  'email.verification.subject': 'Confirm your e-mail address for Kindling',
  'email.verification.body': 'Please confirm that this e-mail address belongs to your new Kindling account.',
  'email.verification.action': 'Open this link (it works once, for {hours} hours):',
  'email.verification.ignore': 'If you did not create a Kindling account, ignore this e-mail.',
  'course.publish.minTimeNone': 'an accredited course of {hours} h needs a minimum learning time of at least {required} minutes ({percent} % of its hours); it has none: set the minimum learning time before publishing',
  'course.publish.minTimeShort': 'an accredited course of {hours} h needs a minimum learning time of at least {required} minutes ({percent} % of its hours); it has {have} minutes: set the minimum learning time before publishing',
  ...ssoMessages.en,
  ...editionsMessages.en,
  ...credentialsMessages.en,
  ...brandingMessages.en,
  ...errorsMessages.en,
  ...officeMessages.en,
  ...validationMessages.en,
  ...office1Messages.en,
  ...authoring1Messages.en,
  ...office2Messages.en,
  ...office3Messages.en,
  ...authoring2Messages.en,
} as const;

export type MessageKey = keyof typeof en;
