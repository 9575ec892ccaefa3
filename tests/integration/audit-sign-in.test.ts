/**
 * Issue 14, point 13 (sign-in part): sign-ins (success and failure), password-reset requests
 * and completed resets are audit events — with the account when it is known, never the
 * password — and the audit table is append-only: UPDATE, DELETE and TRUNCATE of
 * audit_events fail for the application's database role.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashToken } from '../../apps/api/src/identity/one-time-token.js';
import { PupilCredentials } from '../../apps/api/src/identity/pupil-credentials.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { createUser, TEST_PASSWORD } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';

let t: TestApp;
let ipSeq = Math.floor(Math.random() * 0xfff0);
const freshIp = () => `2001:db8:a0d1::${(ipSeq++).toString(16)}`;

interface AuditRow {
  id: string;
  action: string;
  actor_id: string | null;
  subject_type: string;
  subject_id: string | null;
  data: Record<string, unknown>;
}

async function auditOf(userId: string): Promise<AuditRow[]> {
  return t.db.query(
    `SELECT id, action, actor_id, subject_type, subject_id, data FROM audit_events
      WHERE subject_id = $1 AND action LIKE 'auth.%' ORDER BY id`,
    [userId],
  );
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('sign-ins and password resets are audited', () => {
  it('a failed and a successful sign-in are recorded with the account and the address, never the password', async () => {
    const user = await createUser(t);
    const from = freshIp();
    const wrong = `my wrong secret ${randomBytes(4).toString('hex')}`;
    await t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: wrong }).expect(401);
    await t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const rows = await auditOf(user.id);
    expect(rows.map((r) => r.action)).toEqual(['auth.sign_in_failed', 'auth.signed_in']);
    expect(rows[0]).toMatchObject({ actor_id: null, subject_type: 'user', subject_id: user.id, data: { method: 'password', ip: from } });
    expect(rows[1]).toMatchObject({ actor_id: user.id, subject_type: 'user', subject_id: user.id, data: { method: 'password', ip: from } });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(wrong);
    expect(stored).not.toContain(TEST_PASSWORD);
  });

  it('a failed sign-in for an unknown address is recorded without an account and without what was typed', async () => {
    const email = `${unique('ghost')}@example.test`;
    const typed = `typed secret ${randomBytes(4).toString('hex')}`;
    const from = freshIp();
    await t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password: typed }).expect(401);
    const rows: AuditRow[] = await t.db.query(
      `SELECT id, action, actor_id, subject_type, subject_id, data FROM audit_events WHERE action = 'auth.sign_in_failed' AND data->>'ip' = $1`,
      [from],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: null, subject_id: null, data: { reason: 'unknown_account' } });
    expect(JSON.stringify(rows)).not.toContain(typed);
  });

  it('pupil sign-ins are recorded too, without the code', async () => {
    const username = unique('pupil').toLowerCase();
    const code = 'mnpqr-stvwx';
    const rows: { id: string }[] = await t.db.query(
      `INSERT INTO users (username, name, is_pupil, sign_in_code_hash) VALUES ($1, 'Pupil A.', true, $2) RETURNING id`,
      [username, PupilCredentials.hashCode(code)],
    );
    const from = freshIp();
    await t.http.post('/api/auth/pupil-login').set('X-Forwarded-For', from).send({ username, code: 'zzzzz-zzzzz' }).expect(401);
    await t.http.post('/api/auth/pupil-login').set('X-Forwarded-For', from).send({ username, code }).expect(200);
    const audit = await auditOf(rows[0]!.id);
    expect(audit.map((r) => [r.action, r.data.method])).toEqual([
      ['auth.sign_in_failed', 'pupil_code'],
      ['auth.signed_in', 'pupil_code'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(code);
  });

  it('a password-reset request and a completed reset are recorded, without the link or the new password', async () => {
    const user = await createUser(t);
    const from = freshIp();
    await t.http.post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email: user.email }).expect(202);
    // The request's audit row is written after the 202 (the answer takes the same time for any address).
    await eventually(() => auditOf(user.id), (r) => r.length > 0);
    // A link of our own (the e-mail path is tested elsewhere): only its hash is stored, as the service does.
    const token = randomBytes(32).toString('base64url');
    await t.db.query(
      `INSERT INTO one_time_tokens (kind, user_id, token_hash, expires_at) VALUES ('password_reset', $1, $2, now() + interval '1 hour')`,
      [user.id, hashToken(token)],
    );
    const fresh = `a brand new long secret ${randomBytes(3).toString('hex')}`;
    await t.http.post(`/api/auth/password-reset/${token}`).set('X-Forwarded-For', from).send({ password: fresh }).expect(204);
    const rows = await auditOf(user.id);
    expect(rows.map((r) => r.action)).toEqual(['auth.password_reset_requested', 'auth.password_reset_completed']);
    expect(rows[0]).toMatchObject({ actor_id: null, subject_id: user.id, data: { ip: from } });
    expect(rows[1]).toMatchObject({ actor_id: user.id, subject_id: user.id, data: { ip: from } });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(fresh);
  });

  it('a reset request for an unknown address is recorded without an account', async () => {
    const from = freshIp();
    await t.http.post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email: `${unique('nobody')}@example.test` }).expect(202);
    const rows = await eventually<AuditRow[]>(
      () =>
        t.db.query(
          `SELECT id, action, actor_id, subject_type, subject_id, data FROM audit_events WHERE action = 'auth.password_reset_requested' AND data->>'ip' = $1`,
          [from],
        ),
      (r) => r.length > 0,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_id: null, data: { reason: 'unknown_account' } });
  });
});

describe('the audit log is append-only for the application’s database role', () => {
  async function oneEvent(): Promise<string> {
    const rows: { id: string }[] = await t.db.query(
      `INSERT INTO audit_events (organization_id, actor_id, action, subject_type, subject_id, data)
       VALUES (NULL, NULL, 'test.append_only', 'test', $1, '{}') RETURNING id`,
      [unique('subject')],
    );
    return rows[0]!.id;
  }

  it('UPDATE of an audit event fails and leaves it unchanged', async () => {
    const id = await oneEvent();
    await expect(t.db.query(`UPDATE audit_events SET action = 'test.rewritten', data = '{"forged":true}' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    const rows: { action: string }[] = await t.db.query(`SELECT action FROM audit_events WHERE id = $1`, [id]);
    expect(rows).toEqual([{ action: 'test.append_only' }]);
  });

  it('DELETE of an audit event fails and leaves it in place', async () => {
    const id = await oneEvent();
    await expect(t.db.query(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    const rows: unknown[] = await t.db.query(`SELECT 1 FROM audit_events WHERE id = $1`, [id]);
    expect(rows).toHaveLength(1);
  });

  it('TRUNCATE of the audit table fails', async () => {
    const id = await oneEvent();
    await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    const rows: unknown[] = await t.db.query(`SELECT 1 FROM audit_events WHERE id = $1`, [id]);
    expect(rows).toHaveLength(1);
  });

  it('appending still works (the application records events as before)', async () => {
    const id = await oneEvent();
    expect(Number(id)).toBeGreaterThan(0);
  });
});
