/**
 * The training office's people texts (user directory, data-subject requests, erasure), by key,
 * in Kindling's four languages. Spread as an entry of each catalogue.
 */
export const office2Messages = {
  en: {
    'office2.erasure.self': 'you cannot erase your own account; ask another admin',
    'office2.country.unknown': '"{code}" is not an ISO 3166 country code (Switzerland is CH, Italy IT, Germany DE, France FR)',
    'office2.certificate.holderErased': 'the holder’s data of certificate {number} was erased: the certificate still verifies, but its PDF is no longer kept',
  },
  it: {
    'office2.erasure.self': 'non può cancellare il proprio account; lo chieda a un altro amministratore',
    'office2.country.unknown': '«{code}» non è un codice paese ISO 3166 (la Svizzera è CH, l’Italia IT, la Germania DE, la Francia FR)',
    'office2.certificate.holderErased': 'i dati del titolare del certificato {number} sono stati cancellati: il certificato resta verificabile, ma il PDF non è più conservato',
  },
  de: {
    'office2.erasure.self': 'Sie können Ihr eigenes Konto nicht löschen; bitten Sie eine andere Administratorin oder einen anderen Administrator',
    'office2.country.unknown': '«{code}» ist kein ISO-3166-Ländercode (die Schweiz ist CH, Italien IT, Deutschland DE, Frankreich FR)',
    'office2.certificate.holderErased': 'Die Daten der Inhaberin bzw. des Inhabers von Zertifikat {number} wurden gelöscht: Das Zertifikat bleibt überprüfbar, das PDF wird aber nicht mehr aufbewahrt',
  },
  fr: {
    'office2.erasure.self': 'vous ne pouvez pas effacer votre propre compte ; demandez-le à un autre administrateur',
    'office2.country.unknown': '« {code} » n’est pas un code de pays ISO 3166 (la Suisse est CH, l’Italie IT, l’Allemagne DE, la France FR)',
    'office2.certificate.holderErased': 'les données du titulaire du certificat {number} ont été effacées : le certificat reste vérifiable, mais son PDF n’est plus conservé',
  },
};
