/**
 * SQL fragments that read a text in the reader's language edition (table course_edition_texts),
 * falling back to the default language's column. `userExpr` is the reader whose account
 * language decides (the language rule stores it on users.locale); a NULL reader reads the default.
 */
export function editionText(o: {
  kind: 'course' | 'module' | 'lesson' | 'quiz';
  field: string;
  fallback: string;
  versionExpr: string;
  lineageExpr: string;
  userExpr: string;
}): string {
  return `coalesce((SELECT nullif(btrim(et.texts->>'${o.field}'), '') FROM course_edition_texts et JOIN users eu ON eu.id = ${o.userExpr}
                     WHERE et.course_version_id = ${o.versionExpr} AND et.locale = eu.locale AND et.item_kind = '${o.kind}'
                       AND et.lineage_id = ${o.lineageExpr}), ${o.fallback})`;
}

/** The language a reader reads a version in: theirs when the version has an edition in it, else the version's own. */
export function editionLocale(versionAlias: string, userExpr: string): string {
  return `coalesce((SELECT eu.locale FROM users eu WHERE eu.id = ${userExpr}
                     AND EXISTS (SELECT 1 FROM course_edition_texts et WHERE et.course_version_id = ${versionAlias}.id AND et.locale = eu.locale)),
                   ${versionAlias}.locale)`;
}
