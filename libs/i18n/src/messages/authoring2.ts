/**
 * Safe publishing's texts (issue 22 point 4), by key, in Kindling's four languages. Spread as
 * the last entry of each catalogue.
 */
export const authoring2Messages = {
  en: {
    'course.publish.videoTextMissing': 'lesson "{lesson}" has a video without a text alternative: add its transcript or description before publishing',
    'authoring.bank.drawTooLarge': 'quiz "{quiz}" draws {count} questions from the question bank, but the bank holds only {available}',
    'authoring.bank.drawTooLargeTag': 'quiz "{quiz}" draws {count} questions tagged "{tag}" from the question bank, but the bank holds only {available} with that tag',
    'authoring2.noNewerVersion': 'no newer version of the course is offered for this enrolment',
    'authoring2.quizInProgress': 'a quiz attempt is open: submit it before moving to the new version',
    'authoring2.learnersParam': 'learners must be "all" or "not-started"',
  },
  it: {
    'course.publish.videoTextMissing': 'la lezione "{lesson}" ha un video senza alternativa testuale: aggiungi la trascrizione o la descrizione prima di pubblicare',
    'authoring.bank.drawTooLarge': 'il quiz "{quiz}" estrae {count} domande dalla banca delle domande, ma la banca ne contiene solo {available}',
    'authoring.bank.drawTooLargeTag': 'il quiz "{quiz}" estrae {count} domande con l’etichetta "{tag}" dalla banca delle domande, ma la banca ne contiene solo {available} con questa etichetta',
    'authoring2.noNewerVersion': 'per questa iscrizione non è proposta nessuna versione più recente del corso',
    'authoring2.quizInProgress': 'un tentativo di quiz è aperto: invialo prima di passare alla nuova versione',
    'authoring2.learnersParam': 'learners deve essere "all" o "not-started"',
  },
  de: {
    'course.publish.videoTextMissing': 'die Lektion "{lesson}" hat ein Video ohne Textalternative: Fügen Sie vor dem Veröffentlichen das Transkript oder eine Beschreibung hinzu',
    'authoring.bank.drawTooLarge': 'das Quiz "{quiz}" zieht {count} Fragen aus dem Fragenpool, der Pool enthält aber nur {available}',
    'authoring.bank.drawTooLargeTag': 'das Quiz "{quiz}" zieht {count} Fragen mit dem Schlagwort "{tag}" aus dem Fragenpool, der Pool enthält aber nur {available} mit diesem Schlagwort',
    'authoring2.noNewerVersion': 'für diese Einschreibung wird keine neuere Version des Kurses angeboten',
    'authoring2.quizInProgress': 'ein Quizversuch ist offen: Geben Sie ihn ab, bevor Sie zur neuen Version wechseln',
    'authoring2.learnersParam': 'learners muss "all" oder "not-started" sein',
  },
  fr: {
    'course.publish.videoTextMissing': 'la leçon "{lesson}" a une vidéo sans alternative textuelle : ajoutez sa transcription ou sa description avant de publier',
    'authoring.bank.drawTooLarge': 'le quiz "{quiz}" tire {count} questions de la banque de questions, mais la banque n’en contient que {available}',
    'authoring.bank.drawTooLargeTag': 'le quiz "{quiz}" tire {count} questions avec l’étiquette "{tag}" de la banque de questions, mais la banque n’en contient que {available} avec cette étiquette',
    'authoring2.noNewerVersion': 'aucune version plus récente du cours n’est proposée pour cette inscription',
    'authoring2.quizInProgress': 'une tentative de quiz est ouverte : envoyez-la avant de passer à la nouvelle version',
    'authoring2.learnersParam': 'learners doit être "all" ou "not-started"',
  },
} as const;
