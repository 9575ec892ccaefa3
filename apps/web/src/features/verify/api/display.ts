/**
 * A certificate's text as its PDF prints it: bidi embeddings, overrides and isolates, control
 * characters and line breaks become spaces (the renderer's rule), so a name stored with a
 * right-to-left override ("\u202EnosnhoJ nhoJ") is not shown as a different name ("John Johnson")
 * on the page than on the paper. Certificates issued since the worker stores printed text never
 * carry these characters; this covers older records and credential files.
 */
export function printed(value: string): string;
export function printed(value: string | null | undefined): string | null;
export function printed(value: string | null | undefined): string | null {
  if (value == null) return null;
  return value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\ufeff\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Stands for a value while a translated sentence is built, so the sentence can be cut around it. */
export const VALUE_MARK = '\u0000';

/**
 * A translated sentence built with VALUE_MARK in place of a value, cut into the words before and
 * after it. The page puts the value between them in a <bdi> element: a right-to-left name cannot
 * reorder the words around it, and no invisible character is added to the text people copy.
 */
export function aroundValue(sentence: string): [before: string, after: string] {
  const at = sentence.indexOf(VALUE_MARK);
  return at < 0 ? [sentence, ''] : [sentence.slice(0, at), sentence.slice(at + VALUE_MARK.length)];
}

/**
 * The claims of a checked credential that the page may show as facts: none for an invalid one
 * (a changed name or number of hours, another key, an unknown credential vouch for nothing).
 */
export function claimsToShow<C>(result: { status: string; claims: C }): C | null {
  return result.status === 'invalid' ? null : result.claims;
}
