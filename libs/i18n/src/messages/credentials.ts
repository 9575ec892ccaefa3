/** Texts of signed credentials (issue #16): the achievement's criteria, and API errors. */
export const credentialsMessages = {
  en: {
    'credentials.criteria': 'Completed every required lesson and passed every quiz of the course “{course}”, as recorded by Kindling.',
    'credentials.notFound': 'this certificate has no signed credential yet: it was issued before credentials were signed, or is still being issued',
    'credentials.issuerNotFound': 'no issuer with this id',
    'credentials.statusListNotFound': 'this issuer has not published a status list yet',
    'credentials.bodyNotObject': 'the body must be a credential: a JSON object',
    'credentials.personName.directionControls': '{field} contains invisible text-direction controls (such as a right-to-left override) that change how the name reads; type the name again without them',
    'credentials.verify.numberLimit': 'too many look-ups by certificate number from this address; the QR code or the link printed on the certificate can always be checked',
  },
  it: {
    'credentials.criteria': 'Ha completato tutte le lezioni obbligatorie e superato tutti i quiz del corso «{course}», come registrato da Kindling.',
    'credentials.notFound': 'questo attestato non ha ancora una credenziale firmata: è stato rilasciato prima che le credenziali venissero firmate, oppure è ancora in corso di rilascio',
    'credentials.issuerNotFound': 'nessun emittente con questo identificativo',
    'credentials.statusListNotFound': 'questo emittente non ha ancora pubblicato un elenco di stato',
    'credentials.bodyNotObject': 'il corpo deve essere una credenziale: un oggetto JSON',
    'credentials.personName.directionControls': '{field} contiene caratteri invisibili di direzione del testo (come un’inversione da destra a sinistra) che cambiano il modo in cui si legge il nome; scrivi di nuovo il nome senza questi caratteri',
    'credentials.verify.numberLimit': 'troppe ricerche per numero di attestato da questo indirizzo; il codice QR o il link stampato sull’attestato si possono sempre verificare',
  },
  de: {
    'credentials.criteria': 'Hat alle Pflichtlektionen abgeschlossen und alle Quiz des Kurses «{course}» bestanden, wie von Kindling festgehalten.',
    'credentials.notFound': 'Dieses Zertifikat hat noch keinen signierten Nachweis: Es wurde ausgestellt, bevor Nachweise signiert wurden, oder wird gerade ausgestellt',
    'credentials.issuerNotFound': 'Kein Aussteller mit dieser Kennung',
    'credentials.statusListNotFound': 'Dieser Aussteller hat noch keine Statusliste veröffentlicht',
    'credentials.bodyNotObject': 'Der Inhalt muss ein Nachweis sein: ein JSON-Objekt',
    'credentials.personName.directionControls': '{field} enthält unsichtbare Steuerzeichen für die Schreibrichtung (etwa eine erzwungene Rechts-nach-links-Richtung), die verändern, wie der Name gelesen wird; geben Sie den Namen ohne diese Zeichen noch einmal ein',
    'credentials.verify.numberLimit': 'zu viele Abfragen nach Zertifikatsnummer von dieser Adresse; der QR-Code oder der Link auf dem Zertifikat lässt sich jederzeit prüfen',
  },
  fr: {
    'credentials.criteria': 'A terminé toutes les leçons obligatoires et réussi tous les quiz du cours « {course} », tel qu’enregistré par Kindling.',
    'credentials.notFound': 'ce certificat n’a pas encore d’attestation signée : il a été délivré avant la signature des attestations, ou sa délivrance est en cours',
    'credentials.issuerNotFound': 'aucun émetteur avec cet identifiant',
    'credentials.statusListNotFound': 'cet émetteur n’a pas encore publié de liste de statut',
    'credentials.bodyNotObject': 'le corps doit être une attestation : un objet JSON',
    'credentials.personName.directionControls': '{field} contient des caractères invisibles de direction du texte (comme un forçage de droite à gauche) qui changent la lecture du nom ; saisissez à nouveau le nom sans eux',
    'credentials.verify.numberLimit': 'trop de recherches par numéro de certificat depuis cette adresse ; le code QR ou le lien imprimé sur le certificat peut toujours être vérifié',
  },
} as const;
