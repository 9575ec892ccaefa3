import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PdfTools } from './__tests__/poppler.js';
import { CARDS_PER_PAGE, CertificateContentError, CertificateRenderer, sha256Hex, type CodeSheetContent, type CodeSheetPupil } from './index.js';

const SLOW = 60_000;

const pupils = (n: number): CodeSheetPupil[] =>
  Array.from({ length: n }, (_, i) => ({
    name: i === 0 ? 'Şebnem Öztürk' : i === 1 ? 'Łukasz Żółć' : `Pupil ${i + 1}`,
    className: i % 2 === 0 ? '3B' : null,
    username: `pupil${String(i + 1).padStart(3, '0')}`,
    code: `K7Q${String(i).padStart(2, '0')}-X9ZP`,
  }));

const sheet = (n: number, patch: Partial<CodeSheetContent> = {}): CodeSheetContent => ({
  organizationName: 'Scuola Primaria Dante Alighieri',
  cohortName: 'Gentilezza 2026 – 3B',
  locale: 'it',
  pupils: pupils(n),
  generatedAt: new Date('2026-09-14T07:30:00Z'),
  ...patch,
});

let renderer: CertificateRenderer;
let tools: PdfTools;

beforeAll(async () => {
  [renderer, tools] = await Promise.all([CertificateRenderer.create(), PdfTools.create()]);
}, SLOW);

afterAll(async () => {
  await tools.cleanup();
});

describe('CertificateRenderer.renderCodeSheet', () => {
  it('prints 23 pupils on 3 A4 portrait pages with every username and code', async () => {
    const content = sheet(23);
    const pdf = await renderer.renderCodeSheet(content);
    const info = await tools.info(pdf);
    expect(info['Pages']).toBe('3');
    expect(await tools.pageSize(pdf)).toBe('595 x 842');
    expect(info['Author']).toBe('Kindling');
    const text = await tools.text(pdf);
    for (const p of content.pupils) {
      expect(text).toContain(p.username);
      expect(text).toContain(p.code);
      expect(text).toContain(p.name);
    }
    expect(text).toContain('Nome utente');
    expect(text).toContain('Codice monouso');
    expect(text).toContain('Classe: 3B');
    expect(text).toContain('Accedi con il tuo nome utente e questo codice monouso.');
    expect(text).toContain('Pagina 3 di 3');
    // Codes are secrets: never in the metadata.
    expect(JSON.stringify(info)).not.toContain('K7Q');
  }, SLOW);

  it('fills pages of 10 cards', async () => {
    expect(CARDS_PER_PAGE).toBe(10);
    expect((await tools.info(await renderer.renderCodeSheet(sheet(10))))['Pages']).toBe('1');
    expect((await tools.info(await renderer.renderCodeSheet(sheet(11))))['Pages']).toBe('2');
  }, SLOW);

  it.each([
    ['en', ['Username', 'One-time code', 'Class: 3B', 'Sign in at https://kindling.example.org/pupil with your username', 'Page 1 of 1']],
    ['de', ['Benutzername', 'Einmalcode', 'Klasse: 3B', 'Melde dich unter https://kindling.example.org/pupil', 'Seite 1 von 1']],
    ['fr', ["Nom d'utilisateur", 'Code à usage unique', 'Classe: 3B', "Connecte-toi sur https://kindling.example.org/pupil avec ton nom d'utilisateur", 'Page 1 sur 1']],
  ] as const)('speaks %s', async (locale, expected) => {
    const text = (await tools.text(await renderer.renderCodeSheet(sheet(3, { locale, signInUrl: 'https://kindling.example.org/pupil' })))).replace(/\s+/g, ' ');
    for (const s of expected) expect(text).toContain(s);
  }, SLOW);

  it('keeps long names on their card and is deterministic with generatedAt', async () => {
    const long = sheet(4, {
      pupils: [{ name: 'Alessandra Maria Benedetta Caterina Donatella Esposito-Żółć della Rovere', className: '5A sezione bilingue', username: 'alessandra.maria.esposito.dellarovere', code: 'ABCD-EFGH-JKLM' }],
    });
    const pdf = await renderer.renderCodeSheet(long);
    expect((await tools.info(pdf))['Pages']).toBe('1');
    const text = (await tools.text(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('alessandra.maria.esposito.dellarovere');
    expect(text).toContain('ABCD-EFGH-JKLM');
    expect(sha256Hex(await renderer.renderCodeSheet(long))).toBe(sha256Hex(pdf));
  }, SLOW);

  it('rejects an empty list and incomplete pupils', async () => {
    const fieldOf = (c: CodeSheetContent): Promise<unknown> =>
      renderer.renderCodeSheet(c).then(
        () => null,
        (e: unknown) => (e instanceof CertificateContentError ? e.field : e),
      );
    expect(await fieldOf(sheet(0))).toBe('pupils');
    expect(await fieldOf(sheet(1, { pupils: [{ name: 'A', username: 'a', code: '' }] }))).toBe('pupils[0].code');
    expect(await fieldOf(sheet(1, { locale: 'xx' as 'en' }))).toBe('locale');
  });
});
