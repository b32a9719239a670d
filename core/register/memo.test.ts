import { jalaliOrNull, memoizeString } from './memo';

describe('memoizeString', () => {
  it('computes each input once and returns the same result again', () => {
    const calls: string[] = [];
    const upper = memoizeString((s: string) => { calls.push(s); return s.toUpperCase(); });
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('remembers undefined results too', () => {
    let calls = 0;
    const nothing = memoizeString(() => { calls++; return undefined; });
    nothing('x');
    nothing('x');
    expect(calls).toBe(1);
  });

  it('starts over when full, so memory stays bounded', () => {
    let calls = 0;
    const id = memoizeString((s: string) => { calls++; return s; }, 2);
    id('a'); id('b'); id('c'); id('a');
    expect(calls).toBe(4);
  });

  it('does not cache long inputs', () => {
    let calls = 0;
    const id = memoizeString((s: string) => { calls++; return s; }, 10, 3);
    id('long'); id('long');
    expect(calls).toBe(2);
  });
});

describe('jalaliOrNull', () => {
  it('reads a stored date and refuses anything else', () => {
    expect(jalaliOrNull('1401/04/09')?.toString()).toBe('1401/04/09');
    expect(jalaliOrNull('1401/07/31')).toBeNull();
  });
});
