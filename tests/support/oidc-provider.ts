import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the test provider: the claims it asserts. */
export interface ProviderAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  employee_id?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Add or change a person (also between sign-ins). */
  accounts: Map<string, ProviderAccount>;
  /** How many requests reached the token endpoint so far (code and refresh-token grants). */
  tokenRequests(): number;
  stop(): Promise<void>;
  /** Listens again on the same port after stop() (provider back up). */
  restart(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider, the certified Node implementation) on loopback, with
 * one confidential client whose redirect URI is Kindling's callback and its default
 * development login and consent pages (any login name that is a known account; any password).
 */
export async function startTestOidcProvider(options: { redirectUris: string[]; postLogoutRedirectUris?: string[] }): Promise<TestOidcProvider> {
  const accounts = new Map<string, ProviderAccount>();
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let server: Server = createServer((req, res) => handler!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'kindling-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-key' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'employee_id', 'groups'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600, RefreshToken: 3600 },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ ...account }) };
    },
  });
  // Entra ID and Keycloak issue a refresh token for `offline_access` at once; oidc-provider keeps
  // to OIDC Core 11 strictly and drops the scope unless the request also has prompt=consent. The
  // test provider behaves like the former (its consent page is still shown and answered).
  provider.use(async (ctx, next) => {
    if (ctx.path === '/auth' && typeof ctx.query.scope === 'string' && ctx.query.scope.split(' ').includes('offline_access') && !ctx.query.prompt) {
      ctx.query = { ...ctx.query, prompt: 'consent' };
    }
    await next();
  });
  // Quiet: the provider's own error events are expected in failure tests.
  provider.on('server_error', () => undefined);
  const callback = provider.callback();
  let tokenRequests = 0;
  handler = (req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/token')) tokenRequests++;
    callback(req, res);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tokenRequests: () => tokenRequests,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
    restart: async () => {
      server = createServer((req, res) => handler!(req, res));
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}

/** A browser's cookie jar for one origin, enough for the provider's session cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Drives the provider's side of the redirect dance over HTTP like a browser: from the
 * authorization URL through the login form (as `login`) and the consent form, until the provider
 * redirects to Kindling's redirect URI. Answers that URL (code, state, iss). `deny: true` aborts at
 * the login page instead (the person cancels).
 */
export async function signInAtProvider(authorizationUrl: string, redirectUri: string, login: string, options: { deny?: boolean } = {}): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 20; step++) {
    if (url.href.startsWith(redirectUri)) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${url.href}: ${html.slice(0, 300)}`);
    if (options.deny) {
      const abort = /href="([^"]*\/abort)"/.exec(html)?.[1];
      if (!abort) throw new Error('no abort link on the interaction page');
      url = new URL(abort.replace(/&amp;/g, '&'), url);
      continue;
    }
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const posted = await fetch(new URL(action.replace(/&amp;/g, '&'), url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    jar.store(posted);
    const next = posted.headers.get('location');
    if (!next) throw new Error(`the provider answered ${posted.status} to the ${prompt} form: ${(await posted.text()).slice(0, 300)}`);
    url = new URL(next, url);
  }
  throw new Error('the provider never redirected back to Kindling');
}
