/** A minutes table with a column the tool does not use, and rows with more cells than the header. */
import { parseMinutes } from './parse';

const HEAD = 'صورتجلسه دوازدهمین جلسه قرارگاه اجتماعی استان\nتاریخ جلسه: ۱۴۰۱/۰۴/۰۹\n';

describe('a header with an extra «همکار» (co-operating agency) column', () => {
  const parsed = parseMinutes(HEAD
    + 'ردیف\tمصوبه\tاقدام کننده\tهمکار\tزمان اقدام\n'
    // a tab inside the resolution text: one cell more than the header
    + '۱\tمقرر گردید گزارش\tارسال شود\tفرمانداری کرج\tشهرداری کرج\tیک ماه\n'
    + '۲\tمتن دوم\tآموزش و پرورش\tبهزیستی\tدو هفته');
  const rows = parsed.resolutions.map((r) => [r.row, r.text, r.agencies, r.deadline.text, r.deadline.due]);

  it('the co-operating agency is not taken as the agency, nor as the deadline', () => {
    expect(rows[1]).toEqual([2, 'متن دوم', ['آموزش و پرورش'], 'دو هفته', '1401/04/23']);
  });

  it('a row longer than the header joins the extra cell into the text, keeping the last columns in place', () => {
    expect(rows[0]).toEqual([1, 'مقرر گردید گزارش ارسال شود', ['فرمانداری کرج'], 'یک ماه', '1401/05/09']);
  });

  it('says which row was longer than the header, so the clerk checks it', () => {
    const extra = parsed.warnings.filter((w) => w.code === 'table_row_extra_cells');
    expect(extra.map((w) => w.en)).toEqual([
      "row 1 of the table has 1 cell(s) more than the header; the extra cells were added to the resolution's text. Check its text, agency and deadline",
    ]);
    expect(extra[0].fa).toContain('ردیف ۱ جدول ۱ خانه بیش از سرستون‌ها');
  });
});
