import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMember, createOrganization, createUser } from '../support/fixtures.js';

describe('the queue dashboard at /admin/queues', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a signed-out browser to sign in', async () => {
    const res = await t.http.get('/admin/queues').expect(302);
    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Fqueues');
  });

  it('does not exist for managers and learners, or with a forged token', async () => {
    const org = await createOrganization(t);
    const manager = await createUser(t);
    await addMember(t, org, manager.id, 'manager');
    for (const auth of [manager.auth, 'Bearer not-a-token']) {
      const res = await t.http.get('/admin/queues/api/queues').set('Authorization', auth).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it("shows Kindling's queues to a platform admin", async () => {
    const admin = await createUser(t, { platformRoles: ['admin'] });
    const page = await t.http.get('/admin/queues').set('Authorization', admin.auth).expect(200);
    expect(page.text).toContain('<div id="root">');
    const api = await t.http.get('/admin/queues/api/queues').set('Authorization', admin.auth).expect(200);
    const names = (api.body as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['bulk', 'certificates', 'email']);
  });
});
