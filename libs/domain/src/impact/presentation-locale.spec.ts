import { describe, expect, it } from '@jest/globals';
import { instrumentHasLocale, presentationLocale, type InstrumentDefinition } from './instrument.js';

const text = (s: string) => ({ en: `${s} en`, it: `${s} it`, de: `${s} de`, fr: `${s} fr` });
const labels = ['1', '2', '3'];
const def: InstrumentDefinition = {
  key: 'k',
  version: 1,
  scale: { min: 1, max: 3, labels: { en: labels, it: labels, de: labels, fr: labels } },
  scales: [{ key: 's', name: text('S'), minItems: 1 }],
  items: [{ id: 'a', scaleKey: 's', reverse: false, text: text('A') }],
};

describe('presentationLocale', () => {
  it('takes the learner’s language, then the course’s, then English', () => {
    expect(presentationLocale(def, ['de', 'it'])).toBe('de');
    expect(presentationLocale(def, [null, 'it'])).toBe('it');
    expect(presentationLocale(def, ['es', 'fr'])).toBe('fr');
    expect(presentationLocale(def, [undefined, 'xx'])).toBe('en');
  });

  it('skips a language the instrument is not written in', () => {
    const noGerman = structuredClone(def) as unknown as { items: { text: Record<string, string> }[] };
    delete noGerman.items[0]!.text.de;
    const partial = noGerman as unknown as InstrumentDefinition;
    expect(instrumentHasLocale(partial, 'de')).toBe(false);
    expect(presentationLocale(partial, ['de', 'fr'])).toBe('fr');
  });
});
