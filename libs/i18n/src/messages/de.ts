import { ssoMessages } from './sso.js';
import { brandingMessages } from './branding.js';
import type { MessageKey } from './en.js';
import { editionsMessages } from './editions.js';
import { credentialsMessages } from './credentials.js';
import { errorsMessages } from './errors.js';
import { officeMessages } from './office.js';
import { validationMessages } from './validation.js';
import { office1Messages } from './office1.js';
import { authoring1Messages } from './authoring1.js';
import { office2Messages } from './office2.js';
import { office3Messages } from './office3.js';
import { authoring2Messages } from './authoring2.js';

export const de: Record<MessageKey, string> = {
  'email.greeting': 'Guten Tag {name},',
  'email.invitation.subject': '{organization} lädt Sie zu Kindling ein',
  'email.invitation.body': '{organization} lädt Sie ein, an Kursen über Freundlichkeit auf Kindling teilzunehmen.',
  'email.invitation.action': 'Wählen Sie hier Ihr Passwort und melden Sie sich an (der Link gilt einmal, {days} Tage lang):',
  'email.passwordReset.subject': 'Ihr Kindling-Passwort zurücksetzen',
  'email.passwordReset.body': 'Jemand (hoffentlich Sie) hat verlangt, das Passwort Ihres Kindling-Kontos zurückzusetzen.',
  'email.passwordReset.action': 'Wählen Sie hier ein neues Passwort (der Link gilt einmal, {minutes} Minuten lang):',
  'email.passwordReset.ignore': 'Wenn Sie das nicht verlangt haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.',
  'email.verification.subject': 'Bestätigen Sie Ihre E-Mail-Adresse für Kindling',
  'email.verification.body': 'Bitte bestätigen Sie, dass diese E-Mail-Adresse zu Ihrem neuen Kindling-Konto gehört.',
  'email.verification.action': 'Öffnen Sie diesen Link (er gilt einmal, {hours} Stunden lang):',
  'email.verification.ignore': 'Wenn Sie kein Kindling-Konto erstellt haben, ignorieren Sie diese E-Mail.',
  'course.publish.minTimeNone': 'ein akkreditierter Kurs mit {hours} h braucht eine Mindestlernzeit von mindestens {required} Minuten ({percent} % seiner Stunden); er hat keine: Legen Sie die Mindestlernzeit vor dem Veröffentlichen fest',
  'course.publish.minTimeShort': 'ein akkreditierter Kurs mit {hours} h braucht eine Mindestlernzeit von mindestens {required} Minuten ({percent} % seiner Stunden); er hat {have} Minuten: Legen Sie die Mindestlernzeit vor dem Veröffentlichen fest',
  ...ssoMessages.de,
  ...editionsMessages.de,
  ...credentialsMessages.de,
  ...brandingMessages.de,
  ...errorsMessages.de,
  ...officeMessages.de,
  ...validationMessages.de,
  ...office1Messages.de,
  ...authoring1Messages.de,
  ...office2Messages.de,
  ...office3Messages.de,
  ...authoring2Messages.de,
};
