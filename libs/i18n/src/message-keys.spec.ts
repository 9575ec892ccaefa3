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
/**
 * Files whose `message:` texts are not read by people in the product: the OpenAPI document's
 * example bodies (developer documentation in English), the health probe for monitoring, and the
 * raw-socket answers to requests too malformed to carry an Accept-Language.
 */
const MESSAGE_PROPERTY_EXEMPT = new Set([
  // the Bitstring Status List's own statusMessage values, part of the signed credential (not shown to people as text)
  'libs/credentials/src/status-list.ts',
  'apps/api/src/openapi/openapi.ts',
  'apps/api/src/health/health.controller.ts',
  'apps/api/src/common/errors/malformed-requests.ts',
  // Start-up configuration errors, read by the operator in the server log.
  'libs/config/src/config.ts',
  // The domain's reference wording of a withheld figure; the API answers it by rule code, translated (impact-report.service).
  'libs/domain/src/impact/paired.ts',
]);
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
    // A validation message (`@IsString({ message })`) or an error/line-error object (`{ line, message }`) with a plain text.
    if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'message' && isPlainText(node.initializer) && !MESSAGE_PROPERTY_EXEMPT.has(file)) {
      const inDecorator = ts.findAncestor(node, (n) => ts.isDecorator(n) || ts.isSourceFile(n));
      at(node, inDecorator && ts.isDecorator(inDecorator) ? 'validation message with a plain text: use keyed(key)' : 'message with a plain text: use a key');
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'keyed' && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const key = node.arguments[0].text;
      if (en[key] === undefined) at(node, `keyed('${key}'): no such key in the catalogue`);
      else if (placeholders(en[key]).some((p) => p !== 'field') && !node.arguments[1]) at(node, `keyed('${key}') lacks its parameters`);
    }
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
  it('the scan recognises plain texts (thrown, in validation options, in line errors), unknown keys and missing parameters (it is not vacuous)', () => {
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
      "class A { @IsString({ message: 'name must be a string' }) name!: string; }",
      "class B { @Matches(/x/, { message: `${'a'} must match` }) b!: string; }",
      "out.errors.push({ line, message: 'name is missing' });",
      "class C { @Matches(/x/, { message: keyed('no.such.key') }) c!: string; }",
      "throw notFound('course');",
      "throw conflict(msg('errors.certificate.alreadyRevoked', { number }));",
      "class D { @Matches(/x/, { message: keyed('validation.notBlank') }) @IsString() d!: string; }",
      "out.errors.push(lineError(locale, line, ['input.pupil.nameMissing']));",
    ].join('\n');
    const problems = scanSource('sample.ts', sample);
    expect(problems.map((p) => Number(p.split(' ')[0]!.split(':')[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]);
  });

  it('no server source throws a plain text or names a key/parameter the catalogue lacks', () => {
    const problems: string[] = [];
    for (const dir of SCANNED) {
      for (const file of sourceFiles(dir)) {
        const rel = relative(ROOT, file);
        problems.push(...scanSource(rel, readFileSync(file, 'utf8')));
      }
    }
    expect(problems).toEqual([]);
  });
});
