// Builders for hand-made analysis records: the store tests exercise the store, not the pipeline.
import { createHash } from 'node:crypto';
import type { AnalysisRecord, EntityType, Geo } from '../src/types.js';

export interface EntitySpec { id: string; name: string; type: EntityType; aliases?: string[]; geo?: Geo | null }
export interface RecSpec {
  text: string; title?: string; publisher?: string | null; original_publisher?: string | null; republication?: boolean; published?: string | null;
  entities: EntitySpec[];
  sources?: { id: string; entity?: string; description?: string; anonymous: boolean }[];
  quotes?: { id: string; text: string; source: string }[];
  events?: { id: string; type: string; trigger: string; date?: string; location?: string; participants?: { role: string; entity: string }[] }[];
  relations?: { id: string; type: string; subject: string; object: string; evidence: string; sources?: string[] }[];
  claims?: { id: string; text: string; source?: string; subject?: string }[];
}

const span = (text: string, s: string) => { const i = text.indexOf(s); if (i < 0) throw new Error(`not in text: ${s}`); return { start: i, end: i + s.length }; };

export function makeRecord(r: RecSpec): AnalysisRecord {
  const mentions: AnalysisRecord['mentions'] = [];
  const entities: AnalysisRecord['entities'] = r.entities.map((e) => {
    const ids: string[] = [];
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      for (let i = r.text.indexOf(n); i >= 0; i = r.text.indexOf(n, i + n.length)) {
        if (mentions.some((m) => m.start < i + n.length && i < m.end)) continue;
        const id = `m${mentions.length + 1}`;
        mentions.push({ id, start: i, end: i + n.length, text: n, type: e.type, entity: e.id });
        ids.push(id);
      }
    }
    return { id: e.id, name: e.name, type: e.type, aliases: e.aliases ?? [], mentions: ids, salience: 0.1, geo: e.geo ?? null };
  });
  mentions.sort((a, b) => a.start - b.start);
  const quotes = (r.quotes ?? []).map((q) => ({ id: q.id, ...span(r.text, q.text), text: q.text, direct: true, source: q.source, cue: 'said' }));
  const sources = (r.sources ?? []).map((s) => ({ id: s.id, entity: s.entity ?? null, description: s.description ?? null, anonymous: s.anonymous,
    quotes: quotes.filter((q) => q.source === s.id).map((q) => q.id) }));
  return {
    document: { id: 'sha256:' + createHash('sha256').update(r.text).digest('hex'), uri: null, title: r.title ?? null, publisher: r.publisher ?? null,
      original_publisher: r.original_publisher ?? null, republication: r.republication ?? false, published: r.published ?? null, language: 'en',
      byline: [], credits: [], text: r.text, removed: [], quality: { score: 1, flags: [] } },
    mentions, entities, times: [], quantities: [], sources, quotes,
    events: (r.events ?? []).map((e) => ({ id: e.id, type: e.type as any, trigger: span(r.text, e.trigger), evidence: span(r.text, e.trigger),
      time: e.date ? { value: e.date, precision: 'day' as const } : null, location: e.location ?? null,
      participants: (e.participants ?? []).map((p) => ({ role: p.role as any, entity: p.entity })), quantities: [], source: null,
      negated: false, hypothetical: false, confidence: 0.8 })),
    relations: (r.relations ?? []).map((x) => ({ id: x.id, type: x.type as any, subject: x.subject, object: x.object, evidence: [span(r.text, x.evidence)],
      sources: x.sources ?? [], confidence: 0.7 })),
    claims: (r.claims ?? []).map((c) => ({ id: c.id, text: c.text, evidence: span(r.text, c.text), source: c.source ?? null, subject: c.subject ?? null, quantities: [] })),
    pipeline: { version: 'test', model: null, took_ms: 0 },
  };
}

const KUNDUZ: Geo = { lat: 36.728, lon: 68.868, country: 'AF', feature: 'city', source: 'test', id: '1135689' };
const KABUL: Geo = { lat: 34.528, lon: 69.172, country: 'AF', feature: 'city', source: 'test', id: '1138958' };
const FILLER = ' Residents described a tense week in the northern province, with markets shut and roads closed to traffic as officials urged calm.'
  + ' Aid groups said thousands of families had fled toward the provincial capital, where schools were turned into shelters.';

/** A: named spokesman, Taliban allied with al-Qaeda, airstrike near Kunduz. */
export const A = makeRecord({
  publisher: 'The Daily Beast', published: '2021-05-10', title: 'Taliban and al-Qaeda remain close',
  text: 'Zabihullah Mujahid, a Taliban spokesman, said "we have no foreign fighters" as the Taliban and Al Qaeda kept their alliance. '
    + 'General Sami Sadat said an airstrike hit a Taliban position in Kunduz on Monday.' + FILLER,
  entities: [
    { id: 'e1', name: 'Zabihullah Mujahid', type: 'PERSON' }, { id: 'e2', name: 'Taliban', type: 'ORG' },
    { id: 'e3', name: 'Al Qaeda', type: 'ORG' }, { id: 'e4', name: 'Sami Sadat', type: 'PERSON', aliases: ['Sadat'] },
    { id: 'e5', name: 'Kunduz', type: 'GPE', geo: KUNDUZ },
  ],
  sources: [{ id: 's1', entity: 'e1', anonymous: false }, { id: 's2', entity: 'e4', anonymous: false }],
  quotes: [{ id: 'q1', text: 'we have no foreign fighters', source: 's1' }],
  events: [{ id: 'v1', type: 'airstrike', trigger: 'airstrike', date: '2021-05-03', location: 'e5', participants: [{ role: 'target', entity: 'e2' }] }],
  relations: [{ id: 'r1', type: 'allied_with', subject: 'e2', object: 'e3', evidence: 'the Taliban and Al Qaeda kept their alliance', sources: ['s1'] }],
  claims: [{ id: 'c1', text: 'we have no foreign fighters', source: 's1', subject: 'e2' }],
});

/** A2: a scraped, lightly edited republication of A on another site. */
export const A2 = makeRecord({
  ...{ publisher: 'newsaggregator.example', original_publisher: 'The Daily Beast', republication: true, published: '2021-05-11', title: 'Taliban and al-Qaeda remain close' },
  text: A.document.text.replace('on Monday', 'on Monday morning') + ' Source link',
  entities: [
    { id: 'e1', name: 'Zabihullah Mujahid', type: 'PERSON' }, { id: 'e2', name: 'Taliban', type: 'ORG' },
    { id: 'e3', name: 'Al Qaeda', type: 'ORG' }, { id: 'e4', name: 'Sami Sadat', type: 'PERSON', aliases: ['Sadat'] },
    { id: 'e5', name: 'Kunduz', type: 'GPE', geo: KUNDUZ },
  ],
  sources: [{ id: 's1', entity: 'e1', anonymous: false }],
  relations: [{ id: 'r1', type: 'allied_with', subject: 'e3', object: 'e2', evidence: 'the Taliban and Al Qaeda kept their alliance', sources: ['s1'] }],
});

/** B: another outlet, anonymous source, the same alliance spelled al-Qaeda; a different Sadat. */
export const B = makeRecord({
  publisher: 'Reuters', published: '2021-06-01', title: 'Officials see links persist',
  text: 'A senior Afghan intelligence official, speaking on condition of anonymity, said al-Qaeda fighters fight alongside the Taliban in Kabul province. '
    + 'Ahmad Sadat, a shopkeeper, said the bombing in Kabul killed four people. Officials in Kabul described a protest in the city.',
  entities: [
    { id: 'e1', name: 'al-Qaeda', type: 'ORG' }, { id: 'e2', name: 'Taliban', type: 'ORG' },
    { id: 'e3', name: 'Ahmad Sadat', type: 'PERSON' }, { id: 'e4', name: 'Kabul', type: 'GPE', geo: KABUL },
  ],
  sources: [{ id: 's1', description: 'a senior Afghan intelligence official', anonymous: true }, { id: 's2', entity: 'e3', anonymous: false }],
  quotes: [{ id: 'q1', text: 'the bombing in Kabul killed four people', source: 's2' }],
  events: [{ id: 'v1', type: 'explosion', trigger: 'bombing', date: '2021-05-30', location: 'e4' }, { id: 'v2', type: 'protest', trigger: 'protest', date: '2021-05-31', location: 'e4' }],
  relations: [{ id: 'r1', type: 'allied_with', subject: 'e1', object: 'e2', evidence: 'al-Qaeda fighters fight alongside the Taliban', sources: ['s1'] }],
});

/** C: a bare "Sadat" that matches two corpus persons: must not be merged into either. */
export const C = makeRecord({
  publisher: 'Tolo', published: '2021-07-01', title: 'Commander speaks',
  text: 'Sadat told reporters that the district had been retaken after days of fighting. The statement could not be verified independently by reporters.',
  entities: [{ id: 'e1', name: 'Sadat', type: 'PERSON' }],
});
