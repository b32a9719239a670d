/** No row limit short of Excel's own: a minutes table of 20,000 rows is read whole. */
import { readFileSync } from 'node:fs';
import { parseMinutes } from '../core/minutes/parse';
import { SEED_MINUTES } from './helpers';

describe('a minutes table far longer than any real one', () => {
  it('reads all 20,000 rows (row numbers of five digits too) without a warning about the rest', () => {
    const seed = readFileSync(SEED_MINUTES, 'utf8');
    const lines = seed.split('\n');
    const header = lines.findIndex((line) => line.startsWith('ردیف\t'));
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i + 1}\tمقرر گردید: فرمانداری کرج نسبت به کار شماره ${i + 1} اقدام نماید.\tفرمانداری کرج\tیک ماه`);
    const text = [...lines.slice(0, header + 1), ...rows, '', 'رونوشت: دبیرخانه'].join('\n');
    const parsed = parseMinutes(text);
    expect(parsed.resolutions).toHaveLength(20_000);
    expect(parsed.resolutions[19_999]).toMatchObject({ row: 20_000, deadline: { text: 'یک ماه' } });
    expect(parsed.resolutions[19_999].text).toContain('کار شماره 20000');
    expect(parsed.warnings).toEqual([]);
  }, 60_000);
});
