import type { ComponentPropsWithRef, ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

interface FieldFrame {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ id, label, error, hint, optional, children }: FieldFrame & { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> ({t('common.optional')})</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <Icon name="warning" size={16} />
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ id, label, error, hint, optional, ...input }: FieldFrame & ComponentPropsWithRef<'input'>) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} optional={optional ?? false}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </Frame>
  );
}

export function TextArea({ id, label, error, hint, optional, ...input }: FieldFrame & ComponentPropsWithRef<'textarea'>) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} optional={optional ?? false}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </Frame>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  optional,
  children,
  ...select
}: FieldFrame & ComponentPropsWithRef<'select'>) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} optional={optional ?? false}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {children}
      </select>
    </Frame>
  );
}

export function CheckboxField({ id, label, hint, ...input }: Omit<FieldFrame, 'error'> & ComponentPropsWithRef<'input'>) {
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export type TranslationKey = ParseKeys;

/**
 * Turns a react-hook-form error into text: zod messages are translation keys, errors set from
 * the API's answer (type `server`) are shown as the API wrote them.
 */
export function useFieldErrorText(): (error: FieldError | undefined) => string | undefined {
  const { t } = useTranslation();
  return (error) => {
    if (!error?.message) return undefined;
    if (error.type === 'server') return error.message;
    return t(error.message as TranslationKey);
  };
}
