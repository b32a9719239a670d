import { calculateDeadline, explainRule } from './deadlineCalculator';

describe('calculateDeadline', () => {
  it('gives the seed meeting\'s هفته جاری as Friday ۱۴۰۱/۰۴/۱۰', () => {
    const result = calculateDeadline({ meetingDate: '۱۴۰۱/۰۴/۰۹', phrase: 'هفته جاری' });
    expect(result).toEqual({
      outcome: 'due', kind: 'this_week', due: '1401/04/10', dueDisplay: '۱۴۰۱/۰۴/۱۰', weekday: 'جمعه',
      daysAfterMeeting: 1, explanation: 'پایان هفته‌ی جلسه (جمعه)', warnings: [],
    });
  });

  it.each([
    ['1401/4/9', 'یک ماه', '1401/05/09', 'یکشنبه'],
    ['١٤٠١/٠٤/٠٩', 'دو هفته', '1401/04/23', 'پنجشنبه'],
    ['۱۴۰۱-۰۴-۰۹', 'حداکثر ظرف مدت ۱۵ روز', '1401/04/24', 'جمعه'],
    ['1401/04/09', 'تا پایان شهریور', '1401/06/31', 'پنجشنبه'],
    ['1401/12/20', 'یک ماه', '1402/01/20', 'یکشنبه'],
    ['1401/04/09', 'فوری', '1401/04/12', 'یکشنبه'],
  ])('meeting %s + «%s» → %s (%s)', (meetingDate, phrase, due, weekday) => {
    const result = calculateDeadline({ meetingDate, phrase });
    expect(result.outcome).toBe('due');
    if (result.outcome !== 'due') return;
    expect(result.due).toBe(due);
    expect(result.weekday).toBe(weekday);
    expect(result.dueDisplay).toMatch(/^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/);
    expect(result.warnings).toEqual([]);
  });

  it('counts Thursday as a working day only when told to', () => {
    const phrase = 'شش روز کاری';
    const closed = calculateDeadline({ meetingDate: '1401/04/09', phrase });
    const open = calculateDeadline({ meetingDate: '1401/04/09', phrase, thursdayIsWorkday: true });
    expect(closed.outcome === 'due' && closed.due).toBe('1401/04/18');
    expect(open.outcome === 'due' && open.due).toBe('1401/04/16');
    expect(closed.outcome === 'due' && closed.explanation).toContain('پنجشنبه');
    expect(open.outcome === 'due' && open.explanation).not.toContain('پنجشنبه');
  });

  it('gives ongoing phrases no due date and no warning', () => {
    const result = calculateDeadline({ meetingDate: '1401/04/09', phrase: 'به صورت مستمر' });
    expect(result).toEqual({ outcome: 'ongoing', kind: 'ongoing', explanation: 'مستمر: بدون مهلت، هیچ‌گاه دیرکرد ندارد', warnings: [] });
  });

  it('never guesses a date for conditional, unknown or missing phrases', () => {
    const conditional = calculateDeadline({ meetingDate: '1401/04/09', phrase: 'تا جلسه آینده' });
    expect(conditional).toMatchObject({ outcome: 'no_date', kind: 'conditional' });
    expect(conditional.outcome === 'no_date' && conditional.warnings.map((w) => w.code)).toEqual(['deadline_conditional']);
    expect(conditional.outcome === 'no_date' && conditional.warnings[0].fa).toContain('تا جلسه آینده');

    const unknown = calculateDeadline({ meetingDate: '1401/04/09', phrase: 'هر وقت شد' });
    expect(unknown).toMatchObject({ outcome: 'no_date', kind: 'unknown' });
    expect(unknown.outcome === 'no_date' && unknown.warnings.map((w) => w.code)).toEqual(['deadline_unknown']);

    const missing = calculateDeadline({ meetingDate: '1401/04/09', phrase: '  ' });
    expect(missing.outcome === 'no_date' && missing.warnings.map((w) => w.code)).toEqual(['deadline_missing']);
  });

  it('reports a due date past the supported years as no date, not a crash', () => {
    const result = calculateDeadline({ meetingDate: '1401/04/09', phrase: '۳۰۰ سال' });
    expect(result.outcome).toBe('no_date');
    expect(result.outcome === 'no_date' && result.warnings.map((w) => w.code)).toEqual(['deadline_out_of_range']);
  });

  it('keeps an explicit date before the meeting but warns', () => {
    const result = calculateDeadline({ meetingDate: '1401/04/09', phrase: 'تا ۱۴۰۱/۰۳/۰۱' });
    expect(result).toMatchObject({ outcome: 'due', kind: 'date', due: '1401/03/01', daysAfterMeeting: -39 });
    expect(result.outcome === 'due' && result.warnings.map((w) => w.code)).toEqual(['due_before_meeting']);
  });

  it.each([
    ['1401/07/31', 'روز'],
    ['۱۴۰۲/۱۲/۳۰', 'روز'],
    ['دیروز', 'تاریخ شمسی'],
    ['', 'خالی'],
  ])('rejects the meeting date %s with a Persian reason', (meetingDate, reason) => {
    const result = calculateDeadline({ meetingDate, phrase: 'یک ماه' });
    expect(result.outcome).toBe('bad_meeting_date');
    if (result.outcome !== 'bad_meeting_date') return;
    expect(result.error.code).toBe('invalid_date');
    expect(result.error.fa).toMatch(/^تاریخ جلسه: /);
    expect(result.error.fa).toContain(reason);
  });
});

describe('explainRule', () => {
  it('writes numbers in Persian digits', () => {
    expect(explainRule({ kind: 'days', n: 12 })).toBe('۱۲ روز پس از جلسه');
    expect(explainRule({ kind: 'urgent' })).toBe('فوری: ۳ روز پس از جلسه');
  });
});
