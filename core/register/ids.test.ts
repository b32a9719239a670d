/** Row ids: the agency's part is the first six hex digits of FNV-1a 32 (published test vectors: "a" → e40c292c, "foobar" → bf9cf968). */
import { assignmentId, meetingId } from './ids';

describe('meetingId', () => {
  it('is the date\'s digits and the session number', () => {
    expect(meetingId('1401/04/09', 12)).toBe('14010409-12');
  });

  it('without a date or a number: zeros', () => {
    expect(meetingId(null, null)).toBe('00000000-0');
  });
});

describe('assignmentId', () => {
  it('ends with the first six hex digits of the FNV-1a hash of the agency\'s comparison key', () => {
    expect(assignmentId('14010409-12', 2, 'a')).toBe('14010409-12-2-e40c29');
    expect(assignmentId('14010409-12', 3, 'FooBar')).toBe('14010409-12-3-bf9cf9');
  });
});
