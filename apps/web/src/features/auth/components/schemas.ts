import { z } from 'zod';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Zod pieces whose messages are translation keys (see useFieldErrorText). */
export const email = z.string().trim().min(1, 'validation.required').regex(EMAIL, 'validation.email');
export const required = z.string().trim().min(1, 'validation.required');
export const newPassword = z.string().min(12, 'validation.passwordLength').max(200, 'validation.tooLong');

/** A new password typed twice. */
export const passwordPair = z
  .object({ password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'validation.passwordMismatch', path: ['confirm'] });
