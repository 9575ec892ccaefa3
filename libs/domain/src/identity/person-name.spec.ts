import { describe, expect, it } from '@jest/globals';
import { hasDirectionControls, PERSON_NAME_MAX, personName, personNameFromClaim } from '@kindling/domain';

describe('personName: one rule for names wherever they enter', () => {
  it('removes bidi embeddings, overrides, isolates and marks', () => {
    expect(personName('\u202EnosnhoJ nhoJ')).toBe('nosnhoJ nhoJ');
    expect(personName('Eve \u202Erellim\u202C Smith')).toBe('Eve rellim Smith');
    expect(personName('\u2067Anna\u2069 \u202Bward\u202C')).toBe('Anna ward');
    expect(personName('\u200FDana\u200E Levi\u061C')).toBe('Dana Levi');
  });

  it('removes zero-width and other invisible format characters', () => {
    expect(personName('Anna\u200B')).toBe('Anna');
    expect(personName('Ann\u200Ba Rossi')).toBe('Anna Rossi');
    expect(personName('\uFEFFLuca\u2060 Bianchi\u00AD')).toBe('Luca Bianchi');
    expect(personName('\u3164')).toBe('');
    expect(personName('\u200B\u200C\u200D\u2066\u2069')).toBe('');
    expect(personName('Tag\u{E0041}\u{E0042}s')).toBe('Tags');
  });

  it('collapses controls, line breaks and unusual spaces into one space, trimmed, NFC', () => {
    expect(personName('  Zoe\u0308\tMüller\n\u2028Ćosić\u00A0\u3000 ')).toBe('Zoë Müller Ćosić');
    expect(personName('Line\u0007bell')).toBe('Line bell');
    expect(personName('Zoe\u0308')).toBe('Zo\u00EB');
  });

  it('keeps real letters of every script, joiners between letters and variation selectors', () => {
    for (const name of ['محمد عبد الله', 'דנה לוי', '山田 太郎', '김민준', 'Şebnem Öztürk', 'Νίκος Παπαδόπουλος', 'Łukasz Żółć', 'श्री‍राम']) {
      expect(personName(name)).toBe(name.normalize('NFC'));
    }
    expect(personName('حسین\u200Cزاده')).toBe('حسین\u200Cزاده'); // Persian surname: ZWNJ between letters
    expect(personName('\u200Cحسین\u200C')).toBe('حسین'); // loose at either end
    expect(personName('葛\u{E0100}飾')).toBe('葛\u{E0100}飾'); // ideographic variation selector
  });

  it('a cleaned name prints as it is stored: printedText changes nothing more', () => {
    // libs/certificates' printedText (the PDF's rule), repeated here so the two cannot drift apart unseen.
    const printed = (s: string) => s.normalize('NFC').replace(/[\p{Cc}\p{Zl}\p{Zp}\ufeff\u202a-\u202e\u2066-\u2069]/gu, ' ').replace(/\s+/g, ' ').trim();
    for (const raw of ['\u202EnosnhoJ nhoJ', 'A\u2028B', 'x\u0000y', ' \uFEFF a \u200B b ']) {
      const name = personName(raw);
      expect(printed(name)).toBe(name);
    }
  });

  it('detects direction controls (refused where a person types the name)', () => {
    expect(hasDirectionControls('\u202EnosnhoJ')).toBe(true);
    expect(hasDirectionControls('a\u2066b')).toBe(true);
    expect(hasDirectionControls('דנה לוי')).toBe(false);
    expect(hasDirectionControls('Anna\u200B')).toBe(false);
    expect(hasDirectionControls('\u200FDana')).toBe(false);
  });

  it('a provider claim is cleaned and cut, never inside a surrogate pair; nothing visible is null', () => {
    expect(personNameFromClaim('\u202EAnna\u202C Rossi')).toBe('Anna Rossi');
    expect(personNameFromClaim('\u200B ')).toBeNull();
    expect(personNameFromClaim(null)).toBeNull();
    const long = personNameFromClaim('a'.repeat(199) + '𝒜'.repeat(5))!;
    expect(long).toBe('a'.repeat(199));
    expect(personNameFromClaim('b'.repeat(500))).toHaveLength(PERSON_NAME_MAX);
  });
});
