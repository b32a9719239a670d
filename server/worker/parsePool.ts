/**
 * Uploaded files are read off the request thread, in workers with a memory limit and a time
 * limit. A file that exhausts either (a zip bomb that slipped past the checks, a crafted XML)
 * kills only its worker: the request gets a 4xx, the worker is replaced, and the service goes on
 * answering everyone else.
 *
 * Workers are child processes by default (`--max-old-space-size`): a worker *thread* over its
 * `resourceLimits` can abort the whole process instead of only itself, depending on how the
 * memory was allocated (nodejs/node#47224), which is what a crafted file would aim at. Threads
 * remain available (`isolation: 'thread'`), for a machine where processes are costly.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { MosavabatError, type ErrorKind, type Location } from '../../core/errors';
import type { ParsedMinutes } from '../../core/minutes/types';
import type { ReturnFileData } from '../../adapters/xlsx/returns/readReturn';
import type { RegisterSettings } from '../../core/register/settings';
import type { UploadedRegister } from '../../usecases/readUploads';

export type ParseKind = 'return' | 'register' | 'minutes';

export interface ParseJob {
  id: number;
  kind: ParseKind;
  name: string;
  bytes: Uint8Array;
  /**
   * The register's settings, for minutes: their due dates follow them (Thursday, holidays, the
   * delay of «فوری»), as `mosavabat import` follows a register's `تنظیمات` sheet. Defaults when absent.
   */
  settings?: RegisterSettings;
}

/** What a job may carry besides its bytes. */
export type ParseOptions = Pick<ParseJob, 'settings'>;

export type ParseReply =
  | { id: number; ok: true; data: unknown }
  | { id: number; ok: false; error: { code: string; fa: string; en: string; kind: ErrorKind; where: Location } };

/** What each kind of job gives back. */
export interface ParseResults {
  return: ReturnFileData;
  register: UploadedRegister;
  minutes: ParsedMinutes;
}

export interface ParsePoolOptions {
  /** Workers at most (default: the number of cores, at most 4). */
  size?: number;
  /** Each worker's heap limit, MB (default 384). */
  maxOldGenerationSizeMb?: number;
  /** Longest a file may take, ms (default 30 s). */
  timeoutMs?: number;
  /** Jobs allowed to wait for a worker before new ones are refused (default 200). */
  maxQueue?: number;
  /** Child processes (default) or worker threads; see the file comment. */
  isolation?: 'process' | 'thread';
}

/** Reads uploads in workers. */
export interface Parser {
  parse<K extends ParseKind>(kind: K, name: string, bytes: Buffer, options?: ParseOptions): Promise<ParseResults[K]>;
  /** Start every worker now (they load their readers once), so the first uploads do not wait for it. */
  warm(): void;
  close(): Promise<void>;
}

/**
 * The compiled worker: beside this file in dist/, or (when this file runs from source, in the
 * tests) in dist/ under the project root — `npm test` builds first.
 */
function workerFile(): string {
  const here = join(__dirname, 'parseWorker.js');
  if (existsSync(here)) return here;
  return join(__dirname, '..', '..', 'dist', 'server', 'worker', 'parseWorker.js');
}

/** One worker, thread or process, behind the same few calls. */
interface Runner {
  send(job: ParseJob): void;
  onMessage(listener: (reply: ParseReply) => void): () => void;
  /** `memory` when it died of its heap limit. */
  onDeath(listener: (why: 'memory' | 'crash') => void): () => void;
  kill(): Promise<unknown>;
  /** Keep the process alive while it works; let it go when idle. */
  hold(busy: boolean): void;
}

function threadRunner(file: string, heapMb: number): Runner {
  const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 } });
  worker.unref();
  return {
    send: (job) => worker.postMessage(job),
    onMessage: (listener) => {
      worker.on('message', listener);
      return () => worker.off('message', listener);
    },
    onDeath: (listener) => {
      const onError = (error: Error & { code?: string }) => listener(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash');
      const onExit = () => listener('crash');
      worker.on('error', onError);
      worker.on('exit', onExit);
      return () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
    },
    kill: () => worker.terminate(),
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}

function processRunner(file: string, heapMb: number): Runner {
  const child: ChildProcess = fork(file, [], {
    execArgv: [`--max-old-space-size=${heapMb}`, '--stack-size=4000'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const channel = () => child.channel as unknown as { ref(): void; unref(): void } | undefined;
  child.unref();
  channel()?.unref();
  return {
    send: (job) => child.send(job),
    onMessage: (listener) => {
      const on = (message: unknown) => listener(message as ParseReply);
      child.on('message', on);
      return () => child.off('message', on);
    },
    onDeath: (listener) => {
      // V8 aborts (SIGABRT, or exit 134 through a shell) when the heap limit is reached
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => listener(signal === 'SIGABRT' || code === 134 ? 'memory' : 'crash');
      const onError = () => listener('crash');
      child.on('exit', onExit);
      child.on('error', onError);
      return () => {
        child.off('exit', onExit);
        child.off('error', onError);
      };
    },
    kill: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
      else {
        child.once('exit', resolve);
        child.kill('SIGKILL');
      }
    }),
    hold: (busy) => {
      if (busy) {
        child.ref();
        channel()?.ref();
      } else {
        child.unref();
        channel()?.unref();
      }
    },
  };
}

interface Slot {
  worker: Runner;
  busy: boolean;
}

interface Pending {
  job: ParseJob;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function tooComplex(name: string, why: 'memory' | 'time' | 'crash'): MosavabatError {
  const fa = why === 'time' ? 'خواندن این فایل بیش از حد طول کشید' : 'خواندن این فایل بیش از حد حافظه لازم داشت';
  return new MosavabatError('file_too_complex', `${fa}؛ فایل خوانده نشد (شاید آسیب دیده یا دست‌کاری‌شده است)`,
    `reading the file took too much ${why === 'time' ? 'time' : 'memory'}; refused`, 'too_large', { file: name });
}

/** A pool of parse workers; create once per service. */
export function createParsePool(options: ParsePoolOptions = {}): Parser {
  const size = Math.max(1, options.size ?? Math.min(4, cpus().length));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxQueue = options.maxQueue ?? 200;
  const file = workerFile();
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const heapMb = options.maxOldGenerationSizeMb ?? 384;
  const spawn = (): Slot => {
    const worker = options.isolation === 'thread' ? threadRunner(file, heapMb) : processRunner(file, heapMb);
    const slot: Slot = { worker, busy: false };
    slots.push(slot);
    return slot;
  };

  const retire = (slot: Slot) => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    void slot.worker.kill();
  };

  const run = (slot: Slot, pending: Pending) => {
    slot.busy = true;
    const { worker } = slot;
    worker.hold(true);
    let settled = false;
    const finish = (fn: () => void, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      offMessage();
      offDeath();
      slot.busy = false;
      worker.hold(false);
      if (!healthy) retire(slot);
      fn();
      pump();
    };
    const onMessage = (reply: ParseReply) => {
      if (reply.id !== pending.job.id) return;
      finish(() => {
        if (reply.ok) pending.resolve(reply.data);
        else pending.reject(new MosavabatError(reply.error.code, reply.error.fa, reply.error.en, reply.error.kind, reply.error.where));
      }, true);
    };
    const timer = setTimeout(() => finish(() => pending.reject(tooComplex(pending.job.name, 'time')), false), timeoutMs);
    const offMessage = worker.onMessage(onMessage);
    const offDeath = worker.onDeath((why) => finish(() => pending.reject(tooComplex(pending.job.name, why)), false));
    worker.send(pending.job);
  };

  const pump = () => {
    while (queue.length && !closed) {
      const slot = slots.find((s) => !s.busy) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) return;
      run(slot, queue.shift()!);
    }
  };

  return {
    parse<K extends ParseKind>(kind: K, name: string, bytes: Buffer, options: ParseOptions = {}): Promise<ParseResults[K]> {
      if (closed) return Promise.reject(new MosavabatError('shutting_down', 'سرویس در حال توقف است', 'the service is stopping', 'internal'));
      if (queue.length >= maxQueue) {
        return Promise.reject(new MosavabatError('busy', 'سرویس اکنون فایل‌های زیادی در دست دارد؛ کمی بعد دوباره بفرستید',
          'too many files waiting; try again shortly', 'rate_limited'));
      }
      return new Promise((resolve, reject) => {
        queue.push({ job: { id: nextId++, kind, name, bytes: new Uint8Array(bytes), ...options }, resolve: resolve as (v: unknown) => void, reject });
        pump();
      });
    },
    warm() {
      while (!closed && slots.length < size) spawn();
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new MosavabatError('shutting_down', 'سرویس در حال توقف است', 'the service is stopping', 'internal'));
      await Promise.all(slots.splice(0).map((s) => s.worker.kill()));
    },
  };
}
