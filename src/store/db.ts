// A minimal async SQL layer over better-sqlite3 and pg, so the store logic is written once.
// SQL uses `?` placeholders (rewritten to $n for PostgreSQL); never put a literal `?` in SQL text.
import Database from 'better-sqlite3';
import pg from 'pg';

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
  close(): Promise<void>;
}

export function openSqlite(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable at checkpoints, never corrupt
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -32768'); // 32 MB page cache
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = cache.get(sql);
    if (!s) { s = db.prepare(sql); cache.set(sql, s); }
    return s;
  };
  const norm = (p: unknown[]) => p.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v));
  return {
    dialect: 'sqlite',
    async all(sql, p = []) { return prep(sql).all(...norm(p)) as Row[]; },
    async get(sql, p = []) { return prep(sql).get(...norm(p)) as Row | undefined; },
    async run(sql, p = []) { return prep(sql).run(...norm(p)).changes; },
    async exec(sql) { db.exec(sql); },
    async tx(fn) {
      // Single connection, single writer: no other statement interleaves while fn awaits.
      db.exec('BEGIN IMMEDIATE');
      try { const r = await fn(); db.exec('COMMIT'); return r; } catch (e) { if (db.inTransaction) db.exec('ROLLBACK'); throw e; }
    },
    async close() { db.close(); },
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
    async tx(fn) {
      await client.query('BEGIN');
      try { const r = await fn(); await client.query('COMMIT'); return r; } catch (e) { await client.query('ROLLBACK').catch(() => {}); throw e; }
    },
    async close() { await client.end(); },
  };
}
