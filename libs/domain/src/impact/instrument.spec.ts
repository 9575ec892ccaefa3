import { describe, expect, it } from '@jest/globals';
import { answers, same, smallInstrument } from './__tests__/fixtures.js';
import { validateAnswers, validateInstrumentDefinition, type InstrumentDefinition } from './instrument.js';

describe('validateInstrumentDefinition', () => {
  it('accepts a consistent definition', () => {
    expect(validateInstrumentDefinition(smallInstrument())).toEqual([]);
  });

  it('reports duplicate item ids and items of unknown scales', () => {
    const def = smallInstrument();
    def.items.push({ id: 'a1', scaleKey: 'a', reverse: false, text: same('again') });
    def.items.push({ id: 'c1', scaleKey: 'c', reverse: false, text: same('orphan') });
    const errors = validateInstrumentDefinition(def);
    expect(errors).toContain('item 6 ("a1"): duplicate item id "a1"');
    expect(errors).toContain('item 7 ("c1"): refers to unknown scale "c"');
  });

  it('reports duplicate scale keys and the reserved key "total"', () => {
    const def = smallInstrument();
    def.scales.push({ key: 'a', name: same('A again'), minItems: 1 });
    def.scales.push({ key: 'total', name: same('Total'), minItems: 1 });
    const errors = validateInstrumentDefinition(def);
    expect(errors).toContain('scale 3 ("a"): duplicate scale key "a"');
    expect(errors).toContain('scale 4 ("total"): key "total" is reserved for the overall score');
  });

  it('reports min >= max', () => {
    const def = smallInstrument();
    def.scale.min = 5;
    def.scale.max = 5;
    expect(validateInstrumentDefinition(def)).toContain('scale: min (5) must be less than max (5)');
  });

  it('requires one label per point in every locale', () => {
    const def = smallInstrument();
    def.scale.labels.de = ['eins', 'zwei', 'drei', 'vier'];
    const labels = def.scale.labels as Partial<InstrumentDefinition['scale']['labels']>;
    delete labels.fr;
    const errors = validateInstrumentDefinition(def);
    expect(errors).toContain(
      'scale.labels: locale "de" has 4 labels, expected 5 (one per point from 1 to 5)',
    );
    expect(errors).toContain('scale.labels: labels for locale "fr" are missing');
  });

  it('requires every locale for scale names and item texts', () => {
    const def = smallInstrument();
    def.items[1]!.text.it = '  ';
    def.scales[0]!.name = { en: 'A', it: 'A', de: 'A' } as InstrumentDefinition['scales'][number]['name'];
    const errors = validateInstrumentDefinition(def);
    expect(errors).toContain('item 2 ("a2") text: text for locale "it" is missing or empty');
    expect(errors).toContain('scale 1 ("a") name: text for locale "fr" is missing or empty');
  });

  it('reports minItems larger than the items of the scale, and empty scales', () => {
    const def = smallInstrument();
    def.scales[1]!.minItems = 3;
    def.scales.push({ key: 'empty', name: same('Empty'), minItems: 1 });
    const errors = validateInstrumentDefinition(def);
    expect(errors).toContain('scale "b": minItems (3) is more than its 2 item(s)');
    expect(errors).toContain('scale "empty": has no items');
  });

  it('reports a bad key, version and minItems', () => {
    const def = smallInstrument();
    def.key = '';
    def.version = 0;
    def.scales[0]!.minItems = 0;
    expect(validateInstrumentDefinition(def)).toEqual(
      expect.arrayContaining([
        'key: must be a non-empty string',
        'version: must be a positive integer',
        'scale 1 ("a"): minItems must be an integer of at least 1',
      ]),
    );
  });
});

describe('validateAnswers', () => {
  const def = smallInstrument();

  it('accepts every item answered once within range', () => {
    expect(validateAnswers(def, answers({ a1: 1, a2: 5, a3: 3, b1: 2, b2: 4 }))).toEqual([]);
  });

  it('names missing, duplicate, unknown and out-of-range items', () => {
    const errors = validateAnswers(def, [
      { itemId: 'a1', value: 1 },
      { itemId: 'a1', value: 2 },
      { itemId: 'a1', value: 3 },
      { itemId: 'a2', value: 6 },
      { itemId: 'a3', value: 2.5 },
      { itemId: 'zz', value: 3 },
      { itemId: 'b1', value: 0 },
    ]);
    expect(errors).toEqual([
      'item "a1": answered more than once',
      'item "a2": value 6 is outside the range 1–5',
      'item "a3": value must be an integer from 1 to 5',
      'item "zz": unknown item',
      'item "b1": value 0 is outside the range 1–5',
      'item "b2": not answered',
    ]);
  });
});
