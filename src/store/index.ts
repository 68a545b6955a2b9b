// The corpus store: one interface, two backends (SQLite file by default, PostgreSQL for postgres:// URLs).
import type { AnalysisRecord } from '../types.js';
import { openPg, openSqlite, type Db } from './db.js';
import { migrate } from './migrations.js';
import { addArticle, type AddResult } from './write.js';
import * as q from './query.js';

export type { AddResult } from './write.js';
export type { Stats, SearchHit, EntityReport, EventFilter, EventRow, SourceRow, Cluster, Corroboration } from './query.js';

export interface Store {
  readonly backend: 'sqlite' | 'pg';
  /**
   * Store one article in one transaction (idempotent on document.id). signature: precomputed MinHash,
   * else computed here; json: the record already serialised (JSON.stringify(rec)), else done here.
   */
  addArticle(rec: AnalysisRecord, opts?: { signature?: Uint32Array | null; uri?: string | null; json?: string }): Promise<AddResult>;
  /**
   * Group commit for bulk loads (SQLite): several addArticle calls share one transaction, each
   * article still all-or-nothing (a savepoint), committed every `count` articles or `ms` ms and by
   * flush()/close(). null: one transaction per article again (the default).
   */
  groupCommit(o: { count: number; ms: number } | null): Promise<void>;
  /** Commit what group commit holds. */
  flush(): Promise<void>;
  stats(): Promise<q.Stats>;
  clusters(limit?: number): Promise<q.Cluster[]>;
  search(text: string, limit?: number): Promise<q.SearchHit[]>;
  entity(name: string, limit?: number): Promise<q.EntityReport[]>;
  events(filter: q.EventFilter): Promise<q.EventRow[]>;
  sources(opts?: { anonymous?: boolean; limit?: number }): Promise<q.SourceRow[]>;
  close(): Promise<void>;
}

/** A store that cannot be opened or written (bad path, read-only, disk full): names the database. */
export class StoreError extends Error {
  constructor(public readonly db: string, message: string, public readonly code: string | null = null) { super(`${db}: ${message}`); this.name = 'StoreError'; }
  /** The database itself is unusable (full, read-only, I/O, connection), not just this one article's data. */
  get fatal(): boolean {
    return this.code != null && /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED|PERM)|^E[A-Z]+$|^08|^53|^57|^58/.test(this.code);
  }
}

const isPg = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** The database connection for a store URL, without migrating it (openStore migrates; tests build older schemas). */
export const openDb = async (url: string): Promise<Db> => (isPg(url) ? openPg(url) : openSqlite(url.replace(/^sqlite:/, '')));

/** Open (creating and migrating as needed) the store at a file path, sqlite:PATH, or postgres:// URL. */
export async function openStore(url: string): Promise<Store> {
  const name = isPg(url) ? url.replace(/\/\/[^@/]*@/, '//***@') : url; // never print a password
  let db: Db;
  try {
    db = await openDb(url);
    await migrate(db);
  } catch (e) {
    throw new StoreError(name, `cannot open database: ${(e as Error).message}`);
  }
  const wrap = async <T>(what: string, f: () => Promise<T>) => {
    try { return await f(); } catch (e) {
      throw new StoreError(name, `${what} failed: ${(e as Error).message}`, (e as { code?: string }).code ?? null);
    }
  };
  return {
    backend: db.dialect,
    addArticle: (rec, o = {}) => wrap('write', () => db.tx(() => addArticle(db, rec, o.signature, o.uri ?? null, o.json))),
    groupCommit: (o) => wrap('write', () => db.groupCommit(o)),
    flush: () => wrap('write', () => db.flush()),
    stats: () => q.stats(db),
    clusters: (n) => q.clusters(db, n),
    search: (t, n) => q.search(db, t, n),
    entity: (nm, n) => q.entity(db, nm, n),
    events: (f) => q.events(db, f),
    sources: (o) => q.sources(db, o),
    close: () => wrap('write', () => db.close()),
  };
}
