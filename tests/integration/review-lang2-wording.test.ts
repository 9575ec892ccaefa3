import { beforeAll, describe, expect, it } from '@jest/globals';
import { demoCourseFr, kindlingInstrument } from '@kindling/content';
import type { DigestDeliveryRow, ReminderDeliveryRow } from '@kindling/db';
import { CATALOGUES, type MessageKey, translate, translateMessage } from '@kindling/i18n';
import i18next from 'i18next';
import { digestText } from '../../apps/worker/src/reminders/send-manager-digest.handler.js';
import { reminderText } from '../../apps/worker/src/reminders/send-reminder.handler.js';
import { type CatalogueTree, flatCatalogue, webCatalogue } from '../support/web-locales.js';

/**
 * Second language review: dates after an article, one rule for number and date formats, French
 * spaces that do not break, one kind of German quotes, Italian "attestato" in the audit log, and
 * the server's specific message shown with the web app's generic one.
 */
// The web app's modules are typed for the browser (its own tsconfig, with the DOM): loaded by
// path at run time, like web-api-client.test.ts, so they do not enter this program's types.
interface WebFormatters {
  date(value: string): string;
  number(value: number): string;
}
let createFormatters: (language: string) => WebFormatters;
let typographyPostProcessor: { type: 'postProcessor'; name: string; process(value: string, key: string | string[], options: object, translator: object): string };
beforeAll(async () => {
  const formatPath = '../../apps/web/src/i18n/format.js';
  const typographyPath = '../../apps/web/src/i18n/typography.js';
  ({ createFormatters } = (await import(formatPath)) as { createFormatters: typeof createFormatters });
  ({ typographyPostProcessor } = (await import(typographyPath)) as { typographyPostProcessor: typeof typographyPostProcessor });
});

const web = webCatalogue;
const flat = (node: CatalogueTree) => flatCatalogue(node);
async function webT(locale: string) {
  const instance = i18next.createInstance();
  await instance.use(typographyPostProcessor).init({
    lng: locale,
    resources: { [locale]: { translation: web(locale) } },
    interpolation: { escapeValue: false },
    postProcess: ['typography'],
  });
  return instance.t.bind(instance) as (key: string, params?: Record<string, unknown>) => string;
}
/** Filler for every parameter of a server message. */
const filler = (key: MessageKey, date: string) =>
  Object.fromEntries([...CATALOGUES.en[key].matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, m[1] === 'date' ? date : 'X']));

const reminder = (over: Partial<ReminderDeliveryRow>) =>
  reminderText(
    {
      step: 'due_soon',
      locale: 'it',
      name: 'Giulia Conti',
      course_title: 'Gentilezza a scuola',
      organization_name: 'Istituto Aperto',
      due_on: '2027-03-08',
      renews_valid_until: null,
      invited_days: 7,
      ...over,
    } as unknown as ReminderDeliveryRow,
    { app: 'https://k.example/', unsubscribe: 'https://k.example/u', course: 'https://k.example/learn/1' },
  );

describe('dates after an article (review-lang2)', () => {
  it('Italian e-mails elide the article before 8 and 11 and write the first as 1º; French writes 1er', () => {
    const due = reminder({ due_on: '2027-03-08' });
    expect(due.subject).toBe('"Gentilezza a scuola" scade l’8 marzo 2027');
    expect(due.text).toContain('entro l’8 marzo 2027');
    expect(reminder({ step: 'overdue', due_on: '2027-04-11' }).text).toContain('entro l’11 aprile 2027');
    expect(reminder({ step: 'manual', due_on: '2027-03-08' }).text).toContain('entro l’8 marzo 2027');
    const renewal = reminder({ step: 'renewal', due_on: '2027-03-08', renews_valid_until: '2027-03-08' });
    expect(renewal.text).toContain('scade l’8 marzo 2027');
    expect(renewal.text).toContain('entro l’8 marzo 2027');
    expect(reminder({ due_on: '2027-03-01' }).subject).toContain('scade il 1º marzo 2027');
    expect(reminder({ due_on: '2027-03-18' }).subject).toContain('scade il 18 marzo 2027');
    expect(reminder({ locale: 'fr', due_on: '2027-03-01' }).subject).toContain('le 1er mars 2027');
    expect(reminder({ locale: 'fr', step: 'manual', due_on: '2027-03-01' }).text).toContain('d’ici le 1er mars 2027');
    expect(reminder({ locale: 'fr', due_on: '2027-03-02' }).subject).toContain('le 2 mars 2027');
    const digest = digestText(
      { locale: 'it', name: 'L', cohort_name: '3B', course_title: 'Gentilezza', organization_name: 'I', enrolled: 1, completed: 0, overdue: 0, pending_invitations: 0, completed_this_week: 0, not_started: 1, due_on: '2027-11-11' } as unknown as DigestDeliveryRow,
      'https://k.example/d',
    );
    expect(digest.text).toContain('entro l’11 novembre 2027');
  });

  it('every server message with a date, in every language, writes it as its readers do', () => {
    for (const key of Object.keys(CATALOGUES.en) as MessageKey[]) {
      if (!CATALOGUES.en[key].includes('{date}')) continue;
      for (const day of ['2027-03-08', '2027-04-11', '2027-08-31']) {
        const it_ = translate('it', key, filler(key, day));
        expect(it_).not.toMatch(/(^|[^\p{L}])(il|al|dal|del|nel|sul) (8|11)\b/iu);
        expect(it_).not.toContain('2027-');
      }
      expect(translate('fr', key, filler(key, '2027-03-01'))).toMatch(/1er mars 2027/);
      expect(translate('it', key, filler(key, '2027-03-01'))).toMatch(/1º marzo 2027/);
    }
    // A date the API passes as YYYY-MM-DD (a revoked certificate's download) is written out too.
    expect(translateMessage('it', { key: 'errors.certificate.revokedOn', params: { number: 'K-1', date: '2027-03-08', reason: 'errore' } })).toBe(
      'l’attestato K-1 è stato revocato l’8 marzo 2027: errore',
    );
    expect(translateMessage('fr', { key: 'errors.certificate.revokedOnNoReason', params: { number: 'K-1', date: '2027-03-01' } })).toContain('révoqué le 1er mars 2027');
  });

  it('the Italian web app elides too, and French and Italian pages write the first of the month as an ordinal', async () => {
    const t = await webT('it');
    const it_ = flat(web('it'));
    for (const [key, text] of it_) {
      if (!/\b(il|al|dal|del|nel|sul) \{\{(date|percent)\}\}/.test(text)) continue;
      expect(t(key, { date: '8 marzo 2027', percent: 80, name: 'X', count: 1 })).not.toMatch(/\b(il|al|dal|del|nel|sul) 8/);
    }
    expect(createFormatters('fr').date('2027-03-01')).toBe('1er mars 2027');
    expect(createFormatters('it').date('2027-03-01')).toBe('1º marzo 2027');
    expect(createFormatters('it').date('2027-03-08')).toBe('8 marzo 2027');
    expect(createFormatters('de').date('2027-03-01')).toBe('1. März 2027');
  });
});

describe('one rule for numbers and dates: the reader’s language (review-lang2)', () => {
  it('e-mails group numbers like the web app and the PDF (1.234, 1 234), not the Swiss way (1’234)', () => {
    const row = { name: 'L', cohort_name: '3B', course_title: 'C', organization_name: 'O', enrolled: 12345, completed: 1234, overdue: 0, pending_invitations: 0, completed_this_week: 0, not_started: 0, due_on: null } as unknown as DigestDeliveryRow;
    for (const [locale, expected] of [['it', '12.345'], ['de', '12.345'], ['fr', '12\u202f345'], ['en', '12,345']] as const) {
      const mail = digestText({ ...row, locale } as DigestDeliveryRow, 'https://k.example/d').text;
      expect(mail).toContain(expected);
      expect(mail).toContain(createFormatters(locale).number(12345));
      expect(mail).not.toContain('’345');
    }
    // The same day reads the same in an e-mail and on the page (English: 8 March 2027 on both).
    for (const locale of ['en', 'it', 'de', 'fr'] as const) {
      expect(reminder({ locale, due_on: '2027-03-18' }).subject).toContain(createFormatters(locale).date('2027-03-18'));
    }
  });
});

describe('French typography (review-lang2)', () => {
  const breakable = / [?!:;»]|« /;
  const strings = (value: unknown, out: string[] = []): string[] => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
    else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
    return out;
  };

  it('no French text has a breakable space before ? ! : ; or inside « »: web, server messages, course content', () => {
    expect([...flat(web('fr'))].filter(([, v]) => breakable.test(v))).toEqual([]);
    expect([...flat(web('fr'))].filter(([, v]) => /[\u00a0 ][?!;]/.test(v))).toEqual([]);
    const server = (Object.keys(CATALOGUES.en) as MessageKey[]).map((k) => [k, translate('fr', k, filler(k, '2027-03-08'))]);
    expect(server.filter(([, v]) => breakable.test(v!))).toEqual([]);
    expect(Object.entries(CATALOGUES.fr).filter(([k, v]) => breakable.test(v) && !/^(credentials|request|input|validation)\./.test(k))).toEqual([]);
    expect(strings(demoCourseFr).filter((v) => breakable.test(v))).toEqual([]);
    const instrumentFr = strings(kindlingInstrument).filter((v) => /\b(vous|je|les|des)\b/.test(v));
    expect(instrumentFr.length).toBeGreaterThan(5);
    expect(instrumentFr.filter((v) => breakable.test(v))).toEqual([]);
  });

  it('the marks keep a (no-break) space: narrow before ? ! ;, full before : and inside « »', async () => {
    const t = await webT('fr');
    expect(t('quiz.reviewRight')).toBe('Correcte');
    expect(translate('fr', 'office.reminder.dueSoon.subject', { course: 'Bienveillance', date: '2027-03-08' })).toBe('«\u00a0Bienveillance\u00a0» est à terminer le 8 mars 2027');
    expect(translate('fr', 'email.invitation.action', { days: 7 })).toMatch(/7 jours\)\u00a0:$/);
  });
});

describe('German quotes, Italian audit (review-lang2)', () => {
  it('German web texts quote with «…» like the e-mails, never „…“', () => {
    const de = [...flat(web('de'))];
    expect(de.filter(([, v]) => /[„“]/.test(v))).toEqual([]);
    expect(de.filter(([, v]) => v.includes('«')).length).toBeGreaterThan(30);
  });

  it('Italian audit sentences say "attestato", with the article elided', () => {
    const audit = Object.entries(CATALOGUES.it).filter(([k]) => k.startsWith('office2.audit.action.'));
    expect(audit.filter(([, v]) => /certificat/i.test(v))).toEqual([]);
    expect(translate('it', 'office2.audit.action.certificate_issued', { number: 'K-1', person: 'Luca' })).toBe('L’attestato K-1 è stato rilasciato a Luca');
  });
});

describe('the server’s specific message is shown (review-lang2)', () => {
  it('403/404/410/429 keep the generic sentence and add the server’s message in the reader’s language', async () => {
    // Loaded by path, like web-api-client.test.ts: the web app's modules are typed for the browser.
    const clientPath = '../../apps/web/src/api/client.js';
    const errorTextPath = '../../apps/web/src/components/errorText.js';
    const { ApiError } = (await import(clientPath)) as { ApiError: new (status: number, error: string, messages: string[]) => Error };
    const { errorText } = (await import(errorTextPath)) as { errorText: (t: unknown, error: unknown) => string };
    const t = await webT('it');
    const gone = translateMessage('it', { key: 'errors.certificate.revokedOnNoReason', params: { number: 'K-1', date: '2027-03-08' } });
    const text = errorText(t, new ApiError(410, 'Gone', [gone]));
    expect(text).toContain(flat(web('it')).get('errors.gone')!);
    expect(text).toContain('L’attestato K-1 è stato revocato l’8 marzo 2027: nessun motivo indicato.');
    expect(errorText(t, new ApiError(404, 'Not Found', ['corso non trovato']))).toMatch(/Corso non trovato\.$/);
    expect(errorText(t, new ApiError(403, 'Forbidden', []))).toBe(flat(web('it')).get('errors.forbidden'));
  });
});
