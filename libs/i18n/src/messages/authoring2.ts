/**
 * Safe publishing's texts (issue 22 point 4), by key, in Kindling's four languages. Spread as
 * the last entry of each catalogue.
 */
export const authoring2Messages = {
  en: {
    'authoring2.noNewerVersion': 'no newer version of the course is offered for this enrolment',
    'authoring2.quizInProgress': 'a quiz attempt is open: submit it before moving to the new version',
    'authoring2.learnersParam': 'learners must be "all" or "not-started"',
  },
  it: {
    'authoring2.noNewerVersion': 'per questa iscrizione non è proposta nessuna versione più recente del corso',
    'authoring2.quizInProgress': 'un tentativo di quiz è aperto: invialo prima di passare alla nuova versione',
    'authoring2.learnersParam': 'learners deve essere "all" o "not-started"',
  },
  de: {
    'authoring2.noNewerVersion': 'für diese Einschreibung wird keine neuere Version des Kurses angeboten',
    'authoring2.quizInProgress': 'ein Quizversuch ist offen: Geben Sie ihn ab, bevor Sie zur neuen Version wechseln',
    'authoring2.learnersParam': 'learners muss "all" oder "not-started" sein',
  },
  fr: {
    'authoring2.noNewerVersion': 'aucune version plus récente du cours n’est proposée pour cette inscription',
    'authoring2.quizInProgress': 'une tentative de quiz est ouverte : envoyez-la avant de passer à la nouvelle version',
    'authoring2.learnersParam': 'learners doit être "all" ou "not-started"',
  },
} as const;
