/**
 * `mosavabat token add --agency <name> | --secretariat`, `token list`, `token revoke <id>`:
 * the service's access tokens, in the store the service uses (MOSAVABAT_DB, or --db).
 */
import type { Command } from 'commander';
import { MosavabatError } from '../../core/errors';
import { toPersianDigits } from '../../core/text';
import type { RegisterStore } from '../../usecases/registerStore';
import { addToken, revokeToken } from '../../usecases/manageTokens';
import { describeStore, openStore } from '../../adapters/store/openStore';
import type { CliIO } from '../io';

interface StoreOption {
  db?: string;
}

async function withStore<T>(options: StoreOption, fn: (store: RegisterStore) => Promise<T>): Promise<T> {
  const store = await openStore(options.db ?? process.env.MOSAVABAT_DB);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const DB_OPTION = ['--db <location>', 'پایگاه دادهٔ سرویس: مسیر فایل SQLite یا postgres://… (پیش‌فرض: MOSAVABAT_DB یا data/mosavabat.sqlite) — the service\'s store'] as const;

export function registerToken(program: Command, io: CliIO): void {
  const token = program
    .command('token')
    .description('توکن‌های دسترسی به سرویس — the service\'s access tokens');

  token
    .command('add')
    .description('توکن تازه برای یک دستگاه یا دبیرخانه؛ فقط همین یک بار نشان داده می‌شود — make a token (shown once)')
    .option('--agency <name>', 'توکن این دستگاه: فقط ردیف‌ها و فایل خودش — an agency token')
    .option('--secretariat', 'توکن دبیرخانه: همه‌چیز — a secretariat token')
    .option('--label <text>', 'یادداشت، مثلاً نام کسی که توکن را می‌گیرد — a note')
    .option(...DB_OPTION)
    .action(async (options: StoreOption & { agency?: string; secretariat?: boolean; label?: string }) => {
      if ((options.agency === undefined) === (options.secretariat === undefined)) {
        throw new MosavabatError('token_role', 'یکی از --agency <نام> یا --secretariat را بدهید', 'give exactly one of --agency <name> or --secretariat');
      }
      const made = await withStore(options, (store) => addToken(store, options.secretariat
        ? { role: 'secretariat', label: options.label }
        : { role: 'agency', agency: options.agency, label: options.label }, new Date()));
      if (made.unknownAgency) io.err(`هشدار: ${made.unknownAgency.fa} — warning: ${made.unknownAgency.en}`);
      const who = made.token.role === 'secretariat' ? 'دبیرخانه' : `دستگاه «${made.token.agency}»`;
      io.out(`توکن ${who} (فقط همین یک بار نشان داده می‌شود) — token, shown only this once:`);
      io.out(made.secret);
      io.out(`شناسه / id: ${made.token.id}`);
    });

  token
    .command('list')
    .description('فهرست توکن‌ها (بدون خود توکن) — list the tokens (never the tokens themselves)')
    .option('--json', 'JSON')
    .option(...DB_OPTION)
    .action(async (options: StoreOption & { json?: boolean }) => {
      const tokens = await withStore(options, (store) => store.listTokens());
      if (options.json) {
        io.out(JSON.stringify(tokens, null, 2));
        return;
      }
      if (tokens.length === 0) {
        io.out(`توکنی نیست (${describeStore(options.db ?? process.env.MOSAVABAT_DB)}) — no tokens`);
        return;
      }
      for (const t of tokens) {
        const who = t.role === 'secretariat' ? 'دبیرخانه' : `دستگاه: ${t.agency}`;
        const state = t.revokedAt ? `باطل‌شده ${t.revokedAt}` : 'فعال';
        io.out([t.id, who, t.label, `ساخته‌شده ${t.createdAt}`, state].filter((x) => x !== '').join('\t'));
      }
      const live = tokens.filter((t) => !t.revokedAt).length;
      io.out(`${toPersianDigits(String(live))} توکن فعال از ${toPersianDigits(String(tokens.length))} — ${live} live of ${tokens.length}`);
    });

  token
    .command('revoke <id>')
    .description('باطل کردن توکن با شناسه‌اش — revoke a token by its id')
    .option(...DB_OPTION)
    .action(async (id: string, options: StoreOption) => {
      await withStore(options, (store) => revokeToken(store, id, new Date()));
      io.out(`توکن ${id} باطل شد — token ${id} revoked`);
    });
}
