/**
 * Which column of a person's spreadsheet holds what. HR exports name their columns in the
 * office's language (`Vorname;Nachname;E-Mail`, `Cognome;Nome;Indirizzo e-mail`,
 * `Prénom;Nom;Courriel`); the proposal recognises the usual headers in en/it/de/fr and the
 * manager may correct it before anything is written.
 */

export const MAPPING_FIELDS = ['email', 'firstName', 'lastName', 'fullName', 'language', 'employeeNumber', 'group'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

/** Field → 0-based column index in the file. */
export type ColumnMapping = Partial<Record<MappingField, number>>;

/** Lower case, no accents, no spaces, dots, dashes or underscores: "E-Mail-Adresse" → "emailadresse". */
export const normaliseHeader = (header: string): string =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const HEADERS: Record<MappingField, string[]> = {
  email: [
    'email', 'mail', 'emailaddress', 'emailadresse', 'mailadresse', 'emailaddr', 'eposta', 'indirizzoemail', 'indirizzomail',
    'postaelettronica', 'courriel', 'adresseemail', 'adressemail', 'adressecourriel', 'adresseelectronique', 'emailpersonale',
    'emailaziendale', 'emailgeschaftlich', 'emailprofessionnel', 'workemail', 'businessemail',
  ],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'vorname', 'rufname', 'nome', 'prenom', 'prenoms'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'nachname', 'familienname', 'cognome', 'nomdefamille', 'nomdenaissance'],
  fullName: ['name', 'fullname', 'displayname', 'nomecompleto', 'nominativo', 'nomecognome', 'cognomenome', 'vollstandigername', 'vornameundname', 'nomcomplet', 'prenomnom', 'nomprenom', 'nom'],
  language: ['language', 'lang', 'locale', 'lingua', 'sprache', 'langue', 'korrespondenzsprache', 'linguadicorrispondenza', 'languedecorrespondance'],
  employeeNumber: [
    'employeenumber', 'employeeid', 'employeeno', 'staffnumber', 'staffid', 'personnelnumber', 'personalnummer', 'persnr', 'personalnr',
    'mitarbeiternummer', 'mitarbeiternr', 'matricola', 'numerodipendente', 'numeromatricola', 'matricule', 'numeroemploye', 'numerodemploye', 'numeropersonnel',
  ],
  group: [
    'class', 'ward', 'department', 'unit', 'team', 'group', 'klasse', 'station', 'abteilung', 'bereich', 'gruppe', 'classe', 'reparto',
    'sezione', 'gruppo', 'servizio', 'unita', 'service', 'unite', 'groupe', 'departement',
  ],
};

/** Proposes a mapping for a header row; each column is used at most once, e-mail first. */
export function proposeMapping(header: string[]): ColumnMapping {
  const normal = header.map(normaliseHeader);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const claim = (field: MappingField, accept: (h: string) => boolean): void => {
    if (mapping[field] !== undefined) return;
    const at = normal.findIndex((h, i) => !used.has(i) && h !== '' && accept(h));
    if (at >= 0) {
      mapping[field] = at;
      used.add(at);
    }
  };
  // Exact names first, in an order that settles the ambiguous ones: "Nome" is a first name in
  // Italian, "Nom" a last name in French once "Prénom" is there, "Name" a last name in German
  // when "Vorname" is there.
  for (const field of ['email', 'employeeNumber', 'language', 'group', 'firstName', 'lastName'] as const) {
    claim(field, (h) => HEADERS[field].includes(h));
  }
  if (mapping.firstName !== undefined && mapping.lastName === undefined) {
    claim('lastName', (h) => h === 'name' || h === 'nom');
  }
  claim('fullName', (h) => HEADERS.fullName.includes(h));
  // Then headers that merely contain a known word ("E-Mail Geschäft", "Work e-mail address").
  claim('email', (h) => h.includes('email') || h.includes('mail') || h.includes('courriel'));
  claim('employeeNumber', (h) => h.includes('personalnummer') || h.includes('matricol') || h.includes('employee') || h.includes('matricule'));
  return mapping;
}

/** Checks a mapping the manager sent against the number of columns in the file. */
export function mappingProblems(mapping: ColumnMapping, columns: number): { column: number; count: number } | null {
  for (const field of MAPPING_FIELDS) {
    const at = mapping[field];
    if (at !== undefined && (!Number.isInteger(at) || at < 0 || at >= columns)) return { column: Number(at) + 1, count: columns };
  }
  return null;
}
