import { describe, expect, it } from '@jest/globals';
import { validateQuizDefinition, validateQuizSettings, type QuizQuestionDefinition } from './definition.js';

const good: QuizQuestionDefinition[] = [
  {
    prompt: 'Which of these is an act of kindness?',
    kind: 'single',
    options: [
      { text: 'Ignoring a colleague', correct: false },
      { text: 'Holding the door', correct: true },
    ],
  },
  {
    prompt: 'Which of these help a tired team?',
    kind: 'multiple',
    options: [
      { text: 'A short check-in', correct: true },
      { text: 'Thanking people by name', correct: true },
      { text: 'Blaming in public', correct: false },
    ],
  },
];

describe('validateQuizDefinition', () => {
  it('accepts a well-formed quiz', () => {
    expect(validateQuizDefinition(good)).toEqual([]);
  });

  it('names the question by number and prompt when a single-choice question has two correct options', () => {
    const questions = structuredClone(good);
    questions[1] = { ...questions[1]!, prompt: 'What is kindness?', kind: 'single' };
    expect(validateQuizDefinition(questions)).toEqual([
      'question 2 ("What is kindness?"): single-choice question has 2 correct options',
    ]);
  });

  it('reports a question without a correct option', () => {
    const questions = structuredClone(good);
    questions[0]!.options[1]!.correct = false;
    expect(validateQuizDefinition(questions)).toEqual([
      'question 1 ("Which of these is an act of kindness?"): no option is marked correct',
    ]);
  });

  it('shortens long prompts in messages', () => {
    const questions = structuredClone(good);
    questions[0]!.prompt = 'In a busy hospital corridor, which of the following small gestures is kind?';
    questions[0]!.options = [{ text: 'Smile', correct: true }];
    expect(validateQuizDefinition(questions)).toEqual([
      'question 1 ("In a busy hospital corridor, which of…"): has 1 option; at least 2 are needed',
    ]);
  });

  it('reports empty prompts, empty and repeated option texts, and a bad kind', () => {
    const questions: QuizQuestionDefinition[] = [
      {
        prompt: '   ',
        kind: 'single',
        options: [
          { text: 'Yes', correct: true },
          { text: '', correct: false },
        ],
      },
      {
        prompt: 'Pick',
        kind: 'several' as QuizQuestionDefinition['kind'],
        options: [
          { text: 'Yes', correct: true },
          { text: ' yes ', correct: false },
        ],
      },
    ];
    expect(validateQuizDefinition(questions)).toEqual([
      'question 1: prompt is empty',
      'question 1: option 2 has no text',
      'question 2 ("Pick"): kind must be one of "single", "multiple", "true-false", "ordering", "matching", "short-text"',
    ]);
  });

  it('requires at least one question', () => {
    expect(validateQuizDefinition([])).toEqual(['the quiz has no questions']);
  });
});

describe('validateQuizSettings', () => {
  it('accepts a pass mark in 0–100 and a positive number of attempts or none', () => {
    expect(validateQuizSettings({ passMark: 70, maxAttempts: 3 })).toEqual([]);
    expect(validateQuizSettings({ passMark: 0 })).toEqual([]);
    expect(validateQuizSettings({ passMark: 100, maxAttempts: null })).toEqual([]);
  });

  it('rejects out-of-range values', () => {
    expect(validateQuizSettings({ passMark: 101, maxAttempts: 0 })).toEqual([
      'passMark: must be a number from 0 to 100',
      'maxAttempts: must be a positive integer (or absent for unlimited attempts)',
    ]);
    expect(validateQuizSettings({ passMark: Number.NaN, maxAttempts: 1.5 })).toHaveLength(2);
  });
});
