import type { AuditLogRow } from '@kindling/db';
import type { Locale } from '@kindling/domain';
import { CATALOGUES, translate, type MessageKey } from '@kindling/i18n';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The name of someone an event refers to, as read now. */
function who(locale: Locale, name: string | null, erased: boolean, id: string | null): string {
  if (erased) return translate(locale, 'office2.audit.erasedPerson');
  if (name) return name;
  return id ? translate(locale, 'office2.audit.unknownPerson') : translate(locale, 'office2.audit.system');
}

export function actorNameOf(locale: Locale, r: AuditLogRow): string | null {
  return r.actor_id ? who(locale, r.actor_name, r.actor_erased, r.actor_id) : null;
}

export function personNameOf(locale: Locale, r: AuditLogRow): string | null {
  return r.person_id ? who(locale, r.person_name, r.person_erased, r.person_id) : null;
}

const ROLES = new Set(['manager', 'learner']);

/**
 * An audit event as a sentence in `locale` ("Maria Rossi revoked certificate KND-2026-000123:
 * wrong person"): key `office2.audit.action.<action>` (dots and dashes as underscores) with the
 * names resolved at read time; an action without a sentence of its own reads
 * "<actor>: <action> (<person>)".
 */
export function auditSentence(locale: Locale, r: AuditLogRow): string {
  const data = r.data ?? {};
  const role = (v: unknown) => (ROLES.has(str(v)) ? translate(locale, `office2.audit.role.${str(v)}` as MessageKey) : str(v));
  const params = {
    actor: actorNameOf(locale, r) ?? translate(locale, 'office2.audit.system'),
    person: personNameOf(locale, r) ?? '–',
    number: r.certificate_number ?? str(data.number),
    reason: str(data.reason),
    role: role(data.role),
    to: role(data.to),
    cohort: r.cohort_name ?? (str(data.cohortName) || str(data.name)),
    name: str(data.name),
    kind: str(data.kind),
    format: str(data.format).toUpperCase(),
    enrolments: str(data.enrolments),
    certificates: str(data.certificates),
    action: r.action,
  };
  let action = r.action;
  if (action === 'user.erased' && data.reason === 'retention') action = 'user.erased_retention';
  if (action === 'certificate.revoked' && !params.reason) action = 'certificate.revoked_no_reason';
  const key = `office2.audit.action.${action.replace(/[.-]/g, '_')}`;
  if (key in CATALOGUES.en) return translate(locale, key as MessageKey, params);
  return translate(locale, 'office2.audit.generic', params);
}
