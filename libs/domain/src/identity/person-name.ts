/**
 * The one rule for people's names wherever they enter Kindling (sign-up, profile, invitation,
 * certificate name, members, enrolment files, pupils, single sign-on): a name is stored as it
 * reads, so the account list, the verification page, the signed credential and the PDF (which
 * drops these characters when it prints: libs/certificates `printedText`) all show one name.
 *
 * - NFC, so "e" + combining diaeresis and "ë" are the same name.
 * - Removed: bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the marks
 *   U+200E/U+200F/U+061C, zero-width space, word joiner, BOM, soft hyphen, Hangul fillers and
 *   every other format (Cf) or default-ignorable character: invisible, and able to make one name
 *   look like another.
 * - Kept: every letter (Arabic, Hebrew, CJK, …) and combining mark; variation selectors (a
 *   Japanese name's ideograph variant); ZWNJ/ZWJ between two letters (Persian "حسین‌زاده",
 *   Indic scripts), where they change the letters' shape, not their order.
 * - Control characters, line/paragraph separators and every kind of space become one space;
 *   the result is trimmed.
 *
 * Entry points where a person types their own name refuse the direction controls instead
 * (`hasDirectionControls`): such a character there is a trick or a paste gone wrong, and the
 * person can type the name again. Files and identity providers are cleaned silently: a stray
 * U+200B from a spreadsheet must not fail a line, nor a provider's claim a sign-in.
 */

/** Embeddings, overrides and isolates: they reorder how the text around them is shown. */
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u;
/** ZWNJ/ZWJ not between two letters or marks shape nothing there. */
const LOOSE_JOINERS = /(?<![\p{L}\p{M}])(?:\u200c|\u200d)+|(?:\u200c|\u200d)+(?![\p{L}\p{M}])/gu;
/** Format and default-ignorable characters, except joiners (handled above), CGJ and variation selectors. */
const INVISIBLE = /(?!\u200c|\u200d|\u034f|[\u180b-\u180d]|\u180f|[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}])[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Controls, separators and spaces of every kind. */
const SPACING = /[\p{Cc}\p{Z}\s]+/gu;

/** The longest name kept (the forms' and files' limit); longer text from a provider is cut. */
export const PERSON_NAME_MAX = 200;

/** A person's name as Kindling stores it (see above); '' when nothing visible is left. */
export function personName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(LOOSE_JOINERS, '')
    .replace(INVISIBLE, '')
    .replace(SPACING, ' ')
    .trim()
    .normalize('NFC');
}

/** Whether text holds a bidi embedding, override or isolate (refused where a person types their name). */
export function hasDirectionControls(raw: string): boolean {
  return DIRECTION_CONTROLS.test(raw);
}

/**
 * A name from a source that cannot be asked again (an identity provider's claim): cleaned, and
 * cut to PERSON_NAME_MAX characters (never inside a surrogate pair); null when nothing is left.
 */
export function personNameFromClaim(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const name = personName(raw);
  if (name === '') return null;
  if (name.length <= PERSON_NAME_MAX) return name;
  let cut = '';
  for (const char of name) {
    if (cut.length + char.length > PERSON_NAME_MAX) break;
    cut += char;
  }
  return cut.trim();
}
