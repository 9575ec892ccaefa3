import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { hasDirectionControls, PERSON_NAME_MAX, personName } from '@kindling/domain';
import { keyed } from '../../common/validation/keyed.js';

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
const NO_DIRECTION_CONTROLS = /^[^\u202a-\u202e\u2066-\u2069]*$/u;

/** The rule in words, for the OpenAPI description. */
export const PERSON_NAME_RULE =
  '1–200 characters; refused (400): line breaks and other control characters, and bidi embeddings, overrides and isolates ' +
  '(U+202A–U+202E, U+2066–U+2069); removed: other invisible characters (zero-width space, U+200E/U+200F marks, BOM, …); ' +
  'spaces collapsed, trimmed, stored in NFC.';

/** Cleans a typed name by the shared rule, unless it holds what is refused (left as sent, for the checks to name). */
const cleanTyped = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && NO_CONTROL_CHARACTERS.test(value) && !hasDirectionControls(value) ? personName(value) : value;

/**
 * A name a person types (their own at sign-up, in the profile, on the invitation page, for
 * certificates; a manager's for a new member). Refused with 400 naming the field: control
 * characters (line breaks, tabs: a one-line field never holds them) and bidi embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name read as another;
 * the person can type it again. Everything else invisible (U+200B, U+200E/U+200F, BOM, …) is
 * removed silently, as pasting from a document leaves it (libs/domain `personName`), and the
 * limit of 1–200 characters applies to the cleaned name.
 */
export function TypedPersonName(): PropertyDecorator {
  return applyDecorators(
    Transform(cleanTyped),
    IsString(),
    Matches(NO_CONTROL_CHARACTERS, { message: keyed('validation.controlCharacters') }),
    Matches(NO_DIRECTION_CONTROLS, { message: keyed('credentials.personName.directionControls') }),
    Length(1, PERSON_NAME_MAX),
  );
}
