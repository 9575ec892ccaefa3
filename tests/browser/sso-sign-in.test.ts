import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrganization, createUser, tokenFor } from '../support/fixtures.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { unique } from '../support/app.js';
import { api, axeViolations, type BrowserHarness, settled, signedInContext, startHarness, withFailureDump } from './support/harness.js';

/**
 * Issue #15 point 6 in Chromium: a person types the work address on Kindling's sign-in page, is
 * routed to the organisation's real OpenID provider (oidc-provider), signs in on the provider's
 * own login and consent pages, and lands on the learner's home as a new member.
 */
describe('signing in through the organisation’s OpenID provider (issue 15)', () => {
  let h: BrowserHarness;
  let idp: TestOidcProvider;
  let domain: string;

  beforeAll(async () => {
    h = await startHarness();
    idp = await startTestOidcProvider({ redirectUris: [`${h.baseUrl}/api/sso/oidc/callback`] });
    const orgId = await createOrganization(h.t, unique('Klinik'));
    const manager = await createUser(h.t, { name: 'SSO Manager' });
    await h.t.db.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'manager')`, [orgId, manager.id]);
    domain = `${unique('k').toLowerCase()}.example`;
    const created = await api(h, `Bearer ${tokenFor(h.t, manager.id, 600)}`, 'POST', `/api/organizations/${orgId}/identity-providers`, {
      displayName: 'Klinik Login',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      domains: [domain],
    });
    if (created.status !== 201) throw new Error(`the provider was not saved: ${created.status} ${JSON.stringify(created.body)}`);
  }, 120_000);

  afterAll(async () => {
    await idp?.stop();
    await h?.close();
  });

  it('routes by e-mail domain, signs in on the provider’s page and lands on the learner’s home', async () => {
    const sub = unique('nurse');
    const email = `lea.${sub.toLowerCase()}@${domain}`;
    idp.accounts.set(sub, { sub, email, email_verified: true, name: 'Lea Meier' });
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await withFailureDump(page, 'sso-sign-in', async () => {
        await page.goto(`${h.baseUrl}/sign-in`);
        await settled(page);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByLabel('Work or school e-mail address').fill(email);
        await page.getByRole('button', { name: 'Continue' }).click();
        // The provider's own login page (oidc-provider's interaction form).
        await page.waitForURL(new RegExp(`^${idp.issuer}/interaction/`));
        await page.locator('input[name="login"]').fill(sub);
        await page.locator('input[name="password"]').fill('anything');
        await page.locator('button[type="submit"]').click();
        // Its consent page, then back to Kindling's callback and on to the learner's home.
        await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached' });
        await page.locator('button[type="submit"]').click();
        await page.waitForURL(`${h.baseUrl}/`, { timeout: 20_000 });
        await settled(page);
        const me = await page.evaluate(async () => (await fetch('/api/me')).json());
        expect(me).toMatchObject({ email, name: 'Lea Meier' });
        expect((me as { memberships: { role: string }[] }).memberships).toEqual([expect.objectContaining({ role: 'learner' })]);
        await expect(page.locator('h1').first().isVisible()).resolves.toBe(true);
      });
    } finally {
      await context.close();
    }
  }, 120_000);
  it('a manager configures the provider on the settings page (in German): a wrong issuer is refused by name, the secret is never shown, password sign-in switches off', async () => {
    const orgId = await createOrganization(h.t, unique('Spital'));
    const manager = await createUser(h.t, { name: 'Leitung Bildung', locale: 'de' });
    await h.t.db.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'manager')`, [orgId, manager.id]);
    const de = JSON.parse(readFileSync(join(process.cwd(), 'apps', 'web', 'src', 'i18n', 'locales', 'de.json'), 'utf8')) as { sso: { settings: Record<string, string> } };
    const s = de.sso.settings as Record<'providers' | 'empty' | 'add' | 'displayName' | 'issuer' | 'clientId' | 'clientSecret' | 'domains' | 'save' | 'passwordAllowed', string>;
    const context = await signedInContext(h, manager.id, { locale: 'de-CH' });
    const page = await context.newPage();
    try {
      await withFailureDump(page, 'sso-settings', async () => {
        await page.goto(`${h.baseUrl}/manage/organizations/${orgId}/sso`);
        await page.getByRole('heading', { level: 2, name: s.providers }).waitFor();
        await page.getByText(s.empty).waitFor();
        await settled(page);
        expect(await axeViolations(page)).toEqual([]);

        await page.getByRole('button', { name: s.add }).click();
        const form = page.getByRole('form', { name: s.add });
        const secret = `geheim-${unique('s')}`;
        await form.getByLabel(s.displayName).fill('Spital Login');
        // An issuer that is no OpenID provider: the API reads its discovery document and refuses it, in German.
        await form.getByLabel(s.issuer).fill(`${h.baseUrl}/no-provider-here`);
        await form.getByLabel(s.clientId).fill(idp.clientId);
        await form.getByLabel(s.clientSecret).fill(secret);
        await form.getByLabel(s.domains).fill(`${unique('sp').toLowerCase()}.example`);
        await form.getByRole('button', { name: s.save }).click();
        const alert = form.getByRole('alert');
        await alert.waitFor();
        const refusal = await alert.innerText();
        expect(refusal).toContain(`${h.baseUrl}/no-provider-here`);
        expect(refusal).not.toMatch(/\b(the|could not|cannot|is not)\b/);

        await form.getByLabel(s.issuer).fill(idp.issuer);
        await form.getByRole('button', { name: s.save }).click();
        await page.getByRole('heading', { level: 3, name: 'Spital Login' }).waitFor();
        await expect(page.locator('body').innerText()).resolves.not.toContain(secret);
        await expect(page.getByText(`${h.baseUrl}/api/sso/oidc/callback`).first().isVisible()).resolves.toBe(true);
        const listed = await api<{ clientSecret?: string }[]>(h, `Bearer ${tokenFor(h.t, manager.id, 600)}`, 'GET', `/api/organizations/${orgId}/identity-providers`);
        expect(listed.status).toBe(200);
        expect(JSON.stringify(listed.body)).not.toContain(secret);
        await settled(page);
        expect(await axeViolations(page)).toEqual([]);

        const passwordSwitch = page.getByLabel(s.passwordAllowed);
        await expect(passwordSwitch.isChecked()).resolves.toBe(true);
        await passwordSwitch.click();
        // The box follows the server's answer (the query data is set from the PUT's response).
        await page.locator('#sso-password-allowed:not(:checked)').waitFor({ state: 'attached' });
        const stored = (await h.t.db.query(`SELECT password_sign_in FROM organizations WHERE id = $1`, [orgId])) as { password_sign_in: boolean }[];
        expect(stored[0]?.password_sign_in).toBe(false);
      });
    } finally {
      await context.close();
    }
  }, 120_000);
});
