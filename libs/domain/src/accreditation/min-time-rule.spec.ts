import { describe, expect, it } from '@jest/globals';
import { accreditationTimeProblem, minTimeRuleOf, requiredMinMinutes } from './min-time-rule.js';

describe('the accreditation rule (ACCREDITED_MIN_TIME_RATIO)', () => {
  it('asks ratio × hours of minimum learning time, in whole minutes rounded up', () => {
    expect(requiredMinMinutes(8, 0.5)).toBe(240);
    expect(requiredMinMinutes('6.5', 0.5)).toBe(195);
    expect(requiredMinMinutes(1.1, 0.5)).toBe(33);
    expect(requiredMinMinutes(0.7, 0.3)).toBe(13); // 12.6 → 13
    expect(requiredMinMinutes(8, 0)).toBe(0);
    expect(requiredMinMinutes(null, 0.5)).toBeNull();
  });

  it('names the numbers when the minimum is missing or short, and says nothing otherwise', () => {
    expect(accreditationTimeProblem(8, null, 0.5)).toEqual({ hours: 8, required: 240, percent: 50, have: 0 });
    expect(accreditationTimeProblem('6.5', 30, 0.5)).toEqual({ hours: 6.5, required: 195, percent: 50, have: 30 });
    expect(accreditationTimeProblem(8, 240, 0.5)).toBeNull();
    expect(accreditationTimeProblem(null, null, 0.5)).toBeNull();
    expect(accreditationTimeProblem(8, null, 0)).toBeNull();
  });

  it('is shown to authors with whether the version meets it', () => {
    expect(minTimeRuleOf('4', 119, 0.5)).toEqual({ ratio: 0.5, requiredMinMinutes: 120, met: false });
    expect(minTimeRuleOf('4', 120, 0.5)).toEqual({ ratio: 0.5, requiredMinMinutes: 120, met: true });
    expect(minTimeRuleOf(null, null, 0.5)).toEqual({ ratio: 0.5, requiredMinMinutes: null, met: true });
  });

});
