import { describe, expect, it } from '@jest/globals';
import { questionContinuations, realignQuestionTexts } from './question-lineage.js';

const stored = [
  { id: 'q1', prompt: 'One?', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }] },
  { id: 'q2', prompt: 'Two?', options: [{ id: 'c', text: 'C' }, { id: 'd', text: 'D' }] },
  { id: 'q3', prompt: 'Three?', options: [] },
];
const texts = [
  { prompt: 'Uno?', options: ['A-it', 'B-it'], optionFeedback: ['', 'fb-B'] },
  { prompt: 'Due?', options: ['C-it', 'D-it'] },
  { prompt: 'Tre?', acceptedAnswers: ['tre'] },
];

describe('questionContinuations / realignQuestionTexts', () => {
  it('follows ids first, whatever the prompt became, and options by id', () => {
    const c = questionContinuations(stored, [
      { id: 'q2', prompt: 'Two, reworded?', options: [{ id: 'd', text: 'D' }, { id: 'c', text: 'C' }] },
      { id: 'q1', prompt: 'One?', options: [{ id: 'b', text: 'B' }, { text: 'new' }] },
    ]);
    expect(c.map((x) => x.id)).toEqual(['q2', 'q1']);
    expect(realignQuestionTexts(texts, c)).toEqual([
      { prompt: 'Due?', options: ['D-it', 'C-it'] },
      { prompt: 'Uno?', options: ['B-it', ''], optionFeedback: ['fb-B', ''] },
    ]);
  });

  it('falls back to the same prompt and the same option text, each stored one continued at most once', () => {
    const c = questionContinuations(stored, [
      { prompt: 'Three?', options: [] },
      { prompt: 'One?', options: [{ text: 'B' }, { text: 'A' }] },
      { prompt: 'One?', options: [{ text: 'A' }] },
    ]);
    expect(c.map((x) => x.from)).toEqual([2, 0, null]);
    expect(realignQuestionTexts(texts, c)).toEqual([
      { prompt: 'Tre?', acceptedAnswers: ['tre'] },
      { prompt: 'Uno?', options: ['B-it', 'A-it'], optionFeedback: ['fb-B', ''] },
      {},
    ]);
  });

  it('does not let an unknown or repeated id take a question another one continues', () => {
    const c = questionContinuations(stored, [
      { id: 'q1', prompt: 'x', options: [] },
      { id: 'q1', prompt: 'One?', options: [] },
      { id: 'elsewhere', prompt: 'Two?', options: [] },
    ]);
    expect(c.map((x) => x.id)).toEqual(['q1', null, 'q2']);
  });

  it('gives no text to a question whose stored one had none in the edition', () => {
    const c = questionContinuations(stored, [{ id: 'q3', prompt: 'Three?', options: [] }]);
    expect(realignQuestionTexts([texts[0]!, texts[1]!], c)).toEqual([{}]);
  });
});
