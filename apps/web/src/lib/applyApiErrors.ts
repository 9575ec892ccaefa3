import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from '../api';
import { errorText } from '../components/ErrorMessage';

/**
 * Puts the API's validation messages next to the fields they name ("title should not be
 * empty", "questions.0.options.1.text …") and answers the messages for the whole form: those
 * no field claims, or a translated sentence for any other failure.
 */
export function applyApiErrors<T extends FieldValues>(
  t: TFunction,
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string[] {
  if (!isApiError(error) || (error.status !== 400 && error.status !== 422) || !error.messages.length) {
    return [errorText(t, error)];
  }
  const rest: string[] = [];
  for (const message of error.messages) {
    const path = /^([A-Za-z]\w*(?:\.\w+)*)\s/.exec(message)?.[1];
    const root = path?.split('.')[0];
    if (path && root && fields.includes(root)) setError(path as Path<T>, { type: 'server', message });
    else rest.push(message);
  }
  return rest;
}
