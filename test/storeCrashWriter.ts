/**
 * A writer for the crash test: opens the SQLite store at argv[2] and commits change sets one
 * after another, printing `ack <n>` after each commit returned, until it is killed. Upload n
 * (hash of `upload-<n>`) sets row `r<n % 5>`'s report to `n` and its percent to n % 101.
 */
import { createHash } from 'node:crypto';
import { openSqliteStore } from '../adapters/store/sqliteStore';

const ROWS = 5;

async function main(): Promise<void> {
  const store = await openSqliteStore(process.argv[2]);
  if ((await store.listMeetings()).length === 0) {
    await store.addMeeting({ id: 'crash-1', body: '', title: 'crash', number: 1, date: '1401/01/01', weekday: null, time: null, place: null,
      invitation: { number: null, date: null }, agenda: [] }, Array.from({ length: ROWS }, (_, i) => ({
      id: `r${i}`, meeting: 'crash', meetingDate: '1401/01/01', row: i + 1, text: `row ${i}`, agency: 'x', deadlineText: '', due: null,
      status: null, percent: null, report: '', doneDate: null, requestedDue: null, requestReason: '', revision: 1, updatedAt: null,
    })), new Date().toISOString());
  }
  // continue after the uploads a previous writer committed
  let n = (await store.listHistory()).reduce((max, line) => Math.max(max, Number(line.new ?? 0)), 0);
  for (;;) {
    n += 1;
    const id = `r${n % ROWS}`;
    const current = (await store.getAssignment(id))!;
    const result = await store.commit({
      at: new Date().toISOString(), actor: { kind: 'system' }, source: { kind: 'upload', file: `u${n}.xlsx` },
      upload: { hash: createHash('sha256').update(`upload-${n}`).digest('hex'), scope: '', kind: 'return', name: `u${n}.xlsx`, size: n },
      edits: [{ id, expectedRevision: current.revision, fields: { report: String(n), percent: n % 101 } }],
    });
    if (result.outcome !== 'applied') throw new Error(`commit ${n}: ${result.outcome}`);
    process.stdout.write(`ack ${n}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
