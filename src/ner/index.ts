// ner: typed name spans from the token stream, by a statistical tagger (averaged perceptron over
// BIO tags, trained on CoNLL-2003 by `dossier train-ner`; see src/ner/train.ts).
import type { EntityType, MentionCandidate, NlpDocument } from '../types.js';
import type { Chunk } from './conll.js';
import { GAZ_BIT, loadGazetteer } from './gazetteer.js';
import { LABELS } from './model.js';
import { getModel, tagDocIds } from './tagger.js';
import { lookupNorp, lookupOrg, lookupPlaces } from '../gazetteer/index.js';

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
    // (only a token followed by a hyphen can start a run: test that before the regex)
    if (i + 2 < toks.length && toks[i + 1].text === '-' && WORDISH.test(t.text)) {
      while (j + 2 < toks.length && toks[j + 1].text === '-' && toks[j + 1].start === end && toks[j + 2].start === toks[j + 1].end
        && toks[j + 2].sentence === t.sentence && WORDISH.test(toks[j + 2].text)) { j += 2; end = toks[j].end; }
    }
    // t.text is nlp.text.slice(t.start, t.end) (see analyzeText): reuse it when nothing was joined
    sents[t.sentence].push({ start: t.start, end, text: j === i && t.text.length === end - t.start && nlp.text.startsWith(t.text, t.start) ? t.text : nlp.text.slice(t.start, end) });
    i = j;
  }
  return sents.filter((s) => s.length);
}

const EVENT_HEAD = /^(war|wars|olympics|games|cup|championships?|summit|revolution|uprising|spring|crisis|massacre|battle|offensive|intifada|holocaust|accords?|treaty|conference|attacks|bombings?)$/i;

/** Map a CoNLL class onto the record's entity types; null drops the span. */
export function mapType(conllType: string, tokens: string[]): EntityType | null {
  switch (conllType) {
    case 'EVENT': return 'EVENT';
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

const CONNECTOR = /^(of|for|the|and|de|du|des|d'|la|le|al|el)$/;
const JOIN_CONNECTOR = /^(of|for|de|du|des)$/;
const ORG_HEAD_WORD = /^(Alliance|Forces|Force|Front|Movement|Council|Union|Army|Party|Brigades?|Organi[sz]ation|Committee|Coalition|League|Federation|Association|Congress|Assembly|Ministry|Department|Commission|Authority|Agency|Office|Institute|Court|Corps|Guards?|Mission|Command|Confederation|Community|Bureau|Directorate|Society|Foundation|Group|Union|Network|Centre|Center)$/;
const CAP = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

/**
 * Long "X of Y" names the tagger cuts or splits ("Alliance of Sahel States", "Democratic Forces for the
 * Liberation of Rwanda"): join a name span across lower-case connectors to the following capitalised run
 * when the first span has an organisation head word or an acronym in parentheses follows the whole.
 */
export function joinOfNames(cs: Chunk[], toks: string[]): Chunk[] {
  const gaz = loadGazetteer();
  const out: Chunk[] = [];
  for (let i = 0; i < cs.length; i++) {
    const c = { ...cs[i] };
    out.push(c);
    if (c.type === 'PER') continue;
    const first = toks.slice(c.start, c.end);
    let end = c.end, k = c.end, joined = false;
    for (;;) {
      let g = k;
      while (g < toks.length && CONNECTOR.test(toks[g])) g++;
      if (g === k || g - k > 3 || !toks.slice(k, g).some((t) => JOIN_CONNECTOR.test(t))) break;
      let e = g;
      while (e < toks.length && CAP.test(toks[e]) && !(gaz.word(toks[e].toLowerCase()) & GAZ_BIT.title) && !cs.some((x) => x.type === 'PER' && e >= x.start && e < x.end)) e++;
      if (e === g) break;
      const hasAnd = toks.slice(k, g).includes('and');
      const acr = toks[e] === '(' && /^[A-Z][A-Za-z]{1,7}$/.test(toks[e + 1] ?? '') && toks[e + 2] === ')';
      const head = ORG_HEAD_WORD.test(first[first.length - 1]) || ORG_HEAD_WORD.test(first[0]);
      if (!(head || acr) || (hasAnd && !acr)) break;
      // "Rapid Support Forces of Sudan": a complete name followed by its country stays apart
      const tail = toks.slice(g, e).join(' ');
      if (!acr && first.length >= 2 && e - g <= 3 && lookupPlaces(tail).some((p) => p.feature === 'country' || p.feature === 'admin1')) break;
      if (!acr && lookupOrg(first.join(' ')) && !lookupOrg(toks.slice(c.start, e).join(' '))) break;
      end = e; k = e; joined = true;
    }
    if (!joined) continue;
    c.end = end; c.type = 'ORG';
    while (i + 1 < cs.length && cs[i + 1].start < end) i++;
  }
  return out;
}

const CODE = /^[A-Z]{1,3}\d{1,3}$/;
const CODE_CUE = /^(rebels?|fighters|militia|militias|group|movement|insurgents?|militants?|forces|troops|leaders?|summit|nations|countries|members?|combatants|coalition|alliance|commanders?|spokesman|spokesperson|delegation|ministers)$/i;
const PRODUCT_CUE = /^(jets?|aircraft|planes?|fighter|bombers?|helicopters?|tanks?|rifles?|missiles?|rockets?|drones?|launchers?|systems?|engines?|vaccines?|variant|highway|road|motorway|route|phones?|chips?)$/i;
const OPERATION = /^(Operation|Opération|Mission|Exercise)$/;
const NUMBER_PART = /^(\d{1,3}|I{1,3}|IV|V|VI{1,3})$/;

/**
 * Alphanumeric names: a letter+digit code in an organisation context ("the M23 rebels", "G7 leaders") is an ORG
 * (hyphenated product codes like "F-16" never are); an operation's number belongs to its name ("Operation Sokola 2").
 */
export function codeNames(cs: Chunk[], toks: string[]): Chunk[] {
  const out = cs.map((c) => ({ ...c }));
  for (const c of out) {
    const opAt = OPERATION.test(toks[c.start]) || (c.start > 0 && /^operation$/i.test(toks[c.start - 1]));
    if (opAt && c.type !== 'PER' && NUMBER_PART.test(toks[c.end] ?? '') && !PRODUCT_CUE.test(toks[c.end + 1] ?? '')) c.end++;
    if (OPERATION.test(toks[c.start]) && c.end - c.start >= 2) c.type = 'EVENT';
  }
  for (let i = 0; i < toks.length; i++) {
    const c0 = toks[i].charCodeAt(0);
    if (c0 < 65 || c0 > 90) continue; // CODE starts with A-Z
    if (!CODE.test(toks[i]) || out.some((c) => i >= c.start && i < c.end)) continue;
    const next = toks[i + 1] ?? '';
    const known = !!lookupOrg(toks[i]);
    if (!known && (!CODE_CUE.test(next) || PRODUCT_CUE.test(next))) continue;
    out.push({ start: i, end: i + 1, type: 'ORG' });
  }
  // "Operation Sokola 2" the tagger missed entirely
  for (let i = 0; i + 1 < toks.length; i++) {
    const c0 = toks[i].charCodeAt(0);
    if (c0 !== 79 && c0 !== 77 && c0 !== 69) continue; // OPERATION starts with O, M or E
    if (!OPERATION.test(toks[i]) || out.some((c) => i + 1 >= c.start && i + 1 < c.end) || !CAP.test(toks[i + 1])) continue;
    let e = i + 1;
    while (e < toks.length && CAP.test(toks[e]) && e - i <= 3) e++;
    if (NUMBER_PART.test(toks[e] ?? '')) e++;
    if (out.some((c) => c.start < e && c.end > i)) continue;
    out.push({ start: i, end: e, type: 'EVENT' });
  }
  return out.sort((a, b) => a.start - b.start);
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

const CHUNK_TYPE = LABELS.map((l) => (l === 'O' ? '' : l.slice(2)));
/** chunks() of the label ids' tags, without making the tag strings. */
function chunkIds(ids: Uint8Array): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | null = null;
  for (let i = 0; i < ids.length; i++) {
    const y = ids[i];
    if (y === 0) { if (cur) { cur.end = i; out.push(cur); cur = null; } continue; }
    const type = CHUNK_TYPE[y];
    const startsNew = LABELS[y].charCodeAt(0) === 66 /* B */ || !cur || cur.type !== type;
    if (cur && startsNew) { cur.end = i; out.push(cur); cur = null; }
    if (startsNew) cur = { start: i, end: i + 1, type };
  }
  if (cur) { cur.end = ids.length; out.push(cur); }
  return out;
}

/** Typed name spans of a document. The model is loaded lazily, once per process. */
export function recognize(nlp: NlpDocument): MentionCandidate[] {
  const sents = nerTokens(nlp);
  if (!sents.length) return [];
  const texts = sents.map((s) => s.map((t) => t.text));
  const ids = tagDocIds(getModel(), texts);
  const all: { c: Chunk; toks: string[]; k: number }[] = [];
  for (let k = 0; k < sents.length; k++) {
    const toks = texts[k], cs = chunkIds(ids[k]);
    for (const c of codeNames(cs.length ? joinOfNames(adjust(cs, toks), toks) : cs, toks)) all.push({ c, toks, k });
  }
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
