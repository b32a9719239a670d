/**
 * The version numbers as PostgreSQL's instances learn them (notifications), with a database and
 * a listening connection played by the test, and the in-process rate-limit counters.
 */
import type { SqlQueries } from './sqlDriver';
import { memoryCounter, notifiedVersions, type Listener } from './versions';

/** A database whose numbers the test sets, counting the reads. */
function database(start: { version: number; tokens_version: number }) {
  const state = { ...start, reads: 0 };
  const q: SqlQueries = {
    all: async <T>() => {
      state.reads++;
      return [{ version: state.version, tokens_version: state.tokens_version }] as T[];
    },
    run: async () => 0,
  };
  return { state, q };
}

/** A listening connection the test drives. */
function listener() {
  const handlers: { notify?: (payload: string) => void; lost?: () => void } = {};
  let closed = 0;
  const connection: Listener = {
    onNotification: (h) => { handlers.notify = h; },
    onLost: (h) => { handlers.lost = h; },
    close: async () => { closed++; },
  };
  return { connection, handlers, closed: () => closed };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('version numbers learnt from notifications', () => {
  test('read from the database until listening, then from what notifications and own commits say', async () => {
    const { state, q } = database({ version: 4, tokens_version: 1 });
    const conn = listener();
    let opens = 0;
    const versions = notifiedVersions(q, async () => {
      opens++;
      return conn.connection;
    }, 60_000);
    // the first call reads the database and opens the connection
    expect(await versions.current()).toEqual({ register: 4, tokens: 1 });
    await settle();
    expect(opens).toBe(1);
    const reads = state.reads;
    state.version = 9; // a write whose notification has not come: not seen yet
    expect(await versions.current()).toEqual({ register: 4, tokens: 1 });
    expect(state.reads).toBe(reads);
    conn.handlers.notify!('9 1');
    expect(await versions.current()).toEqual({ register: 9, tokens: 1 });
    // an older notification arriving late never moves it back
    conn.handlers.notify!('7 1');
    expect(await versions.current()).toEqual({ register: 9, tokens: 1 });
    // this process's own commit counts before any notification
    versions.saw({ register: 9, tokens: 2 });
    expect(await versions.current()).toEqual({ register: 9, tokens: 2 });
    expect(state.reads).toBe(reads);
    await versions.close();
    expect(conn.closed()).toBe(1);
  });

  test('a lost connection makes every call read the database again', async () => {
    const { state, q } = database({ version: 1, tokens_version: 0 });
    const conn = listener();
    const versions = notifiedVersions(q, async () => conn.connection, 60_000);
    await versions.current();
    await settle();
    conn.handlers.lost!();
    state.version = 3;
    expect(await versions.current()).toEqual({ register: 3, tokens: 0 });
    state.version = 4;
    expect(await versions.current()).toEqual({ register: 4, tokens: 0 });
    await versions.close();
  });

  test('a notification heard while the first read is on its way is not lost', async () => {
    let release: (() => void) | undefined;
    let calls = 0;
    const q: SqlQueries = {
      all: async <T>() => {
        // the listening connection's first read waits until the test lets it go
        if (++calls === 2) await new Promise<void>((resolve) => { release = resolve; });
        return [{ version: 2, tokens_version: 0 }] as T[];
      },
      run: async () => 0,
    };
    const conn = listener();
    const versions = notifiedVersions(q, async () => conn.connection, 60_000);
    expect(await versions.current()).toEqual({ register: 2, tokens: 0 });
    while (!release) await settle();
    // a write committed after that read's snapshot: its notification comes first
    conn.handlers.notify!('3 0');
    release();
    await settle();
    expect(await versions.current()).toEqual({ register: 3, tokens: 0 });
    expect(calls).toBe(2);
    await versions.close();
  });
});

describe('rate-limit counters in this process', () => {
  test('count per kind and key in windows that start at whole multiples of their length', async () => {
    const count = memoryCounter();
    const minute = 60_000;
    expect(await count('upload', 'a', minute, 120_000, 1)).toBe(1);
    expect(await count('upload', 'a', minute, 179_999, 1)).toBe(2);
    expect(await count('upload', 'b', minute, 179_999, 0)).toBe(0);
    expect(await count('failed_login', 'a', minute, 179_999, 0)).toBe(0);
    expect(await count('upload', 'a', minute, 180_000, 0)).toBe(0);
    expect(await count('upload', 'a', minute, 180_000, 1)).toBe(1);
  });
});
