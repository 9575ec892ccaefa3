import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { CATALOGUES } from './translate.js';

/**
 * The API's own messages reach people in their language only when they are keys: this scan of
 * the server sources fails on an error thrown with a plain text (a string literal, a template or
 * a concatenation) and on a key or {parameter} the catalogue lacks. It reads the code, so it also
 * covers branches no integration test reaches.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCANNED = ['apps/api/src', 'apps/worker/src', ...readdirSync(join(ROOT, 'libs')).map((l) => `libs/${l}/src`)];
/** CSV line errors of the learner import are converted by their own change (helper "office"). */
const NOT_YET = new Set(['libs/enrolment/src/learner-input.ts']);
const HTTP_EXCEPTIONS = /^(BadRequest|Unauthorized|Forbidden|NotFound|Conflict|Gone|PayloadTooLarge|UnsupportedMediaType|UnprocessableEntity|Http)Exception$/;
const MESSAGE_TAKERS = new Set(['conflict', 'invalid', 'tooManyRequests']);

const en = CATALOGUES.en as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true })
    .map((f) => join(abs, String(f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts') && !f.includes('/messages/'));
}

const isPlainText = (node: ts.Node): boolean => {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return true;
  if (ts.isParenthesizedExpression(node)) return isPlainText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isPlainText(node.left) || isPlainText(node.right);
  if (ts.isConditionalExpression(node)) return isPlainText(node.whenTrue) || isPlainText(node.whenFalse);
  if (ts.isArrayLiteralExpression(node)) return node.elements.some(isPlainText);
  return false;
};

const calleeName = (expr: ts.Expression): string | null =>
  ts.isIdentifier(expr) ? expr.text : ts.isPropertyAccessExpression(expr) ? expr.name.text : null;

/** The problems in one file's text: `file:line what`. */
export function scanSource(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const problems: string[] = [];
  const at = (node: ts.Node, what: string) => problems.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const args = node.arguments ?? ts.factory.createNodeArray();
      if (ts.isNewExpression(node) && name === 'DomainError' && args[1] && isPlainText(args[1])) at(node, 'DomainError with a plain text: use msg(key, params)');
      if (ts.isNewExpression(node) && name && HTTP_EXCEPTIONS.test(name) && args[0] && isPlainText(args[0])) at(node, `${name} with a plain text: throw a DomainError with msg(key, params)`);
      if (ts.isCallExpression(node) && name && MESSAGE_TAKERS.has(name) && args[0] && isPlainText(args[0])) at(node, `${name}() with a plain text: use msg(key, params)`);
      if (ts.isCallExpression(node) && name === 'notFound' && args[0] && ts.isStringLiteral(args[0]) && !(`errors.notFound.${args[0].text}` in en)) {
        at(node, `notFound('${args[0].text}'): the catalogue lacks errors.notFound.${args[0].text}`);
      }
      if (ts.isCallExpression(node) && name === 'msg' && ts.isIdentifier(node.expression) && args[0]) {
        const key = args[0];
        if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) {
          const template = en[key.text];
          if (template === undefined) at(node, `msg('${key.text}'): no such key in the catalogue`);
          else {
            const given = args[1];
            if (given && ts.isObjectLiteralExpression(given) && !given.properties.some(ts.isSpreadAssignment)) {
              const names = given.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '?'));
              for (const needed of placeholders(template)) if (!names.includes(needed)) at(node, `msg('${key.text}') lacks the parameter {${needed}}`);
            } else if (!given && placeholders(template).length > 0) {
              at(node, `msg('${key.text}') lacks the parameters ${placeholders(template).map((p) => `{${p}}`).join(' ')}`);
            }
          }
        } else if (ts.isTemplateExpression(key)) {
          const prefix = key.head.text;
          if (!Object.keys(en).some((k) => k.startsWith(prefix))) at(node, `msg(\`${prefix}…\`): no key starts with ${prefix}`);
        } else if (ts.isConditionalExpression(key)) {
          for (const branch of [key.whenTrue, key.whenFalse]) {
            if (ts.isStringLiteral(branch) && en[branch.text] === undefined) at(node, `msg('${branch.text}'): no such key in the catalogue`);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

describe('server messages are keys', () => {
  it('the scan recognises plain texts, unknown keys and missing parameters (it is not vacuous)', () => {
    const sample = [
      "throw new DomainError('invalid', 'plain');",
      'throw new DomainError(\'conflict\', `the ${x} is taken`);',
      "throw conflict('x' + y);",
      "throw invalid(['a', msg('errors.course.noLesson')]);",
      "throw new BadRequestException('no');",
      "throw notFound('spaceship');",
      "throw new DomainError('invalid', msg('no.such.key'));",
      "throw new DomainError('conflict', msg('errors.org.alreadyMember'));",
      "throw new DomainError('conflict', msg('errors.org.alreadyMember', { mail: 'x' }));",
      "throw new DomainError('invalid', msg('errors.course.noLesson'));",
      "throw notFound('course');",
      "throw conflict(msg('errors.certificate.alreadyRevoked', { number }));",
    ].join('\n');
    const problems = scanSource('sample.ts', sample);
    expect(problems.map((p) => Number(p.split(' ')[0]!.split(':')[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('no server source throws a plain text or names a key/parameter the catalogue lacks', () => {
    const problems: string[] = [];
    for (const dir of SCANNED) {
      for (const file of sourceFiles(dir)) {
        const rel = relative(ROOT, file);
        if (NOT_YET.has(rel)) continue;
        problems.push(...scanSource(rel, readFileSync(file, 'utf8')));
      }
    }
    expect(problems).toEqual([]);
  });
});
