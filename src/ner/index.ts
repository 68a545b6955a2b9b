// ner: typed name spans from the token stream, by a statistical tagger (averaged perceptron over
// BIO tags, trained on CoNLL-2003 by `dossier train-ner`; see src/ner/train.ts).
import type { EntityType, MentionCandidate, NlpDocument } from '../types.js';
import { chunks, type Chunk } from './conll.js';
import { GAZ_BIT, loadGazetteer } from './gazetteer.js';
import { LABELS } from './model.js';
import { getModel, tagDocIds } from './tagger.js';
import { lookupNorp, lookupOrg } from '../gazetteer/index.js';

export const MODEL_ID = 'perceptron-conll03-v1';

interface NerToken { start: number; end: number; text: string }

const WORDISH = /^[\p{L}\p{N}]/u;
/**
 * The tagger's tokens from wink-nlp's: wink splits "al-Qaeda" and "Nahr-e-Seraj" at the hyphens,
 * CoNLL (the training data) keeps hyphenated words whole, so re-join hyphen runs with no spaces.
 */
export function nerTokens(nlp: NlpDocument): NerToken[][] {
  const sents: NerToken[][] = [];
  const toks = nlp.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    while (sents.length <= t.sentence) sents.push([]);
    let end = t.end, j = i;
    if (WORDISH.test(t.text)) {
      while (j + 2 < toks.length && toks[j + 1].text === '-' && toks[j + 1].start === end && toks[j + 2].start === toks[j + 1].end
        && toks[j + 2].sentence === t.sentence && WORDISH.test(toks[j + 2].text)) { j += 2; end = toks[j].end; }
    }
    sents[t.sentence].push({ start: t.start, end, text: nlp.text.slice(t.start, end) });
    i = j;
  }
  return sents.filter((s) => s.length);
}

const EVENT_HEAD = /^(war|wars|olympics|games|cup|championships?|summit|revolution|uprising|spring|crisis|massacre|battle|offensive|intifada|holocaust|accords?|treaty|conference|attacks|bombings?)$/i;

/** Map a CoNLL class onto the record's entity types; null drops the span. */
export function mapType(conllType: string, tokens: string[]): EntityType | null {
  switch (conllType) {
    case 'PER': return 'PERSON';
    case 'ORG': return 'ORG';
    case 'LOC': return 'GPE'; // finer GPE/LOC typing is the resolve stage's job
    case 'MISC': {
      // CoNLL's MISC mixes nationalities, groups used adjectivally ("Taleban militia"), events, products…
      const gaz = loadGazetteer();
      const text = tokens.join(' ');
      if (tokens.length <= 2 && gaz.word(tokens[tokens.length - 1].toLowerCase()) & GAZ_BIT.demonym) return 'NORP';
      if (lookupNorp(text)) return 'NORP';
      const org = lookupOrg(text);
      // the lexicon matches loosely ("Let" would hit LeT): insist on the listed spelling
      const same = (n: string) => n.replace(/^the\s+/i, '').slice(1) === text.slice(1);
      if (org && [org.name, ...org.aliases].some(same)) return 'ORG';
      if (tokens.length >= 2 && tokens.slice(1).some((t) => EVENT_HEAD.test(t))) return 'EVENT';
      return null;
    }
  }
  return null;
}

const PARTICLE = /^(bin|ibn|bint|al|el|van|von|de|der|den|da|di|du|del|della|dos|das|la|le)$/;
const UNIT_HEAD = /^(corps|brigade|division|battalion|regiment|army|squadron|wing|fleet|group)$/i;

/**
 * Span fixes for modern news the 1996 training text rarely shows: a person name split by a
 * lower-case particle ("Osama bin Laden"), a numbered military unit ("215 Maiwand Corps").
 */
function adjust(cs: Chunk[], toks: string[]): Chunk[] {
  const out: Chunk[] = [];
  for (const c of cs) {
    const prev = out[out.length - 1];
    if (prev && prev.type === 'PER' && c.type === 'PER' && c.start === prev.end + 1 && PARTICLE.test(toks[prev.end])) { prev.end = c.end; continue; }
    if (c.type === 'ORG' && c.start > 0 && /^\d+(st|nd|rd|th)?$/.test(toks[c.start - 1]) && UNIT_HEAD.test(toks[c.end - 1])
      && !(prev && prev.end === c.start - 1)) c.start--;
    out.push(c);
  }
  return out;
}

/**
 * Document-level person evidence the 1996 training data teaches badly (there, a word tagged both
 * PER and ORG is usually a sports club): a word that ends a multi-word person name or follows a
 * title ("President Trump", "Sami Sadat" → "Sadat") is a person wherever it stands alone as ORG/MISC.
 */
function personConsistency(all: { c: Chunk; toks: string[] }[]): void {
  const gaz = loadGazetteer();
  const persons = new Set<string>();
  for (const { c, toks } of all) {
    if (c.type !== 'PER') continue;
    if (c.end - c.start > 1) persons.add(toks[c.end - 1].toLowerCase());
    else if (c.start > 0 && gaz.word(toks[c.start - 1].toLowerCase()) & GAZ_BIT.title) persons.add(toks[c.start].toLowerCase());
  }
  for (const { c, toks } of all) {
    if (c.end - c.start === 1 && (c.type === 'ORG' || c.type === 'MISC') && persons.has(toks[c.start].toLowerCase())) c.type = 'PER';
  }
}

/** Typed name spans of a document. The model is loaded lazily, once per process. */
export function recognize(nlp: NlpDocument): MentionCandidate[] {
  const sents = nerTokens(nlp);
  if (!sents.length) return [];
  const ids = tagDocIds(getModel(), sents.map((s) => s.map((t) => t.text)));
  const all: { c: Chunk; toks: string[]; k: number }[] = [];
  sents.forEach((s, k) => {
    const toks = s.map((t) => t.text);
    for (const c of adjust(chunks(Array.from(ids[k], (y) => LABELS[y])), toks)) all.push({ c, toks, k });
  });
  personConsistency(all);
  const out: MentionCandidate[] = [];
  for (const { c, toks, k } of all) {
    const type = mapType(c.type, toks.slice(c.start, c.end));
    if (!type) continue;
    const s = sents[k];
    const start = s[c.start].start, end = s[c.end - 1].end;
    out.push({ start, end, text: nlp.text.slice(start, end), type });
  }
  return out;
}
