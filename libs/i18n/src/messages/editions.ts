/** Messages of course language editions (issue #17 point 2). */
export const editionsMessages = {
  en: {
    'editions.defaultLocale': 'the course is written in {locale}: edit its texts in the course itself; editions are for the other languages',
    'editions.unknownItems': '{count} of the items sent are not in this course: use the ids from GET /api/courses/:id?version=draft',
    'editions.questionCount': 'quiz "{quiz}" has {expected} questions; the edition sends {given}',
    'editions.optionCount': 'quiz "{quiz}", question {question}: it has {expected} options; the edition sends {given}',
    'editions.bankQuestionCount': 'the question bank has {expected} questions; the edition sends {given}',
    'editions.bankOptionCount': 'question bank, question {question}: it has {expected} options; the edition sends {given}',
  },
  it: {
    'editions.defaultLocale': 'il corso è scritto in {locale}: modifica i suoi testi nel corso stesso; le edizioni servono per le altre lingue',
    'editions.unknownItems': '{count} degli elementi inviati non fanno parte di questo corso: usa gli id di GET /api/courses/:id?version=draft',
    'editions.questionCount': 'il quiz "{quiz}" ha {expected} domande; l\'edizione ne invia {given}',
    'editions.optionCount': 'quiz "{quiz}", domanda {question}: ha {expected} opzioni; l\'edizione ne invia {given}',
    'editions.bankQuestionCount': 'la banca delle domande ha {expected} domande; l\'edizione ne invia {given}',
    'editions.bankOptionCount': 'banca delle domande, domanda {question}: ha {expected} opzioni; l\'edizione ne invia {given}',
  },
  de: {
    'editions.defaultLocale': 'der Kurs ist in {locale} geschrieben: seine Texte werden im Kurs selbst bearbeitet; Ausgaben sind für die anderen Sprachen',
    'editions.unknownItems': '{count} der gesendeten Elemente gehören nicht zu diesem Kurs: verwende die IDs aus GET /api/courses/:id?version=draft',
    'editions.questionCount': 'das Quiz «{quiz}» hat {expected} Fragen; die Ausgabe sendet {given}',
    'editions.optionCount': 'Quiz «{quiz}», Frage {question}: sie hat {expected} Antworten; die Ausgabe sendet {given}',
    'editions.bankQuestionCount': 'der Fragenpool hat {expected} Fragen; die Ausgabe sendet {given}',
    'editions.bankOptionCount': 'Fragenpool, Frage {question}: sie hat {expected} Antworten; die Ausgabe sendet {given}',
  },
  fr: {
    'editions.defaultLocale': 'le cours est rédigé en {locale} : modifiez ses textes dans le cours lui-même ; les éditions servent aux autres langues',
    'editions.unknownItems': '{count} des éléments envoyés ne font pas partie de ce cours : utilisez les identifiants de GET /api/courses/:id?version=draft',
    'editions.questionCount': 'le quiz « {quiz} » a {expected} questions ; l\'édition en envoie {given}',
    'editions.optionCount': 'quiz « {quiz} », question {question} : elle a {expected} options ; l\'édition en envoie {given}',
    'editions.bankQuestionCount': 'la banque de questions a {expected} questions ; l\'édition en envoie {given}',
    'editions.bankOptionCount': 'banque de questions, question {question} : elle a {expected} options ; l\'édition en envoie {given}',
  },
} as const;
