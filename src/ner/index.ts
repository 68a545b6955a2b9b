// ner: typed name spans from the token stream.
import type { MentionCandidate, NlpDocument } from '../types.js';

export const MODEL_ID = 'caps-baseline';

/** Placeholder first pass: runs of capitalised proper nouns, typed ORG. Replaced by the trained tagger. */
export function recognize(nlp: NlpDocument): MentionCandidate[] {
  const out: MentionCandidate[] = [];
  const toks = nlp.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].pos !== 'PROPN') continue;
    let j = i;
    while (j + 1 < toks.length && toks[j + 1].pos === 'PROPN' && toks[j + 1].sentence === toks[i].sentence) j++;
    out.push({ start: toks[i].start, end: toks[j].end, text: nlp.text.slice(toks[i].start, toks[j].end), type: 'ORG' });
    i = j;
  }
  return out;
}
