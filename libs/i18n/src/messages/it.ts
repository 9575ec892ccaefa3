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

export const it: Record<MessageKey, string> = {
  'email.greeting': 'Gentile {name},',
  'email.invitation.subject': '{organization} ti invita su Kindling',
  'email.invitation.body': '{organization} ti invita a partecipare ai corsi sulla gentilezza su Kindling.',
  'email.invitation.action': 'Scegli la tua password e accedi qui (il link funziona una sola volta, per {days} giorni):',
  'email.passwordReset.subject': 'Reimposta la tua password di Kindling',
  'email.passwordReset.body': 'Qualcuno (speriamo tu) ha chiesto di reimpostare la password del tuo account Kindling.',
  'email.passwordReset.action': 'Scegli una nuova password qui (il link funziona una sola volta, per {minutes} minuti):',
  'email.passwordReset.ignore': 'Se non sei stato tu a chiederlo, ignora questa e-mail: la tua password resta invariata.',
  'email.verification.subject': 'Conferma il tuo indirizzo e-mail per Kindling',
  'email.verification.body': 'Conferma che questo indirizzo e-mail appartiene al tuo nuovo account Kindling.',
  'email.verification.action': 'Apri questo link (funziona una sola volta, per {hours} ore):',
  'email.verification.ignore': 'Se non hai creato un account Kindling, ignora questa e-mail.',
  'course.publish.minTimeNone': 'un corso accreditato di {hours} h richiede un tempo minimo di studio di almeno {required} minuti ({percent} % delle sue ore); non ne ha: imposta il tempo minimo di studio prima di pubblicare',
  'course.publish.minTimeShort': 'un corso accreditato di {hours} h richiede un tempo minimo di studio di almeno {required} minuti ({percent} % delle sue ore); ne ha {have} minuti: imposta il tempo minimo di studio prima di pubblicare',
  ...ssoMessages.it,
  ...editionsMessages.it,
  ...credentialsMessages.it,
  ...brandingMessages.it,
  ...errorsMessages.it,
  ...officeMessages.it,
  ...validationMessages.it,
  ...office1Messages.it,
  ...authoring1Messages.it,
  ...office2Messages.it,
  ...office3Messages.it,
  ...authoring2Messages.it,
};
