import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * For PATCH bodies: the field may be left out, but when it is present it must be valid
 * (null is not a way to skip validation).
 */
export const IfPresent = (options?: ValidationOptions) =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);

/** At least one character that is not white space. */
export const NOT_BLANK = /\S/;

