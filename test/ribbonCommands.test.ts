/**
 * The ribbon's function file: a button's command always ends with exactly one
 * `event.completed()`, whatever happens, and a failure reaches the user as Persian text in the
 * message window. First runRibbonCommand against stand-ins, then the built commands.js
 * (dist/addin) in a sandbox with a stand-in Office, as Excel would load it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { DIALOG_LIMIT_MS, LAST_OUTCOME_KEY, runRibbonCommand, type RibbonHost } from '../addin/ribbon';

type Handler = (arg: unknown) => void;

/** A stand-in for Office.context.ui and the dialog it opens. */
function standIn(options: { dialogFails?: boolean } = {}) {
  const opened: string[] = [];
  const handlers = new Map<string, Handler>();
  let closed = 0;
  const timers: Array<[() => void, number]> = [];
  const stored = new Map<string, string>();
  const logged: string[] = [];
  const host: RibbonHost = {
    ui: {
      displayDialogAsync: (url, _options, callback) => {
        opened.push(url);
        if (options.dialogFails) {
          callback({ status: 'failed', value: undefined as never, error: { code: 12007, message: 'a dialog is already open' } });
          return;
        }
        callback({ status: 'succeeded', value: { addEventHandler: (type, handler) => { handlers.set(type, handler); }, close: () => { closed++; } } });
      },
    },
    storage: { setItem: (key, value) => { stored.set(key, value); } },
    pageUrl: 'https://sec.example:8443/addin/commands.html?_host_Info=Excel$Win32$16.01$fa-IR',
    now: () => new Date('2022-07-05T05:30:00Z'),
    setTimer: (callback, ms) => { timers.push([callback, ms]); },
    log: (line) => { logged.push(line); },
  };
  return { host, opened, handlers, timers, stored, logged, closedCount: () => closed };
}

function counter() {
  let completed = 0;
  return { event: { completed: () => { completed++; } }, count: () => completed };
}

/** The message notice.html would show for a dialog URL. */
const messageOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('m');

describe('runRibbonCommand', () => {
  it('completes at once and opens nothing when the command succeeds, keeping the outcome for the pane', async () => {
    const s = standIn();
    const c = counter();
    await runRibbonCommand('colorRegister', c.event, async () => ({ ok: true, message: '۱۲ ردیف رنگ‌آمیزی شد' }), s.host);
    expect(c.count()).toBe(1);
    expect(s.opened).toEqual([]);
    expect(JSON.parse(s.stored.get(LAST_OUTCOME_KEY)!)).toEqual({ at: '2022-07-05T05:30:00.000Z', name: 'colorRegister', ok: true, message: '۱۲ ردیف رنگ‌آمیزی شد' });
  });

  it('shows a failure\'s Persian message in notice.html beside the function page and completes when it is closed', async () => {
    const s = standIn();
    const c = counter();
    await runRibbonCommand('colorRegister', c.event, async () => ({ ok: false, message: 'برگه‌ی مصوبات پیدا نشد' }), s.host);
    expect(s.opened).toHaveLength(1);
    expect(s.opened[0].startsWith('https://sec.example:8443/addin/notice.html#m=')).toBe(true);
    expect(messageOf(s.opened[0])).toBe('برگه‌ی مصوبات پیدا نشد');
    expect(c.count()).toBe(0); // the dialog would close with the function page
    s.handlers.get('dialogMessageReceived')!({ message: 'close' });
    s.handlers.get('dialogEventReceived')!({ error: 12006 });
    expect(c.count()).toBe(1);
    expect(s.closedCount()).toBe(1);
  });

  it('turns a thrown error into the unexpected-error message, still completing once', async () => {
    const s = standIn();
    const c = counter();
    await runRibbonCommand('colorRegister', c.event, async () => { throw new ReferenceError('Excel is not defined'); }, s.host);
    expect(messageOf(s.opened[0])).toMatch(/^فرمان به خطای پیش‌بینی‌نشده خورد/);
    expect(JSON.parse(s.stored.get(LAST_OUTCOME_KEY)!).ok).toBe(false);
    expect(s.logged[0]).toMatch(/^colorRegister: ReferenceError: Excel is not defined/);
    s.handlers.get('dialogEventReceived')!({ error: 12006 });
    expect(c.count()).toBe(1);
  });

  it('completes when the dialog cannot open, when there is no dialog API, and when nobody closes it in time', async () => {
    const failing = standIn({ dialogFails: true });
    const c1 = counter();
    await runRibbonCommand('colorRegister', c1.event, async () => ({ ok: false, message: 'x' }), failing.host);
    expect(c1.count()).toBe(1);

    const noUi = standIn();
    const c2 = counter();
    await runRibbonCommand('colorRegister', c2.event, async () => ({ ok: false, message: 'x' }), { ...noUi.host, ui: undefined });
    expect(c2.count()).toBe(1);
    expect(noUi.stored.has(LAST_OUTCOME_KEY)).toBe(true);

    const forgotten = standIn();
    const c3 = counter();
    await runRibbonCommand('colorRegister', c3.event, async () => ({ ok: false, message: 'x' }), forgotten.host);
    expect(forgotten.timers.map(([, ms]) => ms)).toEqual([DIALOG_LIMIT_MS]);
    expect(DIALOG_LIMIT_MS).toBeLessThan(5 * 60 * 1000);
    forgotten.timers[0][0]();
    forgotten.handlers.get('dialogEventReceived')!({ error: 12006 });
    expect(c3.count()).toBe(1);
    expect(forgotten.closedCount()).toBe(1);
  });

  it('shows a success\'s message too when the command asks for it (the summary\'s numbers), completing once it is closed', async () => {
    const s = standIn();
    const c = counter();
    await runRibbonCommand('writeSummary', c.event, async () => ({ ok: true, message: 'خلاصه نوشته شد: ۹ ردیف' }), { ...s.host, tellSuccess: true });
    expect(s.opened.map(messageOf)).toEqual(['خلاصه نوشته شد: ۹ ردیف']);
    expect(c.count()).toBe(0);
    s.handlers.get('dialogMessageReceived')!({ message: 'close' });
    expect(c.count()).toBe(1);
  });

  it('shows a quiet command\'s success when its message asks something of the user (the menu click for a sheet added left to right)', async () => {
    const s = standIn();
    const c = counter();
    await runRibbonCommand('colorRegister', c.event, async () => ({ ok: true, message: 'برگه‌های «خلاصه» ساخته شد. Sheet Right-to-Left', tell: true }), s.host);
    expect(s.opened.map(messageOf)).toEqual(['برگه‌های «خلاصه» ساخته شد. Sheet Right-to-Left']);
    s.handlers.get('dialogMessageReceived')!({ message: 'close' });
    expect(c.count()).toBe(1);
  });

  it('completes even when storage throws', async () => {
    const s = standIn();
    const c = counter();
    await runRibbonCommand('colorRegister', c.event, async () => ({ ok: true, message: '' }), { ...s.host, storage: { setItem: () => { throw new Error('quota'); } } });
    expect(c.count()).toBe(1);
  });
});

describe('the built commands.js in a stand-in Excel', () => {
  it('associates colorRegister and writeSummary once Office is ready; clicking one ends in completed() with a Persian message when Excel cannot run it', async () => {
    const associated = new Map<string, (event: { completed(): void }) => void>();
    let ready: () => void = () => undefined;
    const dialogs: string[] = [];
    let onDialogEvent: Handler | undefined;
    const sandbox: Record<string, unknown> = {
      Office: {
        onReady: () => new Promise<void>((resolve) => { ready = resolve; }),
        actions: { associate: (name: string, fn: (event: { completed(): void }) => void) => { associated.set(name, fn); } },
        context: {
          ui: {
            displayDialogAsync: (url: string, _o: unknown, callback: (r: unknown) => void) => {
              dialogs.push(url);
              callback({ status: 'succeeded', value: { addEventHandler: (type: string, h: Handler) => { if (type === 'dialogEventReceived') onDialogEvent = h; }, close: () => undefined } });
            },
          },
        },
      },
      location: { href: 'https://localhost:3000/addin/commands.html' },
      localStorage: { setItem: () => undefined },
      setTimeout: () => 0,
      URL,
      URLSearchParams,
      console: { error: () => undefined, log: () => undefined },
    };
    sandbox.window = sandbox;
    sandbox.self = sandbox;
    runInContext(readFileSync(join(__dirname, '..', 'dist', 'addin', 'commands.js'), 'utf8'), createContext(sandbox));
    expect([...associated.keys()]).toEqual([]);
    ready();
    await new Promise((resolve) => setImmediate(resolve));
    expect([...associated.keys()]).toEqual(['colorRegister', 'writeSummary']);

    let completed = 0;
    associated.get('colorRegister')!({ completed: () => { completed++; } });
    for (let i = 0; i < 20 && dialogs.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    // there is no Excel in the sandbox: whatever the pane's command does, it cannot succeed here
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0].startsWith('https://localhost:3000/addin/notice.html#m=')).toBe(true);
    expect(messageOf(dialogs[0])).toMatch(/[\u0600-\u06ff]{3}/);
    onDialogEvent!({ error: 12006 });
    expect(completed).toBe(1);
  });
});
