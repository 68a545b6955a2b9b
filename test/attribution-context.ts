// Hand-built extraction contexts for the quotes and claims tests (not a test file itself).
import { analyzeText } from '../src/nlp/index.js';
import type { Entity, EntityType, ExtractionContext, Mention, Quantity } from '../src/types.js';

/** A context for `text` with one entity per [names, type] (every occurrence of each name becomes a mention). */
export function ctxOf(text: string, ents: [string[], EntityType][] = [], quantities: string[] = []): ExtractionContext {
  const nlp = analyzeText(text);
  const mentions: Mention[] = [];
  const entities: Entity[] = [];
  const taken = new Set<number>();
  ents.forEach(([names, type], k) => {
    const e: Entity = { id: `e${k + 1}`, name: names[0], type, aliases: names.slice(1), mentions: [], salience: 0 };
    entities.push(e);
    // longest names first, so "Jane Doe" wins over "Doe"
    for (const n of [...names].sort((a, b) => b.length - a.length)) {
      for (const m of text.matchAll(new RegExp(`(?<![\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu'))) {
        if (taken.has(m.index!)) continue;
        for (let i = m.index!; i < m.index! + n.length; i++) taken.add(i);
        const men: Mention = { id: `m${mentions.length + 1}`, start: m.index!, end: m.index! + n.length, text: n, type, entity: e.id };
        mentions.push(men); e.mentions.push(men.id);
      }
    }
  });
  mentions.sort((a, b) => a.start - b.start);
  const qs: Quantity[] = quantities.map((q, i) => {
    const start = text.indexOf(q);
    return { id: `n${i + 1}`, start, end: start + q.length, text: q, low: null, high: null };
  });
  const doc = { uri: null, title: null, publisher: null, original_publisher: null, republication: false, published: null, language: 'en',
    byline: [], credits: [], text, removed: [], quality: { score: 1, flags: [] } };
  return { doc, nlp, mentions, entities, times: [], quantities: qs };
}
