import { localeFromAcceptLanguage } from '@kindling/domain';
import { translate, type MessageKey } from '@kindling/i18n';
import type { SignInFailure } from './sign-in-failure.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – Kindling</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}a{color:#0b57d0}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body>
</html>`;
}

/** The readable page a failed external sign-in ends on, in the browser's language; never a stack trace. */
export function failurePage(failure: SignInFailure, acceptLanguage: string | undefined): string {
  const locale = localeFromAcceptLanguage(acceptLanguage) ?? 'en';
  const params = { provider: failure.params.provider ?? 'the identity provider', email: failure.params.email ?? '' };
  const text = translate(locale, `sso.page.${failure.reason}` as MessageKey, params);
  return page(
    locale,
    translate(locale, 'sso.page.title'),
    `<p role="alert" data-reason="${failure.reason}">${escape(text)}</p><p><a href="/sign-in">${escape(translate(locale, 'sso.page.again'))}</a></p>`,
  );
}

/** The failure's sentence alone, for API clients that asked for JSON. */
export function failureText(failure: SignInFailure, acceptLanguage: string | undefined): string {
  const locale = localeFromAcceptLanguage(acceptLanguage) ?? 'en';
  const params = { provider: failure.params.provider ?? 'the identity provider', email: failure.params.email ?? '' };
  return translate(locale, `sso.page.${failure.reason}` as MessageKey, params);
}

/** A verified password account exists for the address: its owner signs in once with the password to link. */
export function linkPage(link: { token: string; email: string; provider: string }, acceptLanguage: string | undefined): string {
  const locale = localeFromAcceptLanguage(acceptLanguage) ?? 'en';
  const href = `/sign-in?ssoLink=${encodeURIComponent(link.token)}&email=${encodeURIComponent(link.email)}`;
  return page(
    locale,
    translate(locale, 'sso.page.linkTitle'),
    `<p>${escape(translate(locale, 'sso.page.link', { email: link.email, provider: link.provider }))}</p><p><a href="${escape(href)}">${escape(translate(locale, 'sso.page.linkAction'))}</a></p>`,
  );
}

/**
 * After a successful callback: the session cookies are SameSite=Strict, which a browser does not
 * send on a redirect chain that began at the provider; a same-site navigation from this page does.
 */
export function continuePage(target: string): string {
  const href = escape(target);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Kindling</title></head><body><p><a href="${href}">Continue</a></p></body></html>`;
}
