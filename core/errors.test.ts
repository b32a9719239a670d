import { MosavabatError, describeLocation } from './errors';

describe('MosavabatError', () => {
  it('carries the code, both messages, its kind and where it happened', () => {
    const error = new MosavabatError('invalid_date', 'تاریخ نادرست است', 'the date is wrong', 'not_found', { file: 'a.xlsx', cell: 'H4' });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('invalid_date');
    expect(error.fa).toBe('تاریخ نادرست است');
    expect(error.en).toBe('the date is wrong');
    expect(error.kind).toBe('not_found');
    expect(error.where).toEqual({ file: 'a.xlsx', cell: 'H4' });
  });

  it('is a bad input somewhere unnamed unless told otherwise', () => {
    const error = new MosavabatError('empty_file', 'فایل خالی است', 'the file is empty');
    expect(error.kind).toBe('bad_input');
    expect(error.where).toEqual({});
  });

  it('says both messages in its own message and names itself MosavabatError', () => {
    const error = new MosavabatError('empty_file', 'فایل خالی است', 'the file is empty');
    expect(error.message).toBe('فایل خالی است — the file is empty');
    expect(error.name).toBe('MosavabatError');
    expect(String(error)).toBe('MosavabatError: فایل خالی است — the file is empty');
  });

  describe('at', () => {
    it('gives a copy that also names the file, keeping code, messages and kind', () => {
      const original = new MosavabatError('sheet_missing', 'برگه پیدا نشد', 'sheet not found', 'not_found', { sheet: 'مصوبات' });
      const located = original.at({ file: 'register.xlsx' });
      expect(located).toBeInstanceOf(MosavabatError);
      expect(located).not.toBe(original);
      expect([located.code, located.fa, located.en, located.kind]).toEqual(['sheet_missing', 'برگه پیدا نشد', 'sheet not found', 'not_found']);
      expect(located.where).toEqual({ file: 'register.xlsx', sheet: 'مصوبات' });
      expect(original.where).toEqual({ sheet: 'مصوبات' });
    });

    it('keeps a place already named rather than the one given later', () => {
      const inner = new MosavabatError('bad_cell', 'خانه نادرست است', 'bad cell', 'bad_input', { sheet: 'مصوبات', cell: 'C7' });
      expect(inner.at({ file: 'a.xlsx', sheet: 'گزارش', cell: 'A1' }).where).toEqual({ file: 'a.xlsx', sheet: 'مصوبات', cell: 'C7' });
    });
  });
});

describe('describeLocation', () => {
  it('names file, sheet and cell in that order, separated by Persian commas, ending in a colon', () => {
    expect(describeLocation({ file: 'a.xlsx', sheet: 'مصوبات', cell: 'H4' })).toBe('فایل «a.xlsx»، برگه «مصوبات»، خانه H4: ');
  });

  it.each([
    [{ file: 'a.xlsx' }, 'فایل «a.xlsx»: '],
    [{ sheet: 'مصوبات' }, 'برگه «مصوبات»: '],
    [{ cell: 'H4' }, 'خانه H4: '],
    [{ sheet: 'مصوبات', cell: 'H4' }, 'برگه «مصوبات»، خانه H4: '],
  ])('names only the parts that are set: %j → «%s»', (where, prefix) => {
    expect(describeLocation(where)).toBe(prefix);
  });

  it('is empty when nothing is named, so a message reads the same without it', () => {
    expect(describeLocation({})).toBe('');
    expect(describeLocation({ file: '', sheet: '', cell: '' })).toBe('');
  });
});
