// resolve: group mentions into entities (aliases, coreference), type fixes, geo, salience.
import type { CleanDocument, Entity, Mention, MentionCandidate, NlpDocument } from '../types.js';

export function resolveEntities(candidates: MentionCandidate[], _nlp: NlpDocument, _doc: CleanDocument): { mentions: Mention[]; entities: Entity[] } {
  const byKey = new Map<string, Entity>();
  const mentions: Mention[] = [];
  const entities: Entity[] = [];
  for (const c of candidates) {
    const key = c.type + ':' + c.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    let e = byKey.get(key);
    if (!e) {
      e = { id: `e${entities.length + 1}`, name: c.text, type: c.type, aliases: [], mentions: [], salience: 0 };
      byKey.set(key, e); entities.push(e);
    }
    const m: Mention = { id: `m${mentions.length + 1}`, start: c.start, end: c.end, text: c.text, type: c.type, entity: e.id };
    mentions.push(m); e.mentions.push(m.id);
    if (!e.aliases.includes(c.text) && c.text !== e.name) e.aliases.push(c.text);
  }
  for (const e of entities) e.salience = e.mentions.length / Math.max(1, mentions.length);
  return { mentions, entities };
}
