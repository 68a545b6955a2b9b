// `dossier ingest` and `dossier query`: the corpus store.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { InputError, UsageError } from '../types.js';
import { openStore, StoreError, type Store } from '../store/index.js';
import { ingest, type IngestSummary, type Progress } from '../store/ingest.js';

const DEFAULT_DB = process.env.DOSSIER_DB || 'dossier.db';

function dateOption(value: string, flag: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1)) : null;
  if (!m || !d || (m[2] && d.getUTCMonth() !== +m[2] - 1) || (m[3] && d.getUTCDate() !== +m[3])) {
    throw new InputError(flag, `invalid date ${JSON.stringify(value)} (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  }
  return value;
}

/** Open the store or fail with one line naming it (exit 2). */
async function open(db: string): Promise<Store> {
  try { return await openStore(db); } catch (e) { throw fail(e); }
}
function fail(e: unknown): Error {
  if (e instanceof StoreError) return new UsageError(e.message);
  return e as Error;
}

function table(rows: Record<string, unknown>[], cols?: string[]): string {
  if (!rows.length) return '(none)\n';
  cols ??= Object.keys(rows[0]);
  const cell = (v: unknown) => { const s = v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v); return s.replace(/\s+/g, ' ').slice(0, 80); };
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(w[i])).join('  ').trimEnd() + '\n';
  return line(cols) + line(w.map((n) => '-'.repeat(n))) + rows.map((r) => line(cols!.map((c) => cell(r[c])))).join('');
}

function formatSummary(s: IngestSummary, db: string): string {
  let out = `ingested into ${db}: ${s.stored} stored, ${s.duplicates} duplicates, ${s.near_duplicates} near-duplicates, ` +
    `${s.republications} republications, ${s.failed.length} failed (${s.inputs} inputs in ${s.seconds}s, ${s.articles_per_second} articles/s)\n`;
  if (s.clusters.length) {
    out += 'near-duplicate clusters touched:\n';
    for (const c of s.clusters) out += `  ${c.size} copies  ${c.title ?? c.id}\n`;
  }
  if (s.failed.length) {
    out += 'failed:\n';
    for (const f of s.failed) out += `  ${f.input}: ${f.reason}\n`;
  }
  return out;
}

/** A progress bar on a terminal; elsewhere a plain line every 10 s. */
function progressReporter(): { update: (p: Progress) => void; stop: () => void } {
  const t0 = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream: process.stderr, hideCursor: true, etaBuffer: 50,
      format: 'ingest [{bar}] {value}/{total} | {rate} articles/s | ETA {eta_formatted} | {stored} stored, {dups} dup, {errors} errors',
    }, cliProgress.Presets.shades_classic);
    bar.start(1, 0, { rate: '0', stored: 0, dups: 0, errors: 0 });
    return {
      update: (p) => {
        bar.setTotal(Math.max(1, p.discovered)); // inputs are streamed: the total grows until reading is done
        bar.update(p.done, { rate: (p.done / Math.max(0.001, (Date.now() - t0) / 1000)).toFixed(1), stored: p.stored, dups: p.duplicates, errors: p.failed });
      },
      stop: () => bar.stop(),
    };
  }
  let last = t0;
  return {
    update: (p) => {
      if (Date.now() - last < 10000) return;
      last = Date.now();
      process.stderr.write(`ingest: ${p.done}/${p.discovered}${p.readingDone ? '' : '+'} done, ${(p.done / ((last - t0) / 1000)).toFixed(1)} articles/s, ${p.failed} errors\n`);
    },
    stop: () => {},
  };
}

export function registerStore(program: Command): void {
  program
    .command('ingest')
    .description('analyse articles (files, folders, globs, URLs, RSS/Atom feeds, .warc/.warc.gz) into the corpus store')
    .argument('<inputs...>', 'files, folders (recursive: .txt .html .htm .warc .warc.gz), globs, http(s) URLs, feed URLs or files')
    .option('--db <url>', 'SQLite file or postgres:// URL (env DOSSIER_DB)', DEFAULT_DB)
    .option('--published <date>', 'publication date YYYY-MM-DD for every input (default: from the feed or the article)')
    .option('--workers <n>', 'pipeline worker threads (0 = in this thread)', String(availableParallelism()))
    .option('--allow-private', 'allow fetching from private, loopback and link-local addresses')
    .option('--timeout <ms>', 'per-URL fetch timeout in milliseconds', '15000')
    .option('--json', 'print the summary as JSON')
    .action(async (inputs: string[], o: { db: string; published?: string; workers: string; allowPrivate?: boolean; timeout: string; json?: boolean }) => {
      const published = o.published !== undefined ? dateOption(o.published, '--published') : null;
      if (published && !/^\d{4}-\d{2}-\d{2}$/.test(published)) throw new InputError('--published', 'expected YYYY-MM-DD');
      const workers = Number(o.workers);
      if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new InputError('--workers', `expected 0..64, got ${JSON.stringify(o.workers)}`);
      const timeoutMs = Number(o.timeout);
      if (!(timeoutMs > 0)) throw new InputError('--timeout', `expected milliseconds, got ${JSON.stringify(o.timeout)}`);
      const store = await open(o.db);
      const progress = progressReporter();
      let summary: IngestSummary;
      try {
        summary = await ingest(store, inputs, { published, workers, allowPrivate: !!o.allowPrivate, timeoutMs, onProgress: progress.update });
      } catch (e) {
        throw fail(e);
      } finally {
        progress.stop();
        await store.close().catch(() => {});
      }
      process.stdout.write(o.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary, o.db));
      if (summary.failed.length) process.exitCode = 2;
    });

  const query = program.command('query').description('query the corpus store: stats, search, entity, events, sources, clusters');
  const sub = (name: string, desc: string) => query.command(name).description(desc)
    .option('--db <url>', 'SQLite file or postgres:// URL (env DOSSIER_DB)', DEFAULT_DB)
    .option('--format <format>', 'table or json', 'table');
  const run = async (o: { db: string; format: string }, f: (s: Store) => Promise<unknown>, show: (v: any) => string) => {
    if (!['json', 'table'].includes(o.format)) throw new InputError('--format', `unknown format ${JSON.stringify(o.format)} (json or table)`);
    const store = await open(o.db);
    try {
      const v = await f(store);
      process.stdout.write(o.format === 'json' ? JSON.stringify(v, null, 2) + '\n' : show(v));
    } finally { await store.close(); }
  };

  sub('stats', 'corpus counts: articles, duplicates, clusters, entities, relations, events, sources')
    .action((o) => run(o, async (s) => ({ ...(await s.stats()), top_clusters: await s.clusters(5) }), (v) => {
      const { top_clusters, ...counts } = v;
      let out = table(Object.entries(counts).map(([k, n]) => ({ what: k, count: n })));
      if (top_clusters.length) out += '\nlargest near-duplicate clusters:\n' + table(top_clusters.map((c: any) => ({ size: c.size, title: c.title, id: c.id.slice(0, 19) })));
      return out;
    }));
  sub('search', 'full-text search over article text and quotes, with snippets')
    .argument('<text...>').option('--limit <n>', 'results', '20')
    .action((text: string[], o) => run(o, (s) => s.search(text.join(' '), Number(o.limit) || 20),
      (v) => table(v.map((h: any) => ({ published: h.published, title: h.title ?? h.uri, snippet: h.snippet })))));
  sub('entity', 'an entity across the corpus: aliases, mentions, articles, quotes by and about, relations with corroboration, events')
    .argument('<name...>').option('--limit <n>', 'rows per section', '20')
    .action((name: string[], o) => run(o, (s) => s.entity(name.join(' '), Number(o.limit) || 20), (v) => {
      if (!v.length) return `no entity named ${JSON.stringify(name.join(' '))}\n`;
      return v.map((e: any) => [
        `${e.name} (${e.type}${e.subtype ? '/' + e.subtype : ''}${e.country ? ', ' + e.country : ''}) #${e.id}: ${e.mention_count} mentions in ${e.article_count} articles, ${e.first_seen} – ${e.last_seen}`,
        `aliases: ${e.aliases.map((a: any) => a.alias).join(', ')}`,
        '\narticles:', table(e.articles, ['published', 'mentions', 'title', 'uri']),
        'quotes by:', table(e.quotes_by, ['published', 'text']),
        'quotes about:', table(e.quotes_about, ['published', 'speaker', 'text']),
        'relations:', table(e.relations.map((r: any) => ({ relation: `${r.subject} ${r.type} ${r.object}`, sources: r.corroboration.sources,
          named: r.corroboration.named_sources, anonymous: r.corroboration.anonymous_sources, outlets: r.corroboration.outlets,
          first: r.corroboration.first_seen, last: r.corroboration.last_seen }))),
        'claims:', table(e.claims.map((c: any) => ({ claim: c.text, sources: c.corroboration.sources, outlets: c.corroboration.outlets }))),
        'events:', table(e.events, ['date', 'type', 'role', 'location', 'evidence']),
      ].join('\n')).join('\n');
    }));
  sub('events', 'events by type, date range and place')
    .option('--type <type>', 'event type, e.g. airstrike').option('--from <date>', 'on or after YYYY[-MM[-DD]]').option('--to <date>', 'on or before YYYY[-MM[-DD]]')
    .option('--near <place>', 'place entity name').option('--km <n>', 'with --near: within this distance (needs geo)').option('--limit <n>', 'rows', '100')
    .action((o) => {
      const f = { type: o.type, from: o.from && dateOption(o.from, '--from'), to: o.to && dateOption(o.to, '--to'), near: o.near,
        km: o.km !== undefined ? Number(o.km) : undefined, limit: Number(o.limit) || 100 };
      if (f.km !== undefined && !(f.km >= 0)) throw new InputError('--km', 'expected a distance in km');
      return run(o, (s) => s.events(f), (v) => table(v, ['date', 'type', 'location', ...(f.km !== undefined ? ['distance_km'] : []), 'participants', 'evidence']));
    });
  sub('sources', 'sources across the corpus (named and anonymous), with article and outlet counts')
    .option('--anonymous', 'anonymous sources only').option('--limit <n>', 'rows', '100')
    .action((o) => run(o, (s) => s.sources({ anonymous: !!o.anonymous, limit: Number(o.limit) || 100 }),
      (v) => table(v.map((r: any) => ({ source: r.name ?? r.description ?? r.key, anonymous: r.anonymous, role: r.role, affiliation: r.affiliation, articles: r.articles, outlets: r.outlets, quotes: r.quotes })))));
  sub('clusters', 'near-duplicate clusters (republished and lightly edited copies)')
    .option('--limit <n>', 'rows', '20')
    .action((o) => run(o, (s) => s.clusters(Number(o.limit) || 20),
      (v) => v.map((c: any) => `${c.size} copies: ${c.title ?? c.id}\n` + c.members.map((m: any) => `  ${m.uri ?? m.id}${m.similarity != null ? ` (similarity ${m.similarity})` : ''}\n`).join('')).join('') || '(none)\n'));
}
