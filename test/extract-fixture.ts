// Hand-built extraction contexts for the event and relation tests: text plus entity names, so the
// extractors are tested without the NER and resolution stages.
import { analyzeText } from '../src/nlp/index.js';
import type { Attribution } from '../src/extract/quotes.js';
import type { Entity, EntityType, ExtractionContext, Geo, Mention, Quote, Source, TimeExpr } from '../src/types.js';

export interface Fixture { ctx: ExtractionContext; attr: Attribution; id: (name: string) => string }

/** A context from text plus entity names (each [name, type, ...aliases]); every occurrence becomes a mention. `geo` gives places a gazetteer entry. */
export function fixture(text: string, names: [string, EntityType, ...string[]][], opts: { times?: [string, string][]; quotes?: [string, string][]; geo?: Record<string, { country: string; feature: Geo['feature']; admin1?: string }>; subtype?: Record<string, string>; sourceOf?: Record<string, string> } = {}): Fixture {
  const entities: Entity[] = [];
  const found: { start: number; end: number; e: Entity }[] = [];
  names.forEach(([name, type, ...aliases], k) => {
    const e: Entity = { id: `e${k + 1}`, name, type, aliases, mentions: [], salience: 0 };
    const g = opts.geo?.[name];
    if (g) e.geo = { lat: 0, lon: 0, admin1: g.admin1 ?? null, admin2: null, source: 'test', id: null, ...g };
    if (opts.subtype?.[name]) e.subtype = opts.subtype[name];
    entities.push(e);
    for (const n of [name, ...aliases]) {
      const re = new RegExp(`(?<![\\w])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'g');
      for (const m of text.matchAll(re)) found.push({ start: m.index!, end: m.index! + n.length, e });
    }
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: Mention[] = [];
  let last = -1;
  for (const f of found) {
    if (f.start < last) continue;
    last = f.end;
    const m: Mention = { id: `m${mentions.length + 1}`, start: f.start, end: f.end, text: text.slice(f.start, f.end), type: f.e.type, entity: f.e.id };
    mentions.push(m); f.e.mentions.push(m.id);
  }
  const times: TimeExpr[] = (opts.times ?? []).map(([t, value], k) => {
    const start = text.indexOf(t);
    return { id: `t${k + 1}`, start, end: start + t.length, text: t, value, precision: value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day' };
  });
  const sources: Source[] = [];
  const quotes: Quote[] = (opts.quotes ?? []).map(([q, who], k) => {
    let s = sources.find((x) => x.description === who);
    if (!s) { s = { id: `s${sources.length + 1}`, description: who, anonymous: true, quotes: [] }; sources.push(s); }
    const start = text.indexOf(q);
    s.quotes.push(`q${k + 1}`);
    return { id: `q${k + 1}`, start, end: start + q.length, text: q, direct: true, source: s.id };
  });
  // named sources: "sourceOf: { Kinshasa: 'the government' }" makes the entity a source of its own
  for (const [name] of Object.entries(opts.sourceOf ?? {})) {
    const e = entities.find((x) => x.name === name);
    if (e) sources.push({ id: `s${sources.length + 1}`, entity: e.id, anonymous: false, quotes: [] });
  }
  const doc = { uri: null, title: null, publisher: null, original_publisher: null, republication: false, published: '2021-05-10', language: 'en', byline: [], credits: [], text, removed: [], quality: { score: 1, flags: [] } };
  const ctx: ExtractionContext = { doc, nlp: analyzeText(text), mentions, entities, times, quantities: [] };
  const id = (name: string) => entities.find((e) => e.name === name)!.id;
  return { ctx, attr: { sources, quotes }, id };
}

