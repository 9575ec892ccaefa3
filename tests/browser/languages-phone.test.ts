import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { unique } from '../support/app.js';
import { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestCourse, type TestUser } from '../support/fixtures.js';
import { axeViolations, type BrowserHarness, scrollWidth, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

type Locale = 'en' | 'it' | 'de' | 'fr';
const SHOTS = join(process.cwd(), 'docs', 'screenshots');

/** Per SVG text of the impact chart: its rendered size in CSS px (font size × the SVG's scale on screen), and whether it lies inside the SVG (not clipped). */
const CHART_TEXTS = `(() => [...document.querySelectorAll('svg.chart-plot text')].map((t) => {
  const svg = t.ownerSVGElement;
  const box = svg.getBoundingClientRect();
  const r = t.getBoundingClientRect();
  return { text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a, inside: r.left >= box.left - 1 && r.right <= box.right + 1 };
}))()`;

/** Each legend entry: its words, and whether its symbol is drawn (a shape with a size and a paint, no framed empty box). */
const LEGEND = `(() => [...document.querySelectorAll('.chart-legend li')].map((li) => {
  const svg = li.querySelector('svg');
  const shapes = svg ? [...svg.querySelectorAll('circle, rect, line, path')] : [];
  const painted = shapes.filter((s) => {
    const r = s.getBoundingClientRect();
    const st = getComputedStyle(s);
    return (r.width > 0 || r.height > 0) && ((st.fill !== 'none' && st.fill !== 'rgba(0, 0, 0, 0)') || st.stroke !== 'none');
  });
  const box = svg ? getComputedStyle(svg) : null;
  return {
    text: li.textContent.trim(),
    painted: painted.length,
    framed: box ? parseFloat(box.borderTopWidth) > 0 : false,
  };
}))()`;

/** The 5-point scale of every item: its options' boxes, to tell one row from a vertical list. */
const LIKERT_ROWS = `(() => [...document.querySelectorAll('fieldset.likert')].map((f) => {
  const box = f.getBoundingClientRect();
  const options = [...f.querySelectorAll('.likert-option')].map((o) => o.getBoundingClientRect());
  return {
    options: options.length,
    tops: options.map((r) => Math.round(r.top)),
    inside: options.every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5),
    labelsFit: [...f.querySelectorAll('.likert-option label')].every((l) => l.scrollWidth <= l.clientWidth + 1),
  };
}))()`;

/**
 * Issue 17 point 5, the parts phone-layout.test.ts does not cover, in all four languages at
 * 390×844: the 5-point agreement scale is one row or a clean vertical list (every option inside
 * its item, no clipped label); the impact chart's text is at least 12 px, none of it cut off (also side by side at 1280 px), and its legend draws its
 * symbols (not empty framed boxes); neither page scrolls sideways at 320 px; axe finds nothing.
 * Screenshots: docs/screenshots/phone-likert-<lang>.png and phone-impact-<lang>.png.
 */
describe('the agreement scale and the impact chart on a phone, in every language (issue 17 point 5)', () => {
  let h: BrowserHarness;
  let course: TestCourse;
  let organizationId: string;
  let cohortId: string;
  let instrumentId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    h = await startHarness();
    mkdirSync(SHOTS, { recursive: true });
    const author = await createUser(h.t, { platformRoles: ['author'] });
    const rows: { id: string; definition: { items: { id: string }[] } }[] = await h.t.db.query(
      `SELECT id, definition FROM instruments WHERE key = 'kindling-reflect' ORDER BY version DESC LIMIT 1`,
    );
    instrumentId = rows[0]!.id;
    const items = rows[0]!.definition.items.map((i) => i.id);
    course = await createPublishedCourse(h.t, { authorId: author.id, lessons: 1, instrumentId });
    organizationId = await createOrganization(h.t, unique('Ospedale'));
    cohortId = await createCohort(h.t, { organizationId, courseId: course.courseId });
    // Eight learners with both answers (above the small-group rule), so every scale is charted.
    for (let n = 0; n < 8; n++) {
      const learner = await createUser(h.t);
      const enrolmentId = await enrol(h.t, { userId: learner.id, course, cohortId, organizationId });
      const answers = (shift: number) => JSON.stringify(items.map((itemId, i) => ({ itemId, value: Math.min(5, Math.max(1, 2 + ((i + n) % 2) + shift)) })));
      await h.t.db.query(
        `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores) VALUES ($1, $2, 'pre', $3, '{}'), ($1, $2, 'post', $4, '{}')`,
        [enrolmentId, instrumentId, answers(0), answers(n % 3 === 0 ? 1 : 2)],
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
  });

  async function onPhone(user: TestUser): Promise<Page> {
    const context = await signedInContext(h, user.id, { width: 390, height: 844 });
    contexts.push(context);
    return context.newPage();
  }

  async function noSidewaysScrollAt320(page: Page): Promise<number> {
    await page.setViewportSize({ width: 320, height: 700 });
    await page.waitForTimeout(100);
    const width = await scrollWidth(page);
    await page.setViewportSize({ width: 390, height: 844 });
    return width;
  }

  it.each<Locale>(['en', 'it', 'de', 'fr'])('%s: the agreement scale fits, the impact chart reads at ≥ 12 px with its legend drawn, no sideways scroll at 320 px', async (locale) => {
    const learner = await createUser(h.t, { name: `Learner ${locale}`, locale });
    const enrolmentId = await enrol(h.t, { userId: learner.id, course, cohortId, organizationId });
    const manager = await createUser(h.t, { name: `Manager ${locale}`, locale });
    await addMember(h.t, organizationId, manager.id, 'manager');

    const page = await onPhone(learner);
    await withFailureDump(page, `languages-phone-likert-${locale}`, async () => {
      await page.goto(`${h.baseUrl}/learn/${enrolmentId}/self-assessment/pre`);
      await page.locator('fieldset.likert').first().waitFor();
      await settled(page);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      const scales = await page.evaluate<{ options: number; tops: number[]; inside: boolean; labelsFit: boolean }[]>(LIKERT_ROWS);
      expect(scales.length).toBeGreaterThan(0);
      for (const s of scales) {
        expect(s.options).toBe(5);
        const oneRow = new Set(s.tops).size === 1;
        const vertical = s.tops.every((top, i) => i === 0 || top > s.tops[i - 1]!);
        expect({ oneRow, vertical }).not.toEqual({ oneRow: false, vertical: false });
        expect(s.inside).toBe(true);
        expect(s.labelsFit).toBe(true);
      }
      await page.locator('fieldset.likert').first().screenshot({ path: join(SHOTS, `phone-likert-${locale}.png`) });
      expect(await axeViolations(page)).toEqual([]);
      expect(await noSidewaysScrollAt320(page)).toBe(320);
    });

    const staff = await onPhone(manager);
    await withFailureDump(staff, `languages-phone-impact-${locale}`, async () => {
      await staff.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}/impact`);
      await staff.locator('svg.chart-plot').waitFor();
      await settled(staff);
      expect(await staff.getAttribute('html', 'lang')).toBe(locale);
      const texts = await staff.evaluate<{ text: string; px: number; inside: boolean }[]>(CHART_TEXTS);
      expect(texts.length).toBeGreaterThan(5);
      expect(texts.filter((s) => s.px < 12)).toEqual([]);
      expect(texts.filter((s) => !s.inside)).toEqual([]);
      const legend = await staff.evaluate<{ text: string; painted: number; framed: boolean }[]>(LEGEND);
      expect(legend).toHaveLength(3);
      for (const entry of legend) {
        expect(entry.text.length).toBeGreaterThan(2);
        expect(entry.painted).toBeGreaterThan(0);
        expect(entry.framed).toBe(false);
      }
      await staff.locator('figure.chart').first().screenshot({ path: join(SHOTS, `phone-impact-${locale}.png`) });
      expect(await axeViolations(staff)).toEqual([]);
      expect(await noSidewaysScrollAt320(staff)).toBe(320);
      // On a computer the two panels sit side by side: no text of the chart is cut off either.
      await staff.setViewportSize({ width: 1280, height: 900 });
      await staff.waitForTimeout(100);
      expect((await staff.evaluate<{ text: string; inside: boolean }[]>(CHART_TEXTS)).filter((s) => !s.inside)).toEqual([]);
      await staff.locator('figure.chart').first().screenshot({ path: join(SHOTS, `impact-wide-${locale}.png`) });
    });
  }, 120_000);
});
