import { describe, expect, it } from '@jest/globals';
import type { DigestDeliveryRow, ReminderDeliveryRow } from '@kindling/db';
import { CATALOGUES } from '@kindling/i18n';
import i18next from 'i18next';
import { digestText } from '../../apps/worker/src/reminders/send-manager-digest.handler.js';
import { reminderText } from '../../apps/worker/src/reminders/send-reminder.handler.js';
import { type CatalogueTree, flatCatalogue, webCatalogue } from '../support/web-locales.js';

/**
 * Wording a teacher or nurse reads in their own language: one register, one word for the same
 * thing, counts that agree with their noun, and numbers in the reader's format.
 */
const LOCALES = ['en', 'it', 'de', 'fr'] as const;
const web = webCatalogue;
const flat = (node: CatalogueTree) => flatCatalogue(node);

async function webT(locale: string) {
  const instance = i18next.createInstance();
  await instance.init({ lng: locale, resources: { [locale]: { translation: web(locale) } }, interpolation: { escapeValue: false } });
  return instance.t.bind(instance) as (key: string, params?: Record<string, unknown>) => string;
}

describe('web app wording (review-lang)', () => {
  it('a count agrees with its noun in every language, and large counts are grouped for the locale', async () => {
    const one = { en: 'Withdraw 1 learner?', it: 'Ritirare 1 partecipante?', de: '1 Person austragen?', fr: 'Désinscrire 1 participant\u202f?' };
    const many = { en: 'Withdraw 12,000 learners?', it: 'Ritirare 12.000 partecipanti?', de: '12.000 Teilnehmende austragen?', fr: 'Désinscrire 12 000 participants ?' };
    for (const locale of LOCALES) {
      const t = await webT(locale);
      expect(t('office1.bulk.confirmWithdraw', { count: 1 })).toContain(one[locale]);
      expect(t('office1.bulk.confirmWithdraw', { count: 12000 }).replace(/\u202f|\u00a0/g, ' ')).toContain(many[locale]);
    }
  });

  it('every count in the manager pages agrees with its noun, and no text falls back on "(s)", "/i" or "(en)"', async () => {
    const one: Record<string, Record<(typeof LOCALES)[number], string>> = {
      'manage.enrol.confirm': { en: 'Enrol 1 learner', it: 'Iscrivi 1 partecipante', de: '1 Person einschreiben', fr: 'Inscrire 1 participant' },
      'authoring2.cohort.moved': { en: '1 learner moved', it: '1 partecipante spostato', de: '1 Person zu Version', fr: '1 apprenant déplacé' },
      'hours.ruleForHours': { en: 'For 1 hour that', it: 'Per 1 ora servono', de: 'Bei 1 Stunde sind', fr: 'Pour 1 heure,' },
    };
    for (const locale of LOCALES) {
      const t = await webT(locale);
      for (const [key, texts] of Object.entries(one)) {
        const single = t(key, { count: 1, version: 2, minutes: 45, from: 1, notStarted: 0 });
        // the expected words, not followed by a letter: "1 learner" must not be "1 learners"
        expect(single).toMatch(new RegExp(`${texts[locale].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u'));
        expect(t(key, { count: 2, version: 2, minutes: 90, from: 1, notStarted: 0 })).not.toBe(single.replace(/\b1\b/, '2'));
      }
      // German reads 1,5 hours with a decimal comma, as everywhere else in the app.
      if (locale === 'de') expect(t('hours.ruleForHours', { count: 1.5, minutes: 68 })).toContain('Bei 1,5 Stunden');
      const hedged = [...flat(web(locale))].filter(([, v]) => /\w\((s|e|en|n)\)|\w\/i\b/.test(v));
      expect(hedged).toEqual([]);
    }
  });

  it('Italian speaks to the learner with "tu" and says "attestato", as everywhere else in the app', () => {
    const it_ = flat(web('it'));
    const formal = [...it_].filter(([, v]) => /\b(Scarichi|Lasci|Cerchi|su di lei|I suoi dati)\b/.test(v));
    expect(formal).toEqual([]);
    const certificato = [...it_].filter(([, v]) => /\bcertificat[oi]\b/i.test(v));
    expect(certificato).toEqual([]);
    expect([...it_].filter(([, v]) => /\b(il|sul|del|i) attestat/i.test(v))).toEqual([]);
  });

  it('French quiz review pairs "Correcte" with "Incorrecte"', () => {
    const fr = flat(web('fr'));
    expect(fr.get('quiz.reviewRight')).toBe('Correcte');
    expect(fr.get('quiz.reviewWrong')).toBe('Incorrecte');
  });

  it('German follows one spelling (Swiss, like its «quotes» and the e-mails): no ß', () => {
    expect([...flat(web('de'))].filter(([, v]) => v.includes('ß'))).toEqual([]);
    expect(Object.entries(CATALOGUES.de).filter(([, v]) => v.includes('ß'))).toEqual([]);
  });
});

describe('e-mails and server texts (review-lang)', () => {
  it('the Italian renewal e-mail and certificate errors say "attestato"', () => {
    const row = {
      step: 'renewal',
      locale: 'it',
      name: 'Giulia Conti',
      course_title: 'Gentilezza a scuola',
      organization_name: 'Istituto Aperto',
      due_on: '2027-03-08',
      renews_valid_until: '2027-03-08',
      invited_days: 7,
    } as unknown as ReminderDeliveryRow;
    const mail = reminderText(row, { app: 'https://k.example/', unsubscribe: 'https://k.example/u', course: 'https://k.example/learn/1' });
    expect(mail.subject).toBe('È ora di rinnovare il tuo attestato: Gentilezza a scuola');
    expect(mail.text).toContain('Il tuo attestato per il corso');
    expect(mail.text).not.toMatch(/certificat/i);
    const italian = Object.entries(CATALOGUES.it).filter(([k]) => !k.startsWith('office2.audit.action.'));
    expect(italian.filter(([, v]) => /\bcertificat[oi]\b/i.test(v))).toEqual([]);
    expect(italian.filter(([, v]) => /\b(il|sul|del) attestat/i.test(v))).toEqual([]);
  });

  it('the weekly digest never writes a count against a plural noun ("1 iscritti", "1 invitations")', () => {
    const row = {
      locale: 'it',
      name: 'Lucia Bianchi',
      cohort_name: '3B',
      course_title: 'Gentilezza a scuola',
      organization_name: 'Istituto Aperto',
      enrolled: 1,
      completed: 1,
      overdue: 0,
      pending_invitations: 1,
      completed_this_week: 1,
      not_started: 0,
      due_on: null,
    } as unknown as DigestDeliveryRow;
    const texts = Object.fromEntries(LOCALES.map((locale) => [locale, digestText({ ...row, locale } as DigestDeliveryRow, 'https://k.example/d').text]));
    expect(texts.it).not.toMatch(/\b1 (iscritti|completati|inviti)\b/);
    expect(texts.it).toContain('iscritti 1, completati 1, in ritardo 0; inviti non accettati: 1.');
    expect(texts.it).toContain('Completati negli ultimi 7 giorni: 1.');
    expect(texts.fr).not.toMatch(/\b1 (inscrits|terminés|invitations)\b|\(s\)/);
    expect(texts.en).not.toMatch(/\b1 invitations\b/);
    expect(texts.de).not.toMatch(/\b1 Einladungen\b/);
    expect(texts.de).toMatch(/1 eingeschrieben, 1 abgeschlossen, 0 überfällig/);
  });
});
