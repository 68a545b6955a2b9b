// Background WAL checkpoints for bulk loads (a worker thread with its own SQLite connection).
// A checkpoint copies every page the last group commit wrote from the WAL into the database file
// and fsyncs both: on a 100k-article store ~150 ms per 100-article group. Run inside the writer's
// COMMIT (SQLite's auto-checkpoint), that time blocks the thread that feeds the pipeline workers,
// and they sit idle. Here it overlaps with them. A PASSIVE checkpoint never waits for, nor blocks,
// the writer. The writer starts its next group after the reply: SQLite rewinds the WAL to its start
// only when a write transaction begins on a fully checkpointed WAL; without that it grows forever.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** The reply to each 'checkpoint' request: done, or failed (a busy database is not a failure). */
export type CheckpointerMessage = { error: string | null };

const port = parentPort!;
const db = new Database(workerData.path as string);
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -512'); // the checkpoint streams pages; it needs no cache of its own
port.on('message', (m: 'checkpoint' | 'stop') => {
  if (m === 'stop') { db.close(); port.close(); return; }
  let error: string | null = null;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    // BUSY: another connection is checkpointing; the next request catches up.
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') error = (e as Error).message;
  }
  port.postMessage({ error } satisfies CheckpointerMessage);
});
