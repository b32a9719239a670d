import { ensureFirstToken } from './firstToken';
import { openSqliteStore } from './sqliteStore';

describe('the first secretariat token', () => {
  it('is made and printed once on a fresh store, and never again', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      const lines: string[] = [];
      expect(await ensureFirstToken(store, (l) => lines.push(l), new Date('2022-07-05T05:30:00Z'))).toBe(true);
      const secret = lines.join('\n').match(/mosavabat_[A-Za-z0-9_-]{43}/)![0];
      expect(lines[0]).toContain('shown only this once');
      expect(await store.findToken(secret)).toMatchObject({ role: 'secretariat', createdAt: '2022-07-05T05:30:00.000Z' });
      const later: string[] = [];
      expect(await ensureFirstToken(store, (l) => later.push(l))).toBe(false);
      expect(later).toEqual([]);
      expect(await store.listTokens()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
