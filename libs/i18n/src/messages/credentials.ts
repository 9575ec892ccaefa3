/** Texts of signed credentials (issue #16): the achievement's criteria, and API errors. */
export const credentialsMessages = {
  en: {
    'credentials.criteria': 'Completed every required lesson and passed every quiz of the course “{course}”, as recorded by Kindling.',
    'credentials.notFound': 'this certificate has no signed credential yet: it was issued before credentials were signed, or is still being issued',
    'credentials.issuerNotFound': 'no issuer with this id',
    'credentials.statusListNotFound': 'this issuer has not published a status list yet',
    'credentials.bodyNotObject': 'the body must be a credential: a JSON object',
  },
  it: {
    'credentials.criteria': 'Ha completato tutte le lezioni obbligatorie e superato tutti i quiz del corso «{course}», come registrato da Kindling.',
    'credentials.notFound': 'questo attestato non ha ancora una credenziale firmata: è stato rilasciato prima che le credenziali venissero firmate, oppure è ancora in corso di rilascio',
    'credentials.issuerNotFound': 'nessun emittente con questo identificativo',
    'credentials.statusListNotFound': 'questo emittente non ha ancora pubblicato un elenco di stato',
    'credentials.bodyNotObject': 'il corpo deve essere una credenziale: un oggetto JSON',
  },
  de: {
    'credentials.criteria': 'Hat alle Pflichtlektionen abgeschlossen und alle Quiz des Kurses «{course}» bestanden, wie von Kindling festgehalten.',
    'credentials.notFound': 'Dieses Zertifikat hat noch keinen signierten Nachweis: Es wurde ausgestellt, bevor Nachweise signiert wurden, oder wird gerade ausgestellt',
    'credentials.issuerNotFound': 'Kein Aussteller mit dieser Kennung',
    'credentials.statusListNotFound': 'Dieser Aussteller hat noch keine Statusliste veröffentlicht',
    'credentials.bodyNotObject': 'Der Inhalt muss ein Nachweis sein: ein JSON-Objekt',
  },
  fr: {
    'credentials.criteria': 'A terminé toutes les leçons obligatoires et réussi tous les quiz du cours « {course} », tel qu’enregistré par Kindling.',
    'credentials.notFound': 'ce certificat n’a pas encore d’attestation signée : il a été délivré avant la signature des attestations, ou sa délivrance est en cours',
    'credentials.issuerNotFound': 'aucun émetteur avec cet identifiant',
    'credentials.statusListNotFound': 'cet émetteur n’a pas encore publié de liste de statut',
    'credentials.bodyNotObject': 'le corps doit être une attestation : un objet JSON',
  },
} as const;
