// A minimal async SQL layer over better-sqlite3 and pg, so the store logic is written once.
// SQL uses `?` placeholders (rewritten to $n for PostgreSQL); never put a literal `?` in SQL text.
import Database from 'better-sqlite3';
import pg from 'pg';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { CheckpointerMessage } from './checkpointer.js';

export type Row = Record<string, any>;
export interface Db {
  readonly dialect: 'sqlite' | 'pg';
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  get(sql: string, params?: unknown[]): Promise<Row | undefined>;
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Run fn in one transaction: all of its writes land, or none do. */
  tx<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Group commit (SQLite; a no-op for PostgreSQL): later tx() calls share one transaction, each
   * inside its own savepoint (still all-or-nothing per call; a failed call rolls back only itself),
   * committed every `count` calls or `ms` milliseconds, and by flush() and close(). A crash loses at
   * most the uncommitted group, never part of one call. null turns it off (after a flush).
   */
  groupCommit(o: { count: number; ms: number } | null): Promise<void>;
  /** Commit the open group, if any. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function openSqlite(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable at checkpoints, never corrupt
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // 8 MB page cache: the upper levels of the hot indexes (aliases, LSH) stay cached, misses are read
  // from the OS's file cache. 16 MB took a 100k-article ingest to 503 MB peak RSS (target 500).
  db.pragma('cache_size = -8192');
  // Sorts and DISTINCTs the writer runs (LSH candidates) would otherwise create and delete a temp
  // file each time: ~5 file creations a second during ingest.
  db.pragma('temp_store = MEMORY');
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = cache.get(sql);
    if (!s) { s = db.prepare(sql); cache.set(sql, s); }
    return s;
  };
  let group: { count: number; ms: number } | null = null;
  let pending = 0, openedAt = 0, busy = false;
  let timer: NodeJS.Timeout | null = null;
  let deferred: Error | null = null; // a timed commit's failure, reported by the next tx() or flush()
  // During group commit, checkpoints run in a worker thread (see checkpointer.ts); if it cannot
  // start or fails, SQLite's own auto-checkpoint takes over again.
  let checkpointer: Worker | null = null;
  let requested = 0; // checkpoints asked for and not yet done
  let checkpointed: Promise<void> | null = null, markCheckpointed = () => {};
  // The thread holds the process open only while a checkpoint is asked for (a writer may await it).
  const settle = () => { requested = 0; checkpointed = null; checkpointer?.unref(); markCheckpointed(); };
  // Back to SQLite's own checkpoints, in the writer (its default of 1,000 pages).
  const checkpointInWriter = () => { checkpointer = null; if (db.open) db.pragma('wal_autocheckpoint = 1000'); };
  const stopCheckpointer = async () => {
    const w = checkpointer;
    if (!w) return;
    checkpointInWriter();
    const exited = once(w, 'exit');
    w.ref(); // keep the process alive until the last checkpoint is done
    w.postMessage('stop'); // after the checkpoints already asked for
    await exited;
    settle();
  };
  const startCheckpointer = () => {
    if (checkpointer || db.memory || path === '') return;
    try {
      const w = new Worker(new URL('./checkpointer.js', import.meta.url), { workerData: { path },
        resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
      const fallBack = () => {
        if (checkpointer !== w) return;
        checkpointInWriter(); settle();
        void w.terminate();
      };
      w.on('message', (m: CheckpointerMessage) => {
        if (m.error) { process.emitWarning(`${path}: background checkpoint failed (${m.error}); checkpointing in the writer`); fallBack(); }
        else if (--requested === 0) settle();
      });
      w.on('error', fallBack);
      w.on('exit', fallBack);
      w.unref();
      checkpointer = w;
      db.pragma('wal_autocheckpoint = 0');
    } catch { /* no worker threads: the writer checkpoints */ }
  };
  const requestCheckpoint = () => {
    if (!checkpointer) return;
    if (requested++ === 0) { checkpointed = new Promise((r) => { markCheckpointed = r; }); checkpointer.ref(); }
    checkpointer.postMessage('checkpoint');
  };
  const commit = () => {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!db.inTransaction) return;
    try { db.exec('COMMIT'); } catch (e) { try { if (db.inTransaction) db.exec('ROLLBACK'); } catch { /* keep the first error */ } throw e; } finally { pending = 0; }
    requestCheckpoint();
  };
  const onTimer = () => {
    timer = null;
    if (busy) return; // the running call commits when it ends
    try { commit(); } catch (e) { deferred = e as Error; }
  };
  const norm = (p: unknown[]) => p.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v));
  return {
    dialect: 'sqlite',
    async all(sql, p = []) { return prep(sql).all(...norm(p)) as Row[]; },
    async get(sql, p = []) { return prep(sql).get(...norm(p)) as Row | undefined; },
    async run(sql, p = []) { return prep(sql).run(...norm(p)).changes; },
    async exec(sql) { db.exec(sql); },
    async tx(fn) {
      if (deferred) { const e = deferred; deferred = null; throw e; }
      if (!group) {
        // Single connection, single writer: no other statement interleaves while fn awaits.
        db.exec('BEGIN IMMEDIATE');
        try { const r = await fn(); db.exec('COMMIT'); return r; } catch (e) { if (db.inTransaction) db.exec('ROLLBACK'); throw e; }
      }
      // A new group waits for the last one's checkpoint (it usually finished while the pipeline
      // produced this article): beginning on a fully checkpointed WAL lets SQLite rewind it.
      while (!db.inTransaction && checkpointed) await checkpointed;
      if (!db.inTransaction) { db.exec('BEGIN IMMEDIATE'); pending = 0; openedAt = performance.now(); }
      busy = true;
      db.exec('SAVEPOINT one');
      try {
        const r = await fn();
        db.exec('RELEASE one');
        pending++;
        return r;
      } catch (e) {
        // Undo this call only; the group's earlier calls stay. (A full disk or I/O error may have
        // rolled the whole transaction back already: then there is nothing left to undo.)
        if (db.inTransaction) { try { db.exec('ROLLBACK TO one'); db.exec('RELEASE one'); } catch { /* reported below */ } }
        throw e;
      } finally {
        busy = false;
        if (db.inTransaction) {
          if (pending >= group.count || performance.now() - openedAt >= group.ms) commit();
          else if (!timer) { timer = setTimeout(onTimer, Math.max(1, group.ms - (performance.now() - openedAt))); timer.unref(); }
        }
      }
    },
    async groupCommit(o) {
      commit(); group = o;
      if (o) startCheckpointer(); else await stopCheckpointer();
    },
    async flush() { commit(); if (deferred) { const e = deferred; deferred = null; throw e; } },
    async close() {
      try { commit(); } finally { await stopCheckpointer(); db.close(); }
    },
  };
}

export async function openPg(url: string): Promise<Db> {
  // int8 (COUNT, SUM) as JS numbers: our counts stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET client_min_messages = warning');
  const cache = new Map<string, string>();
  const conv = (sql: string) => {
    let s = cache.get(sql);
    if (!s) { let i = 0; s = sql.replace(/\?/g, () => '$' + ++i); cache.set(sql, s); }
    return s;
  };
  const q = (sql: string, p: unknown[]) => client.query(conv(sql), p.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v ?? null)));
  return {
    dialect: 'pg',
    async all(sql, p = []) { return (await q(sql, p)).rows; },
    async get(sql, p = []) { return (await q(sql, p)).rows[0]; },
    async run(sql, p = []) { return (await q(sql, p)).rowCount ?? 0; },
    async exec(sql) { await client.query(sql); },
    async groupCommit() { /* one transaction per call */ },
    async flush() {},
    async tx(fn) {
      await client.query('BEGIN');
      try { const r = await fn(); await client.query('COMMIT'); return r; } catch (e) { await client.query('ROLLBACK').catch(() => {}); throw e; }
    },
    async close() { await client.end(); },
  };
}
