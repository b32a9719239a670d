import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, encodeWindows1256, SEED_MINUTES, tempDir } from './helpers';

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
    ['a binary file', () => write('bin.txt', Buffer.from([0, 159, 146, 150, 0, 1])), /متنی نیست/],
    ['text with no resolutions table', () => write('letter.txt', 'سلام\nاین نامه است'), /جدول مصوبات/],
  ])('rejects %s with one Persian/English line and exit status 2, no stack trace', async (_what, make, message) => {
    const { status, stdout, stderr } = await cli('import', make(), '--json');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/error: /);
    expect(stderr).not.toMatch(/\s+at\s.+\(.*:\d+:\d+\)/);
  });

  it('works as the installed binary (npx mosavabat)', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'import', SEED_MINUTES, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).resolutions).toHaveLength(6);
    const bad = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'import', '/no/such.txt'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(2);
  });
});

function write(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

describe('mosavabat import <minutes> (no --json)', () => {
  it('prints a Persian summary with each row\'s due date in Persian digits and the row-2 warning', async () => {
    const { status, stdout } = await cli('import', SEED_MINUTES);
    expect(status).toBe(0);
    expect(stdout).toContain('تعداد مصوبات: ۶');
    expect(stdout).toContain('۲) فرمانداری کرج، کلیه دستگاههای اجرایی استان | هفته جاری → مهلت ۱۴۰۱/۰۴/۱۰');
    expect(stdout).toMatch(/هشدار: .*۱۴۰۱\/۰۴\/۱۵/);
  });
});
