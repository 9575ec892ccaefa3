import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { pseudonymFor } from '../../apps/api/src/reports/impact-report.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import {
  addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestCourse, type TestUser,
} from '../support/fixtures.js';

const text = (s: string) => ({ en: `${s} (en)`, it: `${s} (it)`, de: `${s} (de)`, fr: `${s} (fr)` });
const labels = { en: ['1', '2', '3', '4', '5'], it: ['1', '2', '3', '4', '5'], de: ['1', '2', '3', '4', '5'], fr: ['1', '2', '3', '4', '5'] };

/** The same small instrument as assessments.test.ts: calm (c1, c2 reverse-scored, c3) and care (k1, k2), answered 1–5. */
function smallInstrument(key: string) {
  return {
    key,
    title: text('Small instrument'),
    disclaimer: text('Reflective, not clinical'),
    scale: { min: 1, max: 5, labels },
    scales: [
      { key: 'calm', name: text('Calm'), minItems: 2 },
      { key: 'care', name: text('Care'), minItems: 2 },
    ],
    items: [
      { id: 'c1', scaleKey: 'calm', reverse: false, text: text('C1') },
      { id: 'c2', scaleKey: 'calm', reverse: true, text: text('C2') },
      { id: 'c3', scaleKey: 'calm', reverse: false, text: text('C3') },
      { id: 'k1', scaleKey: 'care', reverse: false, text: text('K1') },
      { id: 'k2', scaleKey: 'care', reverse: false, text: text('K2') },
    ],
  };
}

const ITEMS = ['c1', 'c2', 'c3', 'k1', 'k2'];
const answers = (values: number[]) => JSON.stringify(ITEMS.map((itemId, i) => ({ itemId, value: values[i] })));

/**
 * Hand-worked dataset (scale 1–5; c2 reverse-scored, so it counts as 6 − answer; calm = mean of
 * c1, c2, c3; care = mean of k1, k2; total = mean of all five). Reference figures below were
 * computed independently (exact fractions, then t(0.975, 5) = 2.5705818356363146 from the
 * published t table / scipy.stats.t.ppf), not with Kindling's code.
 */
const DATASET: [number[], number[]][] = [
  [[2, 4, 3, 2, 3], [4, 2, 4, 3, 4]], // calm 7/3 → 4,   care 5/2 → 7/2
  [[3, 3, 3, 3, 3], [3, 2, 4, 4, 4]], // calm 3 → 11/3,  care 3 → 4
  [[1, 5, 2, 2, 2], [2, 4, 2, 2, 3]], // calm 4/3 → 2,   care 2 → 5/2
  [[4, 2, 4, 4, 4], [5, 1, 5, 4, 5]], // calm 4 → 5,     care 4 → 9/2
  [[2, 3, 2, 3, 2], [2, 3, 3, 3, 2]], // calm 7/3 → 8/3, care 5/2 → 5/2
  [[3, 4, 2, 1, 2], [4, 3, 3, 3, 3]], // calm 7/3 → 10/3, care 3/2 → 3
];
const REFERENCE = {
  calm: { preMean: 23 / 9, postMean: 31 / 9, meanChange: 8 / 9, ci95: [0.4109548740418907, 1.366822903735887], effectSize: 1.9518001458970662 },
  care: { preMean: 31 / 12, postMean: 10 / 3, meanChange: 0.75, ci95: [0.19967130764599328, 1.3003286923540067], effectSize: 1.4301938838683883 },
  total: { preMean: 77 / 30, postMean: 3.4, meanChange: 5 / 6, ci95: [0.3848095662441657, 1.281857100422501], effectSize: 1.9497956721197822 },
};

/** A plain number is read as a number by every spreadsheet (−3.5 is not a formula). */
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
/** What a spreadsheet would read as a formula: a trigger at the start, also after blanks or an opening quote. */
function formulaLike(field: string): boolean {
  if (NUMBER.test(field.trim())) return false;
  return /^[\t\r]/.test(field) || /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(field);
}
/**
 * Every field of a CSV as three readers see it: csv-parse with "," (en) and with ";" (it, de, fr
 * spreadsheets), and the crudest reader, which splits on both separators and line breaks and
 * ignores quotes.
 */
function csvFieldsAsRead(text: string): { reader: string; field: string }[] {
  const fields: { reader: string; field: string }[] = [];
  for (const delimiter of [',', ';']) {
    const records = parse(text, { delimiter, bom: true, relax_quotes: true, relax_column_count: true }) as string[][];
    for (const record of records) for (const field of record) fields.push({ reader: `csv-parse "${delimiter}"`, field });
  }
  for (const field of text.replace(/^\uFEFF/, '').split(/[,;\r\n]/)) fields.push({ reader: 'naive split', field });
  return fields;
}
/** supertest body parser for binary downloads (XLSX). */
const binary = (res: { on(event: string, listener: (chunk: Buffer) => void): unknown }, done: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Learners whose name or e-mail tries to become a formula in some locale's spreadsheet. */
const HOSTILE_NAMES = [
  '=HYPERLINK("http://evil.example","click")',
  `foo;=cmd|' /C calc'!A0`,
  'a,+1',
  '  @SUM(1+1)',
  '\t=1+1',
  '-2+3',
  'Zoë;\n=2+2',
  '"=quoted"',
  '\u00a0;  -1+1',
  'Rossi, Anna',
];

describe('cohort reports (progress, summary, funnel, impact)', () => {
  let t: TestApp;
  let manager: TestUser;
  let otherManager: TestUser;
  let orgId: string;
  let course: TestCourse;
  let instrumentId: string;
  let cohortId: string;
  let smallCohortId: string;
  let impactCohortId: string;
  let partialCohortId: string;
  let hostileCohortId: string;
  let cohortLearnerIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const author = await createUser(t, { platformRoles: ['author'] });
    manager = await createUser(t, { name: 'Manager' });
    otherManager = await createUser(t, { name: 'Other manager' });
    orgId = await createOrganization(t);
    const otherOrg = await createOrganization(t);
    await addMember(t, orgId, manager.id, 'manager');
    await addMember(t, otherOrg, otherManager.id, 'manager');
    const created = await t.http.post('/api/instruments').set('Authorization', author.auth).send(smallInstrument(unique('rep').toLowerCase())).expect(201);
    instrumentId = created.body.id as string;
    course = await createPublishedCourse(t, { authorId: author.id, lessons: 4, instrumentId });

    // Progress cohort: five learners with known counters, due date in the past.
    cohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId, dueOn: '2020-01-31' });
    const people: { name: string; status: string; progress: number; lessons: number; score: number | null; seconds: number; pre: boolean }[] = [
      { name: '=HYPERLINK("http://evil.example","click")', status: 'active', progress: 40, lessons: 2, score: null, seconds: 600, pre: true },
      { name: 'Anna Rossi', status: 'completed', progress: 100, lessons: 4, score: 95, seconds: 3600, pre: true },
      { name: 'Bruno Bianchi', status: 'active', progress: 60, lessons: 3, score: 40, seconds: 1500, pre: true },
      { name: 'Carla Verdi', status: 'active', progress: 0, lessons: 0, score: null, seconds: 0, pre: false },
      { name: 'Dario Neri', status: 'withdrawn', progress: 20, lessons: 1, score: null, seconds: 120, pre: false },
    ];
    cohortLearnerIds = [];
    for (const p of people) {
      const user = await createUser(t, { name: p.name });
      cohortLearnerIds.push(user.id);
      const enrolmentId = await enrol(t, { userId: user.id, course, cohortId, organizationId: orgId });
      await t.db.query(
        `UPDATE enrolments SET status = $2::text, progress_percent = $3::int, lessons_completed = $4::int, best_final_score = $5::numeric,
                learning_seconds = $6::int, pre_done = $7::boolean, started_at = CASE WHEN $3::int > 0 THEN now() END,
                last_activity_at = CASE WHEN $3::int > 0 THEN now() END, completed_at = CASE WHEN $2::text = 'completed' THEN now() END
          WHERE id = $1`,
        [enrolmentId, p.status, p.progress, p.lessons, p.score, p.seconds, p.pre],
      );
    }

    // Impact cohort: the hand-worked dataset plus one learner with only a pre response.
    impactCohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const impactCourse = await createPublishedCourse(t, { authorId: author.id, lessons: 1, instrumentId });
    for (const [index, [pre, post]] of [...DATASET, [[3, 3, 3, 3, 3], null] as [number[], number[] | null]].entries()) {
      const user = await createUser(t, { name: `Impact ${index}` });
      const enrolmentId = await enrol(t, { userId: user.id, course: impactCourse, cohortId: impactCohortId, organizationId: orgId });
      // stored scores are deliberately wrong: the report must score the answers itself
      await t.db.query(
        `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores) VALUES ($1, $2, 'pre', $3, '{"calm": 99}')`,
        [enrolmentId, instrumentId, answers(pre)],
      );
      if (post) {
        await t.db.query(
          `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores) VALUES ($1, $2, 'post', $3, '{}')`,
          [enrolmentId, instrumentId, answers(post)],
        );
      }
    }

    // Small cohort: three pairs only.
    smallCohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const smallCourse = await createPublishedCourse(t, { authorId: author.id, lessons: 1, instrumentId });
    for (const [pre, post] of DATASET.slice(0, 3)) {
      const user = await createUser(t);
      const enrolmentId = await enrol(t, { userId: user.id, course: smallCourse, cohortId: smallCohortId, organizationId: orgId });
      await t.db.query(
        `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores)
         VALUES ($1, $2, 'pre', $3, '{}'), ($1, $2, 'post', $4, '{}')`,
        [enrolmentId, instrumentId, answers(pre), answers(post)],
      );
    }

    // Partial cohort: five pairs, but one learner's post answers leave "care" unscored, so care has 4 pairs.
    partialCohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    const partialCourse = await createPublishedCourse(t, { authorId: author.id, lessons: 1, instrumentId });
    for (const [index, [pre, post]] of DATASET.slice(0, 5).entries()) {
      const user = await createUser(t);
      const enrolmentId = await enrol(t, { userId: user.id, course: partialCourse, cohortId: partialCohortId, organizationId: orgId });
      const postAnswers = index === 0 ? JSON.stringify(ITEMS.slice(0, 3).map((itemId, i) => ({ itemId, value: post[i] }))) : answers(post);
      await t.db.query(
        `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores)
         VALUES ($1, $2, 'pre', $3, '{}'), ($1, $2, 'post', $4, '{}')`,
        [enrolmentId, instrumentId, answers(pre), postAnswers],
      );
    }

    // Hostile cohort: names and e-mails written to run in a spreadsheet.
    hostileCohortId = await createCohort(t, { organizationId: orgId, courseId: course.courseId });
    for (const [index, name] of HOSTILE_NAMES.entries()) {
      const email = `${['=', '+', '-', '@', ' =', ''][index % 6]}${unique('h')};=x@example.test`;
      const user = await createUser(t, { name, email });
      await enrol(t, { userId: user.id, course, cohortId: hostileCohortId, organizationId: orgId });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET progress lists every learner with the contract fields, paged and sorted in SQL', async () => {
    const res = await t.http.get(`/api/cohorts/${cohortId}/progress`).set('Authorization', manager.auth).expect(200);
    expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 100 });
    const anna = (res.body.rows as Record<string, unknown>[]).find((r) => r.name === 'Anna Rossi');
    expect(anna).toMatchObject({
      userId: cohortLearnerIds[1], status: 'completed', progressPercent: 100, lessonsCompleted: 4, lessonsTotal: 4,
      bestFinalScore: 95, minutes: 60, certificateNumber: null, overdue: false,
    });
    expect(typeof anna!.completedAt).toBe('string');
    expect(typeof anna!.email).toBe('string');
    const bruno = (res.body.rows as Record<string, unknown>[]).find((r) => r.name === 'Bruno Bianchi');
    expect(bruno).toMatchObject({ overdue: true, minutes: 25, bestFinalScore: 40 });

    const sorted = await t.http.get(`/api/cohorts/${cohortId}/progress?sort=progress&order=desc&pageSize=2&page=1`).set('Authorization', manager.auth).expect(200);
    expect(sorted.body.total).toBe(5);
    expect((sorted.body.rows as { progressPercent: number }[]).map((r) => r.progressPercent)).toEqual([100, 60]);
    const page3 = await t.http.get(`/api/cohorts/${cohortId}/progress?sort=progress&order=desc&pageSize=2&page=3`).set('Authorization', manager.auth).expect(200);
    expect((page3.body.rows as { progressPercent: number }[]).map((r) => r.progressPercent)).toEqual([0]);

    const found = await t.http.get(`/api/cohorts/${cohortId}/progress?q=bianchi`).set('Authorization', manager.auth).expect(200);
    expect((found.body.rows as { name: string }[]).map((r) => r.name)).toEqual(['Bruno Bianchi']);
    const overdue = await t.http.get(`/api/cohorts/${cohortId}/overdue`).set('Authorization', manager.auth).expect(200);
    expect((overdue.body.rows as { name: string }[]).map((r) => r.name).sort()).toEqual(['=HYPERLINK("http://evil.example","click")', 'Bruno Bianchi', 'Carla Verdi']);
    expect(overdue.body.rows[0]).toHaveProperty('lastActivityAt');

    const bad = await t.http.get(`/api/cohorts/${cohortId}/progress?pageSize=501&sort=shoe`).set('Authorization', manager.auth).expect(400);
    expect((bad.body.message as string[]).join('\n')).toMatch(/pageSize must not be greater than 500[\s\S]*sort must be one of/);
  });

  it('exports progress as CSV and XLSX with formula injection neutralised', async () => {
    const csv = await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv`).set('Authorization', manager.auth).buffer(true).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename=".*\.csv"/);
    const body = csv.text;
    expect(body.split('\r\n').filter((l) => l.length > 0)).toHaveLength(6);
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(body).not.toMatch(/(^|,)=HYPERLINK/m);

    const xlsx = await t.http.get(`/api/cohorts/${cohortId}/progress?format=xlsx`).set('Authorization', manager.auth)
      .buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const names: string[] = [];
    workbook.getWorksheet('Progress')!.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
    });
    expect(names).toHaveLength(5);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","click")`);
  });

  it('GET summary, funnel and score-distribution match what the fixtures created (withdrawn excluded)', async () => {
    const summary = await t.http.get(`/api/cohorts/${cohortId}/summary`).set('Authorization', manager.auth).expect(200);
    expect(summary.body).toEqual({ enrolled: 4, started: 3, completed: 1, overdue: 3, completionRate: 0.25, averageFinalScore: 67.5 });
    const funnel = await t.http.get(`/api/cohorts/${cohortId}/funnel`).set('Authorization', manager.auth).expect(200);
    expect(funnel.body).toEqual({ enrolled: 4, started: 3, preDone: 3, halfway: 2, completed: 1, certified: 0 });
    const dist = await t.http.get(`/api/cohorts/${cohortId}/score-distribution`).set('Authorization', manager.auth).expect(200);
    expect(dist.body.scored).toBe(2);
    expect(dist.body.buckets).toHaveLength(10);
    expect(dist.body.buckets[4]).toEqual({ from: 40, to: 50, count: 1 });
    expect(dist.body.buckets[9]).toEqual({ from: 90, to: 100, count: 1 });
  });

  it('GET impact matches independently computed reference values to 1e-9 (reverse-scored item included)', async () => {
    const res = await t.http.get(`/api/cohorts/${impactCohortId}/impact`).set('Authorization', manager.auth).expect(200);
    expect(res.body.instrumentId).toBe(instrumentId);
    expect(res.body.respondents).toBe(7);
    expect((res.body.scales as { key: string }[]).map((s) => s.key)).toEqual(['calm', 'care', 'total']);
    for (const scale of res.body.scales as Record<string, unknown>[]) {
      const ref = REFERENCE[scale.key as keyof typeof REFERENCE];
      expect(scale.pairedN).toBe(6);
      expect(scale.preN).toBe(7);
      expect(scale.postN).toBe(6);
      expect(scale.suppressed).toBe(false);
      expect(Math.abs((scale.preMean as number) - ref.preMean)).toBeLessThan(1e-9);
      expect(Math.abs((scale.postMean as number) - ref.postMean)).toBeLessThan(1e-9);
      expect(Math.abs((scale.meanChange as number) - ref.meanChange)).toBeLessThan(1e-9);
      const [low, high] = scale.ci95 as [number, number];
      expect(Math.abs(low - ref.ci95[0]!)).toBeLessThan(1e-9);
      expect(Math.abs(high - ref.ci95[1]!)).toBeLessThan(1e-9);
      expect(Math.abs((scale.effectSize as number) - ref.effectSize)).toBeLessThan(1e-9);
    }
    expect(res.body.withheld).toEqual([]);
    expect((res.body.rules as { code: string }[]).map((r) => r.code)).toContain('min-pairs');
  });

  it('withholds everything but counts below 5 pairs, saying which rule did', async () => {
    const res = await t.http.get(`/api/cohorts/${smallCohortId}/impact`).set('Authorization', manager.auth).expect(200);
    for (const scale of res.body.scales as Record<string, unknown>[]) {
      expect(scale).toMatchObject({ pairedN: 3, preMean: null, postMean: null, meanChange: null, ci95: null, effectSize: null, suppressed: true });
      expect(scale.withheld).toMatchObject({ rule: 'min-pairs', minimum: 5 });
    }
    expect(res.body.withheld).toHaveLength(3);
    expect(res.body.withheld[0]).toMatchObject({ scale: 'calm', rule: 'min-pairs' });
    expect(res.body.withheld[0].message).toMatch(/fewer than 5 paired responses/);
  });

  it('exports pseudonymous per-learner scores: stable pseudonyms, no names, no user ids', async () => {
    const first = await t.http.get(`/api/cohorts/${impactCohortId}/impact/export`).set('Authorization', manager.auth).buffer(true).expect(200);
    expect(first.headers['content-type']).toMatch(/^text\/csv/);
    const lines = first.text.split('\r\n').filter((l) => l.length > 0);
    expect(lines[0]).toBe('pseudonym,instrument,version,pre_calm,pre_care,pre_total,post_calm,post_care,post_total');
    expect(lines).toHaveLength(8);
    expect(first.text).not.toMatch(/Impact \d/);
    const userIds = (await t.db.query(`SELECT user_id, id FROM enrolments WHERE cohort_id = $1`, [impactCohortId])) as { user_id: string; id: string }[];
    for (const u of userIds) {
      expect(first.text).not.toContain(u.user_id);
      expect(first.text).not.toContain(u.id);
    }
    // the learner with calm 7/3 → 4 (c2 reverse-scored) is among the rows
    expect(lines.some((l) => /,2\.3333333333333335,2\.5,2\.4,4,3\.5,3\.8$/.test(l))).toBe(true);
    const second = await t.http.get(`/api/cohorts/${impactCohortId}/impact/export`).set('Authorization', manager.auth).buffer(true).expect(200);
    expect(second.text).toBe(first.text);
  });

  it('keys the pseudonym with the server secret: same person, same pseudonym in the cohort; not computable from any id', async () => {
    const config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
    const res = await t.http.get(`/api/cohorts/${impactCohortId}/impact/export`).set('Authorization', manager.auth).buffer(true).expect(200);
    const exported = res.text.split('\r\n').slice(1).filter((l) => l.length > 0).map((l) => l.split(',')[0]!);
    expect(exported).toHaveLength(7);
    const enrolments = (await t.db.query(`SELECT id, user_id FROM enrolments WHERE cohort_id = $1`, [impactCohortId])) as { id: string; user_id: string }[];
    // each person's pseudonym is HMAC-SHA256(PSEUDONYM_SECRET, cohort + user): the same in every export of the cohort
    expect([...exported].sort()).toEqual(enrolments.map((e) => pseudonymFor(config.pseudonymSecret, impactCohortId, e.user_id)).sort());

    // What a manager can compute from the ids they see (the progress report shows enrolment and user ids) never matches;
    // the old pseudonym, HMAC keyed by the cohort id over the enrolment id, is one of these.
    const fromIds = new Set<string>();
    for (const e of enrolments) {
      for (const id of [e.id, e.user_id]) {
        fromIds.add(`L-${createHmac('sha256', impactCohortId).update(id).digest('hex').slice(0, 16)}`);
        fromIds.add(`L-${createHmac('sha256', id).update(impactCohortId).digest('hex').slice(0, 16)}`);
        fromIds.add(pseudonymFor(impactCohortId, impactCohortId, id));
        fromIds.add(pseudonymFor('', impactCohortId, id));
      }
    }
    expect(exported.filter((p) => fromIds.has(p))).toEqual([]);

    // cohort-scoped: the same person in another cohort has an unrelated pseudonym; another secret gives others
    const someone = enrolments[0]!.user_id;
    expect(pseudonymFor(config.pseudonymSecret, smallCohortId, someone)).not.toBe(pseudonymFor(config.pseudonymSecret, impactCohortId, someone));
    expect(pseudonymFor(`${config.pseudonymSecret}x`, impactCohortId, someone)).not.toBe(pseudonymFor(config.pseudonymSecret, impactCohortId, someone));
  });

  it('the per-person export keeps the small-group rule: no rows below 5 pairs, no values for a withheld scale', async () => {
    const small = await t.http.get(`/api/cohorts/${smallCohortId}/impact/export`).set('Authorization', manager.auth).buffer(true).expect(200);
    expect(small.text.split('\r\n').filter((l) => l.length > 0)).toEqual([
      'pseudonym,instrument,version,pre_calm,pre_care,pre_total,post_calm,post_care,post_total',
    ]);

    const aggregate = await t.http.get(`/api/cohorts/${partialCohortId}/impact`).set('Authorization', manager.auth).expect(200);
    const withheld = new Set((aggregate.body.scales as { key: string; suppressed: boolean }[]).filter((s) => s.suppressed).map((s) => s.key));
    expect(withheld.has('care')).toBe(true);
    expect(withheld.has('calm')).toBe(false);
    const file = await t.http.get(`/api/cohorts/${partialCohortId}/impact/export`).set('Authorization', manager.auth).buffer(true).expect(200);
    const rows = parse(file.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      for (const key of ['calm', 'care', 'total']) {
        if (withheld.has(key)) expect([row[`pre_${key}`], row[`post_${key}`]]).toEqual(['', '']);
        else expect(row[`pre_${key}`]).toMatch(NUMBER);
      }
    }
  });

  it('exports are spreadsheet-safe in "," and ";" locales: CSV read back with csv-parse both ways, XLSX with exceljs', async () => {
    const csv = await t.http.get(`/api/cohorts/${hostileCohortId}/progress?format=csv`).set('Authorization', manager.auth).buffer(true).expect(200);
    const asRead = csvFieldsAsRead(csv.text);
    expect(asRead.filter(({ field }) => formulaLike(field))).toEqual([]);
    // the text is all there, with an apostrophe where a cell could start
    const records = parse(csv.text, { delimiter: ',', bom: true }) as string[][];
    expect(records).toHaveLength(HOSTILE_NAMES.length + 1);
    const names = records.slice(1).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining([
      `'=HYPERLINK("http://evil.example","click")`, `foo;'=cmd|' /C calc'!A0`, `a,'+1`, `'  @SUM(1+1)`, `'\t=1+1`, `'-2+3`,
      `Zoë;\n'=2+2`, `'"=quoted"`, 'Rossi, Anna',
    ]));

    const impact = await t.http.get(`/api/cohorts/${impactCohortId}/impact/export`).set('Authorization', manager.auth).buffer(true).expect(200);
    expect(csvFieldsAsRead(impact.text).filter(({ field }) => formulaLike(field))).toEqual([]);

    const xlsx = await t.http.get(`/api/cohorts/${hostileCohortId}/progress?format=xlsx`).set('Authorization', manager.auth)
      .buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell))));
    expect(cells.length).toBeGreaterThan(HOSTILE_NAMES.length * 3);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula !== undefined)).toEqual([]);
    const strings = cells.map((c) => c.value).filter((v): v is string => typeof v === 'string');
    expect(strings.filter(formulaLike)).toEqual([]);
    expect(strings).toContain(`foo;'=cmd|' /C calc'!A0`);
  });

  it('every export is an audit event naming the actor, the kind and the cohort', async () => {
    const before = new Date();
    await t.http.get(`/api/cohorts/${cohortId}/progress?format=csv&status=active`).set('Authorization', manager.auth).buffer(true).expect(200);
    await t.http.get(`/api/cohorts/${cohortId}/progress?format=xlsx`).set('Authorization', manager.auth).buffer(true).parse(binary).expect(200);
    await t.http.get(`/api/cohorts/${impactCohortId}/impact/export`).set('Authorization', manager.auth).buffer(true).expect(200);
    await t.http.get(`/api/cohorts/${cohortId}/progress`).set('Authorization', manager.auth).expect(200); // a page is not an export
    const events = (await t.db.query(
      `SELECT organization_id, actor_id, subject_type, subject_id, data FROM audit_events
        WHERE action = 'report.exported' AND actor_id = $1 AND at >= $2 ORDER BY id`,
      [manager.id, before],
    )) as { organization_id: string; actor_id: string; subject_type: string; subject_id: string; data: Record<string, unknown> }[];
    expect(events.map((e) => [e.subject_id, e.data.kind, e.data.format])).toEqual([
      [cohortId, 'progress', 'csv'],
      [cohortId, 'progress', 'xlsx'],
      [impactCohortId, 'impact', 'csv'],
    ]);
    for (const e of events) expect(e).toMatchObject({ organization_id: orgId, actor_id: manager.id, subject_type: 'cohort' });
    expect(events[0]!.data).toMatchObject({ cohortId, filters: { status: 'active' } });
    expect(events[2]!.data).toMatchObject({ cohortId: impactCohortId, instrumentId, rows: 7, withheldScales: [] });
    // managers read them in their organisation's audit log
    const log = await t.http.get(`/api/organizations/${orgId}/audit-events`).set('Authorization', manager.auth).expect(200);
    expect(JSON.stringify(log.body)).toContain('report.exported');
  });

  it('answers 404 to another organisation’s manager and to learners on every report', async () => {
    const learner = await createUser(t);
    for (const path of ['progress', 'progress?format=csv', 'overdue', 'summary', 'funnel', 'score-distribution', 'impact', 'impact/export']) {
      await t.http.get(`/api/cohorts/${impactCohortId}/${path}`).set('Authorization', otherManager.auth).expect(404);
      await t.http.get(`/api/cohorts/${impactCohortId}/${path}`).set('Authorization', learner.auth).expect(404);
    }
    await t.http.get(`/api/cohorts/not-a-uuid/summary`).set('Authorization', manager.auth).expect(404);
    await t.http.get(`/api/cohorts/${impactCohortId}/summary`).expect(401);
  });
});
