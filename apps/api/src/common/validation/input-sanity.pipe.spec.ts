import { describe, expect, it } from '@jest/globals';
import { DomainError, type MessageLike } from '@kindling/common';
import { translateMessage } from '@kindling/i18n';
import { InputSanityPipe } from './input-sanity.pipe.js';

const pipe = new InputSanityPipe();
const body = (value: unknown) => pipe.transform(value, { type: 'body', metatype: Object, data: undefined });
const problem = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const m = (e as DomainError).messages as MessageLike;
    return typeof m === 'string' ? m : translateMessage('en', m);
  }
};

describe('InputSanityPipe', () => {
  it('passes ordinary input through unchanged', () => {
    const value = { name: 'Zoë Müller 👩🏽‍🏫', hours: 4.5, tags: ['a', 'b'], nested: { ok: true, n: null } };
    expect(body(value)).toBe(value);
    expect(problem(() => body({ tiny: 0.000001, big: 1e20, zero: 0, neg: -3 }))).toBeNull();
  });

  it('names the field holding a NUL', () => {
    expect(problem(() => body({ learners: [{ email: 'a@b.c' }, { name: 'x\u0000y' }] }))).toBe('learners[1].name must not contain NUL (\\u0000) characters');
    expect(problem(() => pipe.transform('abc\u0000', { type: 'param', data: 'id' }))).toBe('id must not contain NUL (\\u0000) characters');
  });

  it('refuses unpaired surrogates but keeps astral characters', () => {
    expect(problem(() => body({ email: 'a\ud800@b.c' }))).toMatch(/^email is not valid Unicode/);
    expect(problem(() => body({ email: '\udc00' }))).toMatch(/^email is not valid Unicode/);
    expect(problem(() => body({ name: '𝒦indling' }))).toBeNull();
  });

  it('refuses numbers only exponent notation can print', () => {
    expect(problem(() => body({ passMark: 1e-22 }))).toBe('passMark is out of range (1e-22)');
    expect(problem(() => body({ hours: 1e21 }))).toBe('hours is out of range (1e+21)');
  });

  it('refuses prototype keys, wherever they are', () => {
    expect(problem(() => body(JSON.parse('{"a":{"__proto__":{"x":1}}}')))).toBe('property a.__proto__ should not exist');
    expect(problem(() => body({ constructor: 1 }))).toBe('property constructor should not exist');
    expect(problem(() => body([{ prototype: 1 }]))).toBe('property [0].prototype should not exist');
  });

  it('refuses nesting deeper than 64 levels', () => {
    const deep = JSON.parse(`${'['.repeat(1000)}1${']'.repeat(1000)}`) as unknown;
    expect(problem(() => body(deep))).toMatch(/nested too deeply/);
  });

  it('leaves decorator values (the actor) alone', () => {
    const actor = { userId: 'u', memberships: new Map([['o', 'manager']]), constructor: 'x' };
    expect(pipe.transform(actor, { type: 'custom' })).toBe(actor);
  });
});
