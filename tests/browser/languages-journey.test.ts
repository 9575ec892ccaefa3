import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { CERTIFICATE_LABELS } from '@kindling/certificates';
import { translate } from '@kindling/i18n';
import { emailText } from '../../apps/worker/src/email/email-texts.js';
import { unique } from '../support/app.js';
import { mintLinkFor } from '../support/mail-links.js';
import { addMember, createCohort, createOrganization, createUser, type TestUser, tokenFor } from '../support/fixtures.js';
import { api, axeViolations, type BrowserHarness, scrollWidth, settled, startHarness, textOfPdf, untilTrueInPage, withFailureDump } from './support/harness.js';

type Lang = 'it' | 'de' | 'fr';
type Tree = { [key: string]: string | Tree };

const catalogue = (locale: string): Map<string, string> => {
  const tree = JSON.parse(readFileSync(join(process.cwd(), 'apps', 'web', 'src', 'i18n', 'locales', `${locale}.json`), 'utf8')) as Tree;
  const out = new Map<string, string>();
  const walk = (node: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') out.set(prefix + k, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(tree, '');
  return out;
};

const EN = catalogue('en');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a page in `locale` must not show, from the English web catalogue: every English text whose
 * translation in `locale` differs and that is no text of the `locale` catalogue either (so a word
 * both languages share, such as "Quiz" or "Status", never counts).
 * - `whole`: a visible text node equal to an English text ({{placeholders}} match anything);
 * - `fragments`: a piece of an English text between placeholders and tags, long enough to mean
 *   something, anywhere in the page's visible text (catches English inside a mixed sentence).
 */
function englishOf(locale: Lang): { whole: { key: string; re: RegExp }[]; fragments: string[] } {
  const other = catalogue(locale);
  const theirs = new Set(other.values());
  const whole: { key: string; re: RegExp }[] = [];
  const fragments = new Set<string>();
  for (const [key, text] of EN) {
    const translated = other.get(key);
    if (translated === undefined || translated === text || theirs.has(text)) continue;
    const pieces = text.split(/\{\{[^}]*\}\}/);
    if (pieces.join('').trim().length >= 3 && /[a-z]/i.test(text)) {
      whole.push({ key, re: new RegExp(`^${pieces.map((p) => escape(p.trim())).join('.*')}$`, 's') });
    }
    for (const piece of text.split(/\{\{[^}]*\}\}|<[^>]*>|\$t\([^)]*\)/)) {
      const p = piece.trim().replace(/^[\s.,:;!?()–—-]+|[\s.,:;!?()–—-]+$/g, '');
      if (p.length >= 8 && /[a-z]/i.test(p) && (p.includes(' ') || p.length >= 12) && ![...theirs].some((t) => t.includes(p))) fragments.add(p);
    }
  }
  return { whole, fragments: [...fragments] };
}

/** The visible text nodes of the page (trimmed, one per node), outside the language picker (language names are written in their own language). */
const VISIBLE_TEXTS = `(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('.language-picker, script, style, noscript, [hidden]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || el.getClientRects().length === 0) continue;
    out.push(text);
  }
  return out;
})()`;

const COURSE = {
  it: {
    title: 'La gentilezza al lavoro', summary: 'Un corso breve.', module: 'Le basi', lesson: 'Che cos’è la gentilezza',
    body: '## La gentilezza è una pratica\n\n- l’attenzione\n- l’azione', quiz: 'Verificate la vostra comprensione',
    prompt: 'La gentilezza si può praticare?', options: ['Sì', 'No'], feedback: 'La gentilezza è qualcosa che si fa: si può imparare.',
  },
  de: {
    title: 'Freundlichkeit bei der Arbeit', summary: 'Ein kurzer Kurs.', module: 'Die Grundlagen', lesson: 'Was Freundlichkeit ist',
    body: '## Freundlichkeit ist eine Übung\n\n- Aufmerksamkeit\n- Handeln', quiz: 'Prüfen Sie Ihr Verständnis',
    prompt: 'Kann man Freundlichkeit üben?', options: ['Ja', 'Nein'], feedback: 'Freundlichkeit ist etwas, das man tut: Man kann sie lernen.',
  },
  fr: {
    title: 'La bienveillance au travail', summary: 'Un cours court.', module: 'Les bases', lesson: 'Ce qu’est la bienveillance',
    body: '## La bienveillance est une pratique\n\n- l’attention\n- l’action', quiz: 'Vérifiez votre compréhension',
    prompt: 'La bienveillance peut-elle s’exercer ?', options: ['Oui', 'Non'], feedback: 'La bienveillance se pratique : elle s’apprend.',
  },
} as const;

const PASSWORD = 'a calm walk by the lake';

/**
 * Issue 17 point 6 in Chromium against the built API and worker, once per language (it, de, fr):
 * a manager invites a learner whose spreadsheet line says their language → the invitation e-mail
 * is in that language → in an English browser the learner picks the language ON THE SIGN-IN PAGE
 * and signs in → home, lesson, quiz and its review, the closing self-assessment, the certificates
 * and the public verification page: no visible text is an English text of the web catalogue, and
 * axe finds no violation, on each page → the certificate PDF's labels are in that language.
 */
describe('the learner journey in Italian, German and French (issue 17 point 6)', () => {
  let h: BrowserHarness;
  let author: TestUser;
  let manager: TestUser;
  let organizationId: string;
  let instrumentId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    h = await startHarness();
    author = await createUser(h.t, { platformRoles: ['author'], name: 'Ada Author' });
    manager = await createUser(h.t, { name: 'Maria Manager' });
    organizationId = await createOrganization(h.t, unique('Spital Freundlich'));
    await addMember(h.t, organizationId, manager.id, 'manager');
    const rows: { id: string }[] = await h.t.db.query(`SELECT id FROM instruments WHERE key = 'kindling-reflect' ORDER BY version DESC LIMIT 1`);
    instrumentId = rows[0]!.id;
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
  });

  const call = async <T,>(auth: string, method: string, path: string, body?: unknown): Promise<T> => {
    const r = await api<T>(h, auth, method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  /** An English course with an edition in `locale`, the shipped self-assessment, published; a cohort of the organisation on it. */
  async function courseWithEdition(locale: Lang): Promise<{ courseId: string; lessonId: string; quizId: string; cohortId: string }> {
    const c = COURSE[locale];
    const a = author.auth;
    const { id: courseId } = await call<{ id: string }>(a, 'POST', '/api/courses', { title: unique('Kindness at work'), summary: 'A short course.', locale: 'en' });
    const { id: moduleId } = await call<{ id: string }>(a, 'POST', `/api/courses/${courseId}/modules`, { title: 'Basics' });
    const { id: lessonId } = await call<{ id: string }>(a, 'POST', `/api/modules/${moduleId}/lessons`, { title: 'What kindness is', body: '## Kindness is a practice\n\n- attention\n- action', minutes: 5 });
    const { id: quizId } = await call<{ id: string }>(a, 'POST', `/api/modules/${moduleId}/quizzes`, {
      title: 'Check your understanding',
      passMark: 100,
      maxAttempts: 3,
      questions: [{ prompt: 'Can kindness be practised?', kind: 'single', options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false }], feedback: 'Kindness is something people do: it can be learned.' }],
    });
    await call(a, 'PUT', `/api/courses/${courseId}/editions/${locale}`, {
      course: { title: c.title, summary: c.summary },
      modules: [{ id: moduleId, title: c.module }],
      lessons: [{ id: lessonId, title: c.lesson, body: c.body }],
      quizzes: [{ id: quizId, title: c.quiz, questions: [{ prompt: c.prompt, options: [...c.options], feedback: c.feedback }] }],
    });
    await call(a, 'PUT', `/api/courses/${courseId}/self-assessment`, { instrumentId });
    await call(a, 'POST', `/api/courses/${courseId}/publish`);
    const cohortId = await createCohort(h.t, { organizationId, courseId });
    return { courseId, lessonId, quizId, cohortId };
  }

  it.each<[Lang, string]>([
    ['it', 'Italiano'],
    ['de', 'Deutsch'],
    ['fr', 'Français'],
  ])('%s: invitation e-mail → %s picked on the sign-in page → every learner page, the review and the certificate PDF in that language, axe clean', async (locale) => {
    const web = catalogue(locale);
    const english = englishOf(locale);
    const { courseId, lessonId, quizId, cohortId } = await courseWithEdition(locale);
    const c = COURSE[locale];

    // The manager's spreadsheet line names the learner's language.
    const email = `${unique(`learner-${locale}`)}@example.test`;
    const name = { it: 'Giulia Bernasconi', de: 'Ursula Käser', fr: 'Aline Rochat' }[locale];
    const enrolled = await api<{ enrolled: number }>(h, manager.auth, 'POST', `/api/cohorts/${cohortId}/enrolments`, { learners: [{ email, name, language: locale }] });
    expect(enrolled.status).toBe(200);

    // The invitation e-mail, as the e-mail worker writes it from its queued job: in the invitee's language.
    const outbox: { locale: string; organization: string }[] = await h.t.db.query(
      `SELECT o.payload->>'locale' AS locale, org.name AS organization
         FROM outbox o JOIN one_time_tokens t ON t.id::text = o.payload->>'tokenId' JOIN users u ON u.id = t.user_id
         JOIN organizations org ON org.id = $2
        WHERE lower(u.email) = lower($1) AND o.payload->>'kind' = 'invitation'`,
      [email, organizationId],
    );
    expect(outbox.map((o) => o.locale)).toEqual([locale]);
    const link = await mintLinkFor(h.t.db, h.baseUrl, email, 'invitation');
    const mail = emailText({ kind: 'invitation', name, organizationName: outbox[0]!.organization, link, locale });
    expect(mail.subject).toBe(translate(locale, 'email.invitation.subject', { organization: outbox[0]!.organization }));
    expect(mail.text).toContain(translate(locale, 'email.invitation.body', { organization: outbox[0]!.organization }));
    expect(mail.text).not.toContain(translate('en', 'email.invitation.body', { organization: outbox[0]!.organization }));
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await call('', 'POST', `/api/auth/invitations/${token}/accept`, { name, password: PASSWORD });
    const userRows: { id: string }[] = await h.t.db.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]);
    const userId = userRows[0]!.id;
    const enrolmentRows: { id: string }[] = await h.t.db.query(`SELECT id FROM enrolments WHERE user_id = $1 AND course_id = $2`, [userId, courseId]);
    const enrolmentId = enrolmentRows[0]!.id;

    // An English browser.
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    const pages: string[] = [];

    /** English texts of the catalogue among the page's visible text nodes. */
    const englishOnPage = async (label: string): Promise<string[]> => {
      const found: string[] = [];
      const texts = await page.evaluate<string[]>(VISIBLE_TEXTS);
      for (const text of texts) {
        const hit = english.whole.find((w) => w.re.test(text));
        if (hit) found.push(`${label}: "${text}" is English (${hit.key})`);
      }
      const all = texts.join(' ');
      for (const f of english.fragments) if (all.includes(f)) found.push(`${label}: English fragment "${f}"`);
      return found;
    };

    /** The page's visible text checked against the English catalogue, axe and the 320 px width. */
    const check = async (label: string): Promise<void> => {
      // Each step waited for its own content first; no network-idle wait here (the lesson's
      // learning-time heartbeat and the certificates' polling keep the network busy).
      await page.locator('h1').first().waitFor({ state: 'visible' });
      await untilTrueInPage(page, `!document.querySelector('[aria-busy="true"], .loading')`, 10_000);
      pages.push(label);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      problems.push(...(await englishOnPage(label)));
      problems.push(...(await axeViolations(page)).map((v) => `${label}: axe ${v}`));
      await page.setViewportSize({ width: 320, height: 640 });
      const width = await scrollWidth(page);
      if (width > 320) problems.push(`${label}: ${width} px wide at 320 px`);
      await page.setViewportSize({ width: 1280, height: 900 });
    };

    await withFailureDump(page, `languages-journey-${locale}`, async () => {
      // 1. The sign-in page, in English at first; the person picks their language there.
      await page.goto(`${h.baseUrl}/sign-in`);
      await settled(page);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      // The check is not vacuous: on the English page it finds the English texts.
      expect((await englishOnPage('sign-in (English)')).length).toBeGreaterThanOrEqual(3);
      await page.locator('.language-picker select').selectOption(locale);
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
      await check('sign-in');
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(PASSWORD);
      await page.locator('form:has(#signin-password) button[type=submit]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 });

      // 2. Home: the course in the learner's edition.
      await page.getByRole('heading', { level: 1, name: web.get('home.title')! }).waitFor();
      await page.getByRole('heading', { level: 3, name: c.title }).waitFor();
      await check('home');

      // The opening self-assessment is answered by API: the closing one is walked below.
      const learnerAuth = `Bearer ${tokenFor(h.t, userId, 600)}`;
      const form = await call<{ items: { id: string }[] }>(learnerAuth, 'GET', `/api/courses/${courseId}/self-assessment`);
      await call(learnerAuth, 'POST', `/api/enrolments/${enrolmentId}/self-assessments/pre`, { answers: form.items.map((item) => ({ itemId: item.id, value: 3 })) });

      // 3. The lesson, in the edition's language.
      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/lessons/${lessonId}`);
      await page.locator('.lesson-body').waitFor();
      await expect(page.locator('.lesson-body').innerText()).resolves.toContain(c.body.split('\n')[0]!.slice(3));
      await check('lesson');
      await page.getByRole('button', { name: web.get('player.markComplete')! }).click();
      await page.getByRole('button', { name: web.get('player.completed')! }).waitFor();

      // 4. The quiz, then its review after the submission.
      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/quizzes/${quizId}`);
      await page.getByRole('button', { name: web.get('quiz.start')! }).click();
      await page.getByText(c.prompt).waitFor();
      await check('quiz attempt');
      await page.getByLabel(c.options[0], { exact: true }).check();
      await page.getByRole('button', { name: web.get('quiz.submit')! }).click();
      await page.getByRole('heading', { name: web.get('quiz.reviewTitle')! }).waitFor();
      await expect(page.locator('.quiz-review').innerText()).resolves.toContain(c.feedback);
      await check('quiz review');

      // 5. The closing self-assessment: the shipped instrument's items in the learner's language.
      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/self-assessment/post`);
      await page.locator('fieldset.likert').first().waitFor();
      await check('closing self-assessment');
      const sa = page.locator('form.self-assessment');
      for (let screen = 0; ; screen++) {
        if (screen > 12) throw new Error('the self-assessment never reached its last screen');
        await sa.locator('fieldset.likert').first().waitFor();
        const items = sa.locator('fieldset.likert');
        for (let i = 0; i < (await items.count()); i++) await items.nth(i).locator('input[type=radio]').nth(3).check();
        const button = sa.locator('button[type=submit]');
        const last = (await button.innerText()).trim() === web.get('selfAssessment.submit');
        const heading = await page.locator('.step-heading').innerText().catch(() => '');
        await button.click();
        if (last) break;
        await page.locator('.step-heading').filter({ hasNotText: heading }).waitFor();
      }
      await page.getByRole('link', { name: web.get('selfAssessment.toCertificates')! }).click();

      // 6. The certificate, issued by the worker, and its PDF in the learner's language.
      await page.waitForURL(/\/certificates$/);
      const card = page.locator('.certificate-card').filter({ hasText: c.title });
      // The worker shares its queue with every test file running beside this one (imports of
      // 20,000 lines, e-mail batches): on a loaded run the certificate can take a minute.
      await card.waitFor({ timeout: 90_000 });
      await check('my certificates');
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: new RegExp(escape(web.get('certificates.download')!)) }).click()]);
      const pdfText = textOfPdf(readFileSync((await download.path())!)).replace(/\s+/g, ' ');
      const labels = CERTIFICATE_LABELS[locale];
      for (const label of [labels.title, labels.awardedTo, labels.forCompleting, labels.completedOn, labels.certificateNumber]) expect(pdfText).toContain(label);
      expect(pdfText).toContain(c.title);
      expect(pdfText).not.toContain(CERTIFICATE_LABELS.en.title);
      const stored: { locale: string; code: string }[] = await h.t.db.query(
        `SELECT c.locale, d.verification_code AS code FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
        [enrolmentId],
      );
      expect(stored.map((s) => s.locale)).toEqual([locale]);

      // 7. The public verification page, in the language picked.
      await page.goto(`${h.baseUrl}/verify/${encodeURIComponent(stored[0]!.code)}`);
      await page.locator('.verdict-valid').waitFor();
      await check('verification');
    });

    expect(pages).toHaveLength(8);
    expect(problems).toEqual([]);
  }, 180_000);
});
