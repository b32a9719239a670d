import { join } from 'node:path';
import { cli, tempDir } from '../../test/helpers';
import { openSqliteStore } from '../../adapters/store/sqliteStore';

const TOKEN = /mosavabat_[A-Za-z0-9_-]{43}/;

async function withStore<T>(db: string, fn: (store: Awaited<ReturnType<typeof openSqliteStore>>) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('mosavabat token', () => {
  it('adds a secretariat token, shows it once, lists it without the token, revokes it', async () => {
    const db = join(tempDir(), 'service.sqlite');
    const added = await cli('token', 'add', '--secretariat', '--label', 'رئیس دبیرخانه', '--db', db);
    expect(added.status).toBe(0);
    const secret = added.stdout.match(TOKEN)![0];
    const id = added.stdout.match(/id: ([0-9a-f]{12})/)![1];
    expect(await withStore(db, (s) => s.findToken(secret))).toMatchObject({ id, role: 'secretariat', label: 'رئیس دبیرخانه' });

    const listed = await cli('token', 'list', '--db', db);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`${id}\tدبیرخانه\tرئیس دبیرخانه`);
    expect(listed.stdout).toContain('فعال');
    expect(listed.stdout).toContain('1 live of 1');
    expect(listed.stdout).not.toMatch(TOKEN);
    const json = await cli('token', 'list', '--json', '--db', db);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ id, role: 'secretariat', revokedAt: null })]);
    expect(json.stdout).not.toMatch(TOKEN);

    const revoked = await cli('token', 'revoke', id, '--db', db);
    expect(revoked.status).toBe(0);
    expect(await withStore(db, (s) => s.findToken(secret))).toBeUndefined();
    const again = await cli('token', 'revoke', id, '--db', db);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`no live token has the id "${id}"`);
    expect((await cli('token', 'list', '--db', db)).stdout).toContain('0 live of 1');
  });

  it('gives an agency token the directory name of the agency typed by an alias', async () => {
    const db = join(tempDir(), 'service.sqlite');
    await withStore(db, (s) => s.setAgencies([{ name: 'شرکت آب و فاضلاب استان', aliases: ['آبفا'] }], { kind: 'system' }, '2022-07-05T00:00:00.000Z'));
    const added = await cli('token', 'add', '--agency', 'آبفا', '--db', db);
    expect(added.status).toBe(0);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('دستگاه «شرکت آب و فاضلاب استان»');
    const secret = added.stdout.match(TOKEN)![0];
    expect(await withStore(db, (s) => s.findToken(secret))).toMatchObject({ role: 'agency', agency: 'شرکت آب و فاضلاب استان' });
  });

  it('warns about an agency nobody has heard of, naming the closest one, and still makes the token', async () => {
    const db = join(tempDir(), 'service.sqlite');
    await withStore(db, (s) => s.setAgencies([{ name: 'اداره کل ورزش و جوانان', aliases: [] }], { kind: 'system' }, '2022-07-05T00:00:00.000Z'));
    const added = await cli('token', 'add', '--agency', 'اداره کل ورزش و جوان', '--db', db);
    expect(added.status).toBe(0);
    expect(added.stderr).toContain('did you mean "اداره کل ورزش و جوانان"?');
    expect(added.stdout).toMatch(TOKEN);
  });

  it('wants exactly one of --agency and --secretariat', async () => {
    const db = join(tempDir(), 'service.sqlite');
    for (const args of [[], ['--agency', 'x', '--secretariat']]) {
      const result = await cli('token', 'add', ...args, '--db', db);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('give exactly one of --agency <name> or --secretariat');
      expect(result.stdout).toBe('');
    }
    expect(await withStore(db, (s) => s.listTokens())).toEqual([]);
  });
});
