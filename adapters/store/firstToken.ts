/** The first secretariat token of a fresh store, made on start and shown once. */
import type { RegisterStore } from '../../usecases/registerStore';

/**
 * On a store without any token, make a secretariat token and print it (the only time it is
 * shown: the store keeps its hash). Nothing happens when tokens exist.
 * @returns whether a token was made
 */
export async function ensureFirstToken(store: RegisterStore, print: (line: string) => void, at = new Date()): Promise<boolean> {
  const made = await store.createFirstToken(at.toISOString());
  if (!made) return false;
  print('توکن دبیرخانه (فقط همین یک بار نشان داده می‌شود؛ جایی امن نگهش دارید) — secretariat token, shown only this once:');
  print(`  ${made.secret}`);
  print(`  (شناسه / id: ${made.token.id}; توکن‌های دیگر: mosavabat token add --secretariat | --agency <نام>)`);
  return true;
}
