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

export const fr: Record<MessageKey, string> = {
  'email.greeting': 'Bonjour {name},',
  'email.invitation.subject': '{organization} vous invite sur Kindling',
  'email.invitation.body': '{organization} vous invite à suivre des cours sur la bienveillance sur Kindling.',
  'email.invitation.action': 'Choisissez votre mot de passe et connectez-vous ici (le lien fonctionne une seule fois, pendant {days} jours) :',
  'email.passwordReset.subject': 'Réinitialiser votre mot de passe Kindling',
  'email.passwordReset.body': 'Quelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte Kindling.',
  'email.passwordReset.action': 'Choisissez un nouveau mot de passe ici (le lien fonctionne une seule fois, pendant {minutes} minutes) :',
  'email.passwordReset.ignore': 'Si vous n’avez rien demandé, ignorez cet e-mail ; votre mot de passe reste inchangé.',
  'email.verification.subject': 'Confirmez votre adresse e-mail pour Kindling',
  'email.verification.body': 'Veuillez confirmer que cette adresse e-mail appartient à votre nouveau compte Kindling.',
  'email.verification.action': 'Ouvrez ce lien (il fonctionne une seule fois, pendant {hours} heures) :',
  'email.verification.ignore': 'Si vous n’avez pas créé de compte Kindling, ignorez cet e-mail.',
  'course.publish.minTimeNone': 'une formation accréditée de {hours} h exige un temps d\'apprentissage minimum d\'au moins {required} minutes ({percent} % de ses heures) ; elle n\'en a aucun : définissez le temps d\'apprentissage minimum avant de publier',
  'course.publish.minTimeShort': 'une formation accréditée de {hours} h exige un temps d\'apprentissage minimum d\'au moins {required} minutes ({percent} % de ses heures) ; elle en a {have} minutes : définissez le temps d\'apprentissage minimum avant de publier',
  ...ssoMessages.fr,
  ...editionsMessages.fr,
  ...credentialsMessages.fr,
  ...brandingMessages.fr,
  ...errorsMessages.fr,
  ...officeMessages.fr,
  ...validationMessages.fr,
  ...office1Messages.fr,
  ...authoring1Messages.fr,
  ...office2Messages.fr,
  ...office3Messages.fr,
  ...authoring2Messages.fr,
};
