/**
 * The training office's texts for renewal rounds and the employee number and class/ward kept on
 * a membership (issue 18, points 1 and 3), by key, in Kindling's four languages. Spread as an
 * entry of each catalogue.
 */
export const office3Messages = {
  en: {
    'office3.renewal.subject': 'Time to renew your certificate: {course}',
    'office3.renewal.body':
      'Your certificate for the course "{course}" of {organization} expires on {date}. So that you can renew it, you have been enrolled in the course again: please complete it by {date} to receive a new certificate.',
    'office3.renewal.action': 'Start the course here:',
    'office3.line.employeeNumberNotString': 'employee number must be a string',
    'office3.line.unitNotString': 'class/ward must be a string',
    'office3.line.employeeNumberTooLong': 'employee number is too long ({length} characters; at most {max})',
    'office3.line.unitTooLong': 'class/ward is too long ({length} characters; at most {max})',
    'office3.field.employeeNumberTooLong': '{field}: the employee number is too long ({length} characters; at most {max})',
    'office3.field.unitTooLong': '{field}: the class/ward is too long ({length} characters; at most {max})',
    'office3.export.employeeNumber': 'Employee number',
    'office3.export.unit': 'Class/ward',
  },
  it: {
    'office3.renewal.subject': 'È ora di rinnovare il tuo attestato: {course}',
    'office3.renewal.body':
      'Il tuo attestato per il corso "{course}" di {organization} scade il {date}. Per permetterti di rinnovarlo, sei stato iscritto di nuovo al corso: completalo entro il {date} per ricevere un nuovo attestato.',
    'office3.renewal.action': 'Inizia il corso qui:',
    'office3.line.employeeNumberNotString': 'il numero di matricola deve essere un testo',
    'office3.line.unitNotString': 'la classe/il reparto deve essere un testo',
    'office3.line.employeeNumberTooLong': 'il numero di matricola è troppo lungo ({length} caratteri; al massimo {max})',
    'office3.line.unitTooLong': 'la classe/il reparto è troppo lungo ({length} caratteri; al massimo {max})',
    'office3.field.employeeNumberTooLong': '{field}: il numero di matricola è troppo lungo ({length} caratteri; al massimo {max})',
    'office3.field.unitTooLong': '{field}: la classe/il reparto è troppo lungo ({length} caratteri; al massimo {max})',
    'office3.export.employeeNumber': 'Numero di matricola',
    'office3.export.unit': 'Classe/reparto',
  },
  de: {
    'office3.renewal.subject': 'Zeit, Ihr Zertifikat zu erneuern: {course}',
    'office3.renewal.body':
      'Ihr Zertifikat für den Kurs «{course}» von {organization} läuft am {date} ab. Damit Sie es erneuern können, wurden Sie erneut in den Kurs eingeschrieben: Bitte schliessen Sie ihn bis zum {date} ab, um ein neues Zertifikat zu erhalten.',
    'office3.renewal.action': 'Hier beginnen Sie den Kurs:',
    'office3.line.employeeNumberNotString': 'die Personalnummer muss ein Text sein',
    'office3.line.unitNotString': 'Klasse/Station muss ein Text sein',
    'office3.line.employeeNumberTooLong': 'die Personalnummer ist zu lang ({length} Zeichen; höchstens {max})',
    'office3.line.unitTooLong': 'Klasse/Station ist zu lang ({length} Zeichen; höchstens {max})',
    'office3.field.employeeNumberTooLong': '{field}: Die Personalnummer ist zu lang ({length} Zeichen; höchstens {max})',
    'office3.field.unitTooLong': '{field}: Klasse/Station ist zu lang ({length} Zeichen; höchstens {max})',
    'office3.export.employeeNumber': 'Personalnummer',
    'office3.export.unit': 'Klasse/Station',
  },
  fr: {
    'office3.renewal.subject': 'Il est temps de renouveler votre certificat : {course}',
    'office3.renewal.body':
      'Votre certificat pour le cours « {course} » de {organization} expire le {date}. Pour que vous puissiez le renouveler, vous avez été inscrit·e à nouveau au cours : veuillez le terminer d’ici le {date} pour recevoir un nouveau certificat.',
    'office3.renewal.action': 'Commencez le cours ici :',
    'office3.line.employeeNumberNotString': 'le matricule doit être un texte',
    'office3.line.unitNotString': 'la classe/le service doit être un texte',
    'office3.line.employeeNumberTooLong': 'le matricule est trop long ({length} caractères ; au plus {max})',
    'office3.line.unitTooLong': 'la classe/le service est trop long ({length} caractères ; au plus {max})',
    'office3.field.employeeNumberTooLong': '{field} : le matricule est trop long ({length} caractères ; au plus {max})',
    'office3.field.unitTooLong': '{field} : la classe/le service est trop long ({length} caractères ; au plus {max})',
    'office3.export.employeeNumber': 'Matricule',
    'office3.export.unit': 'Classe/service',
  },
};
