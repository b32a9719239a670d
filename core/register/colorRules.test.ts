/** The colour rules and state words a register carries, written out by hand. */
import { RULE_MARKER, RULE_STATES, isToolRule, stateRules, stateWordsFormat } from './colorRules';
import { stateLabel } from './state';

describe('stateRules', () => {
  it('gives the seven rules by priority, row-relative to the first data row, each ending with the marker', () => {
    expect(stateRules({ status: 'H', state: 'K', dueGregorian: 'M' }, 4, 10)).toEqual([
      { state: 'invalid', formula: '($K4="دارای خطا")+N("mosavabat")' },
      { state: 'void', formula: '($H4="منتفی")+N("mosavabat")' },
      { state: 'done_late', formula: '(AND($H4="انجام شده",$K4="انجام شده با تأخیر"))+N("mosavabat")' },
      { state: 'done', formula: '($H4="انجام شده")+N("mosavabat")' },
      { state: 'overdue', formula: '(AND(ISNUMBER($M4),$M4<TODAY()))+N("mosavabat")' },
      { state: 'due_soon', formula: '(AND(ISNUMBER($M4),$M4-TODAY()<=10))+N("mosavabat")' },
      { state: 'on_track', formula: '(ISNUMBER($M4))+N("mosavabat")' },
    ]);
  });

  it('the due-soon window is seven days unless told', () => {
    expect(stateRules({ status: 'A', state: 'B', dueGregorian: 'C' }, 2)[5].formula).toBe('(AND(ISNUMBER($C2),$C2-TODAY()<=7))+N("mosavabat")');
  });

  it('the rules cover exactly the states they name', () => {
    expect([...RULE_STATES].sort()).toEqual(['done', 'done_late', 'due_soon', 'invalid', 'on_track', 'overdue', 'void']);
  });
});

describe('isToolRule', () => {
  it('knows the tool\'s rules by their marker, with or without a leading =, and leaves people\'s rules alone', () => {
    expect(RULE_MARKER).toBe('N("mosavabat")');
    expect(isToolRule('=($H4="منتفی")+N("mosavabat")')).toBe(true);
    expect(isToolRule('($H4="منتفی")+N("mosavabat")')).toBe(true);
    expect(isToolRule('$H4="منتفی"')).toBe(false);
  });
});

describe('stateWordsFormat', () => {
  it('shows the state\'s words in all four sections of a number format', () => {
    expect(stateWordsFormat('overdue')).toBe('"مهلت گذشته";"مهلت گذشته";"مهلت گذشته";"مهلت گذشته"');
    expect(stateWordsFormat('needs_date')).toBe('"نیازمند تعیین مهلت";"نیازمند تعیین مهلت";"نیازمند تعیین مهلت";"نیازمند تعیین مهلت"');
  });
});

describe('stateLabel', () => {
  it('gives the Persian words of a state', () => {
    expect(stateLabel('overdue')).toBe('مهلت گذشته');
    expect(stateLabel('done_late')).toBe('انجام شده با تأخیر');
  });
});
