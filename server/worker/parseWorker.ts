/**
 * The child process that reads uploaded files (see parsePool.ts). One job at a time: a message
 * `{ id, kind, name, bytes, settings? }` is answered with `{ id, ok: true, data }` or `{ id, ok: false, error }`.
 * Also runs as a worker thread (the messages come through parentPort then).
 */
import { parentPort } from 'node:worker_threads';
import { MosavabatError } from '../../core/errors';
import { readUploadedMinutes, readUploadedRegister, readUploadedReturn } from '../../usecases/readUploads';
import type { ParseJob, ParseReply } from './parsePool';

async function run(job: ParseJob): Promise<unknown> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  switch (job.kind) {
    case 'return': return readUploadedReturn(bytes, job.name);
    case 'register': return readUploadedRegister(bytes, job.name);
    case 'minutes': return readUploadedMinutes(bytes, job.name, job.settings);
  }
}

const reply = (message: ParseReply) => (parentPort ? parentPort.postMessage(message) : process.send?.(message));

const onJob = (job: ParseJob) => {
  run(job).then(
    (data) => reply({ id: job.id, ok: true, data }),
    (error: unknown) => {
      const known = error instanceof MosavabatError ? error
        : new MosavabatError('damaged_workbook', 'فایل آسیب دیده است یا خوانده نمی‌شود', `the file cannot be read (${String((error as Error)?.message ?? error).slice(0, 200)})`, 'bad_input', { file: job.name });
      reply({ id: job.id, ok: false, error: { code: known.code, fa: known.fa, en: known.en, kind: known.kind, where: known.where } });
    },
  );
};

if (parentPort) parentPort.on('message', onJob);
else {
  process.on('message', onJob);
  // the service is gone (stopped, or killed): nothing left to read for
  process.on('disconnect', () => process.exit(0));
}
