// Query latency on a big SQLite store. The store is built from SYNTHESISED analysis records (random
// entities, sources, quotes, events, relations, claims over a fixed vocabulary) written through the
// real Store.addArticle path, not by running the pipeline 100k times. Prints build rate, file size,
// and p50/p95/max of `query entity` (Store.entity, as the CLI calls it, without process start-up).
//
//   node dist/bench/query.js [--articles 100000] [--db PATH] [--reuse] [--queries 300]
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import type { AnalysisRecord, EntityType } from '../src/types.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const N = Number(opt('--articles', '100000'));
const Q = Number(opt('--queries', '300'));
const db = opt('--db', join(tmpdir(), `dossier-bench-query-${N}.db`));

let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
const zipf = <T>(a: T[]) => a[Math.floor(a.length * rand() ** 3)]; // a few very frequent, a long tail

const FIRST = ['Ahmad', 'Mohammad', 'Abdul', 'Sami', 'Ghulam', 'Hamid', 'Zabihullah', 'Amrullah', 'Fatima', 'Maryam', 'Khalid', 'Omar', 'Yusuf', 'Nasir', 'Rahim', 'Karim', 'Sarah', 'John', 'David', 'Laila', 'Farid', 'Jawed', 'Bashir', 'Habib', 'Wahid', 'Aziz', 'Najib', 'Tariq', 'Zalmay', 'Hekmat'];
const LAST = ['Sadat', 'Mujahid', 'Karzai', 'Ghani', 'Saleh', 'Haqqani', 'Akhund', 'Baradar', 'Stanekzai', 'Rahmani', 'Wardak', 'Popal', 'Noori', 'Sharifi', 'Hakimi', 'Khalilzad', 'Atmar', 'Mohib', 'Naderi', 'Barakzai', 'Durrani', 'Yusufzai', 'Amiri', 'Safi', 'Zadran', 'Mangal', 'Jalali', 'Ahmadi', 'Hussaini', 'Kakar'];
const ORGS = ['Taliban', 'Al Qaeda', 'Islamic State', 'Haqqani network', 'Afghan army', 'NDS', 'United Nations', 'NATO', 'Pentagon', 'ISI', 'Red Cross', 'Hezb-e-Islami', 'TTP', 'Afghan Air Force', 'Interior Ministry'];
const persons: string[] = []; for (const l of LAST) for (const f of FIRST) persons.push(`${f} ${l}`);
const orgs: string[] = [...ORGS]; for (let i = 0; i < 1500; i++) orgs.push(`${pick(['Brigade', 'Front', 'Council', 'Movement', 'Corps', 'Commission'])} ${i}`);
const places: { name: string; lat: number; lon: number }[] = [];
for (let i = 0; i < 2000; i++) places.push({ name: i < 10 ? ['Kabul', 'Kandahar', 'Herat', 'Kunduz', 'Mazar-i-Sharif', 'Jalalabad', 'Ghazni', 'Lashkar Gah', 'Quetta', 'Peshawar'][i] : `District ${i}`, lat: 29 + rand() * 9, lon: 61 + rand() * 10 });
const EVENTS = ['armed_clash', 'airstrike', 'explosion', 'killing', 'capture', 'withdrawal', 'agreement', 'protest'];
const RELS = ['member_of', 'leader_of', 'allied_with', 'opposes', 'supports', 'spokesperson_for', 'located_in'];
const OUTLETS = ['Reuters', 'AP', 'AFP', 'The Daily Beast', 'BBC', 'Al Jazeera', 'Tolo News', 'Pajhwok', 'Dawn', 'The New York Times'];

function synth(i: number): AnalysisRecord {
  let text = `Dispatch ${i}. `;
  const mentions: AnalysisRecord['mentions'] = [];
  const ents = new Map<string, AnalysisRecord['entities'][number]>();
  const mention = (name: string, type: EntityType, geo?: { lat: number; lon: number }) => {
    let e = ents.get(name);
    if (!e) { e = { id: `e${ents.size + 1}`, name, type, aliases: [], mentions: [], salience: 0.1, geo: geo ? { ...geo, country: 'AF', feature: 'city', source: 'synthetic', id: null } : null }; ents.set(name, e); }
    const m = { id: `m${mentions.length + 1}`, start: text.length, end: text.length + name.length, text: name, type, entity: e.id };
    mentions.push(m); e.mentions.push(m.id); text += name;
    return e.id;
  };
  const ids: string[] = [];
  for (let k = 0; k < 10; k++) {
    const p = zipf(persons), o = zipf(orgs), g = zipf(places);
    const a = mention(p, 'PERSON'); text += ' of the '; const b = mention(o, 'ORG'); text += ' was reported near '; mention(g.name, 'GPE', g);
    text += ` after fighting on day ${k} that residents said had displaced many families from their homes. `;
    ids.push(a, b);
  }
  const loc = [...ents.values()].find((e) => e.type === 'GPE')!.id;
  const sources = [
    { id: 's1', entity: ids[0], anonymous: false, quotes: ['q1'] },
    { id: 's2', entity: null, description: pick(['a senior official', 'a local elder', 'a diplomat', 'a security source']), anonymous: true, quotes: ['q2'] },
  ];
  const quotes = [
    { id: 'q1', start: mentions[1].start, end: mentions[4].end, text: text.slice(mentions[1].start, mentions[4].end), direct: true, source: 's1', cue: 'said' },
    { id: 'q2', start: mentions[6].start, end: mentions[9].end, text: text.slice(mentions[6].start, mentions[9].end), direct: false, source: 's2', cue: 'said' },
  ];
  const ev = (j: number) => ({ id: `v${j}`, type: pick(EVENTS) as any, trigger: { start: 0, end: 8 }, evidence: { start: 0, end: 80 },
    time: { value: `20${10 + Math.floor(rand() * 12)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, precision: 'day' as const },
    location: loc, participants: [{ role: 'agent' as const, entity: ids[1] }, { role: 'target' as const, entity: ids[3] }], quantities: [], source: 's1',
    negated: false, hypothetical: false, confidence: 0.7 });
  return {
    document: { id: `sha256:synthetic-${i}`, uri: `synthetic://${i}`, title: `Dispatch ${i}`, publisher: pick(OUTLETS), original_publisher: null,
      republication: false, published: `20${10 + Math.floor(rand() * 12)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, language: 'en',
      byline: [], credits: [], text, removed: [], quality: { score: 1, flags: [] } },
    mentions, entities: [...ents.values()], times: [], quantities: [], sources, quotes, events: [ev(1), ev(2)],
    relations: [0, 1].map((j) => ({ id: `r${j}`, type: pick(RELS) as any, subject: ids[2 * j], object: ids[2 * j + 1], evidence: [{ start: 0, end: 60 }], sources: [pick(['s1', 's2'])], confidence: 0.6 })),
    claims: [{ id: 'c1', text: `Fighting displaced families (${i % 500})`, evidence: { start: 0, end: 40 }, source: 's2', subject: ids[1], quantities: [] }],
    pipeline: { version: 'synthetic', model: null, took_ms: 0 },
  };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

if (!args.includes('--reuse') || !existsSync(db)) {
  rmSync(db, { force: true }); rmSync(db + '-wal', { force: true }); rmSync(db + '-shm', { force: true });
  const store = await openStore(db);
  await store.groupCommit({ count: 100, ms: 500 }); // as `dossier ingest` writes
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await store.addArticle(synth(i));
    if ((i + 1) % 10000 === 0) console.log(`  built ${i + 1} articles, ${((i + 1) / ((performance.now() - t0) / 1000)).toFixed(0)} articles/s, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  }
  console.log(`built a ${N}-article store from synthesised records (not the pipeline) in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
  await store.close();
}
console.log(`store ${db}: ${(statSync(db).size / 2 ** 20).toFixed(0)} MB`);
const store = await openStore(db);
const st = await store.stats();
console.log(`stats: ${st.articles} articles, ${st.entities} entities, ${st.relations} relations, ${st.events} events, ${st.sources} sources`);
// Query names: the most frequent entities (worst case: most rows) and a random spread.
const names = [...ORGS.slice(0, 5), 'Kabul', 'Kandahar', persons[0], persons[1]];
while (names.length < Q) names.push(pick([pick(persons), pick(orgs), pick(places).name]));
for (const n of names.slice(0, 20)) await store.entity(n); // warm the page cache
const times: number[] = [];
let rows = 0;
for (const n of names) {
  const t = performance.now();
  const r = await store.entity(n);
  times.push(performance.now() - t);
  rows += r.length ? r[0].articles.length + r[0].relations.length + r[0].events.length : 0;
}
times.sort((a, b) => a - b);
console.log(`query entity (${names.length} names, ${rows} rows returned): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
const ts: number[] = [];
for (const w of ['displaced families', 'Taliban Kabul', 'Dispatch 99999', 'Haqqani']) { const t = performance.now(); await store.search(w); ts.push(performance.now() - t); }
console.log(`query search: ${ts.map((x) => x.toFixed(1)).join(', ')} ms`);
const t1 = performance.now(); await store.stats(); console.log(`query stats: ${(performance.now() - t1).toFixed(0)} ms`);
const t2 = performance.now(); await store.events({ type: 'airstrike', from: '2015', to: '2016', limit: 50 }); console.log(`query events: ${(performance.now() - t2).toFixed(1)} ms`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await store.close();
