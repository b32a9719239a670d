import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, encodeWindows1256, FIXTURES, makeZip, SEED_MINUTES, tempDir } from './helpers';

const ROOT = join(__dirname, '..');

describe('mosavabat import <minutes> --json', () => {
  it('prints the meeting and resolutions as one JSON document', async () => {
    const { status, stdout, stderr } = await cli('import', SEED_MINUTES, '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['meeting', 'resolutions', 'warnings']);
    expect(Object.keys(doc.meeting)).toEqual(['body', 'title', 'number', 'date', 'weekday', 'time', 'place', 'invitation', 'agenda']);
    expect(doc.meeting.date).toBe('1401/04/09');
    expect(doc.resolutions).toHaveLength(6);
    expect(Object.keys(doc.resolutions[0])).toEqual(['row', 'text', 'agencies', 'deadline', 'warnings']);
    expect(doc.resolutions.map((r: { deadline: { due: string } }) => r.deadline.due)).toEqual([
      '1401/05/09', '1401/04/10', '1401/04/23', '1401/05/09', '1401/05/09', '1401/04/16',
    ]);
  });

  it('reads minutes saved in Windows-1256', async () => {
    const path = join(tempDir(), 'old.txt');
    const utf8 = readFileSync(SEED_MINUTES, 'utf8');
    // Windows-1256 has no Persian digits nor the Urdu heh: old systems saved Latin digits and ه
    const legacy = utf8.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/ہ/g, 'ه').replace(/\u200c/g, '');
    writeFileSync(path, encodeWindows1256(legacy));
    const { status, stdout } = await cli('import', path, '--json');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.meeting.number).toBe(12);
    expect(doc.resolutions.map((r: { row: number }) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['a missing file', () => '/no/such/file.txt', /پیدا نشد/],
    ['an empty file', () => write('empty.txt', ''), /خالی/],
    ['a file of blank lines', () => write('blank.txt', '\r\n   \r\n'), /خالی/],
    ['a binary file', () => write('bin.txt', Buffer.from([0, 159, 146, 150, 0, 1])), /متنی نیست/],
    ['a directory', () => tempDir(), /پوشه است/],
    ['text with no resolutions table', () => write('letter.txt', 'سلام\nاین نامه است'), /جدول مصوبات/],
    ['a damaged .docx', () => write('minutes.docx', Buffer.from('PK\u0003\u0004 cut off here')), /فایل Word آسیب دیده یا ناقص/],
    ['an .xlsx passed by mistake', () => write('register.xlsx', makeZip({ 'xl/workbook.xml': '<workbook/>' })), /کارپوشه Excel است، نه صورتجلسه/],
    ['a truncated .xlsx', () => write('register.xlsx', makeZip({ 'xl/workbook.xml': '<workbook/>' }).subarray(0, 40)), /Excel است/],
    ['a PDF', () => write('minutes.pdf', Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1')), /PDF/],
    ['an old Word .doc', () => write('minutes.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), /\.docx ذخیره کنید/],
    ['a .docx with no resolutions table', () => write('letter.docx', makeZip({ 'word/document.xml':
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>نامه معمولی</w:t></w:r></w:p></w:body></w:document>' })), /جدول مصوبات/],
  ])('rejects %s with one line, Persian then English, exit status 2, no stack trace', async (_what, make, message) => {
    const { status, stdout, stderr } = await cli('import', make(), '--json');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [fa, en] = lines[0].split(' — error: ');
    expect(fa).toMatch(/^خطا: فایل «[^»]+»: /);
    expect(fa).toMatch(message);
    expect(en).toMatch(/[a-z]/);
    expect(stderr).not.toMatch(/\s+at\s.+\(.*:\d+:\d+\)/);
  });

  it('names a missing file once, not twice', async () => {
    const { stderr } = await cli('import', '/no/such/file.txt');
    expect(stderr.split('/no/such/file.txt').length - 1).toBe(2); // once in Persian, once in English
  });

  it('reads minutes sent as a Word .docx', async () => {
    const text = 'مصوبات جلسه مورخ ۱۴۰۱/۰۴/۰۹';
    const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p><w:tbl><w:tr>${['۱', 'متن', 'فرمانداری کرج', 'یک ماه']
      .map((c) => `<w:tc><w:p><w:r><w:t>${c}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr></w:tbl></w:body></w:document>`;
    const { status, stdout } = await cli('import', write('m.docx', makeZip({ 'word/document.xml': xml })), '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).resolutions[0].deadline).toEqual({ text: 'یک ماه', kind: 'months', due: '1401/05/09' });
  });

  it('works as the installed binary (npx mosavabat)', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'import', SEED_MINUTES, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).resolutions).toHaveLength(6);
    const bad = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'import', '/no/such.txt'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

function write(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

describe('mosavabat import <minutes> (no --json)', () => {
  it('prints the meeting, a count, and each row with its agencies, deadline and due date in Persian digits', async () => {
    const { status, stdout } = await cli('import', SEED_MINUTES);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'جلسه: دوازدهمین صورتجلسه قرارگاه اجتماعی استان',
      'مرجع: معاونت سیاسی، امنیتی و اجتماعی - اداره کل امور اجتماعی و فرهنگی',
      'شماره جلسه: ۱۲؛ تاریخ: پنجشنبه ۱۴۰۱/۰۴/۰۹؛ ساعت: ۰۷:۳۰؛ محل: سالن جلسات شهدای دولت',
    ]);
    expect(stdout).toContain('دعوتنامه: شماره ۲۱/۲۵/۲۱۸۲۹ مورخ ۱۴۰۱/۰۴/۰۷');
    expect(stdout).toContain('  بند ۴: بررسی مصوبات جلسات گذشته');
    expect(stdout).toContain('مصوبات: ۶ ردیف (۶ با مهلت)؛ ۱ هشدار');
    // agencies joined with " - " as the secretariat writes them: a name may contain «،»
    expect(stdout).toContain('  اقدام کننده: اداره کل تعاون، کار و رفاه اجتماعی - فرمانداری ها و شهرداریهای محترم استان');
    expect(stdout).toContain('  زمان اقدام: «هفته جاری»؛ مهلت: جمعه ۱۴۰۱/۰۴/۱۰');
  });

  it('puts each warning right under its own row', async () => {
    const { stdout } = await cli('import', SEED_MINUTES);
    const lines = stdout.split('\n');
    const warning = lines.findIndex((l) => l.startsWith('  هشدار: '));
    expect(lines[warning]).toContain('۱۴۰۱/۰۴/۱۵');
    expect(lines[warning - 1]).toBe('  زمان اقدام: «هفته جاری»؛ مهلت: جمعه ۱۴۰۱/۰۴/۱۰');
    expect(lines[warning - 3]).toMatch(/^ردیف ۲: /);
    expect(lines.filter((l) => l.includes('هشدار: '))).toHaveLength(1);
  });

  it('starts every line with a Persian letter (after indentation), so bidi terminals lay it out right to left', async () => {
    for (const file of [SEED_MINUTES, join(FIXTURES, 'minutes', 'education-council-1403-12-20.txt')]) {
      const { stdout } = await cli('import', file);
      for (const line of stdout.split('\n').filter((l) => l.trim() !== '')) {
        expect([line, /^\s*[\u0600-\u06ff]/.test(line)]).toEqual([line, true]);
      }
    }
  });

  it('says a due date was not computed because the meeting date is missing', async () => {
    const { status, stdout } = await cli('import', write('nodate.txt', 'ردیف\tمصوبه\tاقدام کننده\tزمان اقدام\n1\tمتن\tفرمانداری\tیک ماه\n2\tمتن\tشهرداری\tتا جلسه آینده'));
    expect(status).toBe(0);
    expect(stdout).toContain('شماره جلسه: —؛ تاریخ: نامعلوم');
    expect(stdout).toContain('  زمان اقدام: «یک ماه»؛ مهلت: حساب نشد چون تاریخ جلسه پیدا نشد');
    expect(stdout).toContain('  زمان اقدام: «تا جلسه آینده»؛ مهلت: تعیین نشد؛ دستی وارد کنید');
    expect(stdout).toMatch(/هشدارهای کل صورتجلسه:\n {2}هشدار: تاریخ جلسه در صورتجلسه پیدا نشد/);
  });

  it('shows Latin and Arabic-Indic digits as Persian, says why a row has no due date, and lists the document warnings', async () => {
    const { stdout } = await cli('import', join(FIXTURES, 'minutes', 'education-council-1403-12-20.txt'));
    expect(stdout).not.toMatch(/[0-9\u0660-\u0669]/);
    expect(stdout).toContain('مصوبات: ۱۱ ردیف (۱۰ با مهلت، ۱ بدون مهلت)؛ ۴ هشدار');
    expect(stdout).toContain('  زمان اقدام: «۱۰ روز کاری»؛ مهلت: یکشنبه ۱۴۰۴/۰۱/۱۰');
    expect(stdout).toContain('  زمان اقدام: «پس از تامین اعتبار»؛ مهلت: تعیین نشد؛ دستی وارد کنید');
    expect(stdout).toMatch(/هشدارهای کل صورتجلسه:\n {2}هشدار: سطر ۲۳ /);
    const traffic = await cli('import', join(FIXTURES, 'minutes', 'traffic-council-1402-05-17.txt'));
    expect(traffic.stdout).toContain('  زمان اقدام: «مستمر»؛ مهلت: ندارد (مستمر)');
    expect(traffic.stdout).toContain('  زمان اقدام: «حداکثر ظرف مدت ۱۵ روز»؛ مهلت: چهارشنبه ۱۴۰۲/۰۶/۰۱');
  });
});

describe('mosavabat import: deadline settings on the command line', () => {
  const TRAFFIC = join(FIXTURES, 'minutes', 'traffic-council-1402-05-17.txt');
  const EDUCATION = join(FIXTURES, 'minutes', 'education-council-1403-12-20.txt');
  const dueOf = (stdout: string, row: number) =>
    (JSON.parse(stdout).resolutions as Array<{ row: number; deadline: { due: string } }>).find((r) => r.row === row)!.deadline.due;

  it('--thursday-workday counts Thursdays in «N روز کاری»', async () => {
    // Tue 1402/05/17: Wed 18, Thu 19, Sat 21 … Thu 26, Sat 28, Sun 29 is the 10th
    const { status, stdout } = await cli('import', TRAFFIC, '--json', '--thursday-workday');
    expect(status).toBe(0);
    expect(dueOf(stdout, 3)).toBe('1402/05/29');
  });

  it('--holidays adds the year\'s lunar holidays, as a list or a file in any digits', async () => {
    // Eid al-Fitr 1404 (1404/01/10 and 11): after Sat 1/9 (9th) come 1/10–1/13 and Thu/Fri; Sat 1/16 is the 10th
    const listed = await cli('import', EDUCATION, '--json', '--holidays', '1404/01/10,1404/1/11');
    expect(dueOf(listed.stdout, 4)).toBe('1404/01/16');
    const file = write('holidays.txt', '۱۴۰۴/۰۱/۱۰\n۱۴۰۴/۰۱/۱۱\n');
    const fromFile = await cli('import', EDUCATION, '--json', '--holidays', file);
    expect(dueOf(fromFile.stdout, 4)).toBe('1404/01/16');
  });

  it('--urgent-days sets the delay of «فوری»', async () => {
    const { stdout } = await cli('import', TRAFFIC, '--json', '--urgent-days', '۱');
    expect(dueOf(stdout, 6)).toBe('1402/05/18');
  });

  it.each([
    [['--holidays', '1404/13/01'], /ماه باید بین ۱ و ۱۲ باشد/],
    [['--urgent-days', 'سه'], /--urgent-days باید عددی صحیح/],
    [['--urgent-days', '-2'], /--urgent-days باید عددی صحیح/],
    [['--due-soon-days', 'هفت', '-o', 'out.xlsx'], /--due-soon-days باید عدد صحیح/],
  ])('refuses %j with a clear message and exit status 2', async (args, message) => {
    const { status, stderr } = await cli('import', TRAFFIC, ...(args as string[]));
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
