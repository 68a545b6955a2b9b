// Speaker phrases ("said Sami Sadat, commanding general of ...", "an official from X", "he") and the registry that
// turns them into one source per real speaker: names by entity or surname, pseudonyms, back-references by role.
import type { ExtractionContext, Mention, Source } from '../../types.js';
import { DETERMINERS, DOCUMENT_HEADS, INSTITUTION_HEADS, PLACE_NOUNS, PRONOUNS, ROLE_HEADS, isPluralHead, singular } from './lexicon.js';

export interface SpeakerRef {
  kind: 'pronoun' | 'name' | 'descriptor';
  /** the whole phrase, kept as the description */
  start: number; end: number; text: string;
  /** the name (for kind name) or the descriptor's core noun phrase */
  core: string;
  mention: Mention | null;
  role: string | null;
  affiliation: string | null;
  definite: boolean;
  plural: boolean;
  pseudonym: string | null;
  document: boolean;
  /** an institution owned by the named person in `mention` ("Nadia Cruz’s office") */
  owned?: boolean;
}

const NAME_RUN = String.raw`([A-Z][\p{L}'’-]+(?:\s+(?:al-|el-|bin |abu )?[A-Z][\p{L}'’-]+)?)`;
/** A pseudonym given after its cue: "identified himself as Karim", "who gave only his first name, Ahmed". */
export const PSEUDONYM = new RegExp(String.raw`\b(?:identified (?:himself|herself|themselves) (?:only )?(?:as|by)|(?:identified|known|named|called) only (?:as|by)|(?:gave|giving|give|gives|provided) (?:his|her|their) (?:first |only )?name(?: only)? as|(?:gave|giving|give|gives|provided) only (?:his|her|their) (?:first |given )?name(?: as)?,?|(?:gave|giving|give|gives|provided) (?:his|her|their) (?:first |given )?name only,?|asked to be (?:identified|called|referred to|named) (?:only )?(?:as|by)|(?:using|under|uses|use|goes by) the (?:pseudonym|name|alias|nom de guerre)|(?:whose|his|her) name (?:has been|was|is) changed to|(?:called|named|referred to as) here as)\s+` + NAME_RUN, 'u');
/** Cues that the name right before them is not the speaker's real one: "Mariam (not her real name)", "Ahmed, whose name has
 *  been changed", "Ahmed, who spoke under a pseudonym", "who asked that his full name not be used". */
export const PSEUDONYM_SELF = /\b(?:not (?:his|her|their) real names?|(?:is |was |a |under a |uses a |using a )pseudonym|(?:his|her|their|whose) (?:real |full |first |last )?names? (?:has|have|had) been (?:changed|altered|withheld)|(?:his|her|their|whose) (?:real |full )?names? (?:was|were|is|are) (?:changed|altered|withheld)|names? (?:has|have) been changed|(?:asked|requested) that (?:his|her|their) (?:real |full |last |family )?names? (?:not be|be withheld|be changed)|(?:declined|refused) to give (?:his|her|their) (?:real |full |last |family )?names?|(?:identified )?only (?:by|with) (?:his|her|their) first names?|(?:gave|giving|provided) only (?:his|her|their) first names?(?!,? [A-Z])|(?:gave|giving|provided) (?:his|her|their) first names? only(?!,? [A-Z]))/i;

/** Every PSEUDONYM match contains one of these (case as written); every PSEUDONYM_SELF match "name" or "pseudonym" (any case). */
const PSEUDONYM_HINTS = ['identified ', 'only as', 'only by', 'name', 'asked to be ', 'pseudonym', 'alias', 'nom de guerre', 'here as'];

/** Pseudonyms declared anywhere in a text: names given after a cue, and names right before a "not his real name" cue. */
export function pseudonymsIn(text: string): Set<string> {
  const out = new Set<string>();
  // (both patterns are long alternations tried at every word; most texts hold none of the words they need)
  if (PSEUDONYM_HINTS.some((h) => text.includes(h))) for (const m of text.matchAll(new RegExp(PSEUDONYM.source, 'gu'))) out.add(norm(m[1]));
  const lower = text.toLowerCase();
  if (!lower.includes('name') && !lower.includes('pseudonym')) return out;
  for (const m of text.matchAll(new RegExp(PSEUDONYM_SELF.source, 'gi'))) {
    // the clause before the cue, back to the sentence start: its name right before "(" or "," ("Mariam (not her real name)")
    const pre = text.slice(Math.max(0, m.index! - 140), m.index!).split(/[.!?]\s|\n/).pop() ?? '';
    const n = /(?:^|[\s“"(])([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,2})\s*(?:\(|,)(?:[^(),]*,)?[^(),]*$/u.exec(pre);
    if (n && !DETERMINERS.has(n[1].toLowerCase().split(/\s+/)[0])) out.add(norm(n[1]));
  }
  return out;
}
const STOP_WORDS = new Set(['from', 'of', 'at', 'with', 'in', 'for', 'on', 'based', 'who', 'whom', 'which', 'that', 'to', 'by']);
const LEAD = /^(?:and|but|so|then|while|also|as|now|(?:on|late on|early on|last|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|month|year|morning|afternoon|evening|night)(?:\s+(?:morning|afternoon|evening|night))?|(?:in|on|via|through|during)\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\p{L}-]+\s+){0,2}?(?:interview|statement|call|message|post|tweet|video|address|speech|briefing|conference|broadcast|twitter|facebook|telegram|communiqu[eé]|release))[\s,]+/iu;
const TRAIL = /,?\s+(?:has|have|had|also|recently|later|previously|reportedly|once|then|earlier|further|again|has also|have also|had also|had previously|(?:on|late on|early on|last|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|month|year|morning|afternoon|evening|night)(?:\s+(?:morning|afternoon|evening|night))?)$/i;
/** A channel after the speaker phrase is never part of it: "X, a spokesman for Y, in a phone interview", "X on Twitter". */
const CHANNEL = /,?\s+(?:in|on|during|via|through|by|over|at)\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\p{L}-]+\s+){0,2}?(?:interview|statement|call|phone|telephone|message|post|tweet|video|address|speech|briefing|conference|broadcast|e-?mail|twitter|facebook|telegram|radio|television|tv|communiqu[eé]|release)\b.*$/iu;
/** Titles written before a name in an apposition: "the army's spokesman, Col. Guillaume Ndjike". */
const NAME_TITLE = /^(?:(?:[A-Z][a-z]{0,4}\.|Sheikh|General|Colonel|Major|Captain|Lieutenant|Brigadier|Commander|Sergeant|Doctor|Professor|Mr|Mrs|Ms|Dr)\s+)*/;
const PARTICLE = /^(?:al|bin|ibn|van|von|de|da|del|der|la|le|el|abu|ul|wa)$/i;

/** Parse a speaker phrase found at [start, end). Returns null when it is not a plausible speaker. */
export function parseSpeaker(ctx: ExtractionContext, start: number, end: number): SpeakerRef | null {
  const text = ctx.nlp.text;
  // trim spaces, punctuation and leading conjunctions / trailing auxiliaries
  let s = start, e = end;
  const trim = () => {
    while (s < e && /[\s,;:.\u2063"“”‘’]/.test(text[s])) s++;
    while (e > s && /[\s,;:\u2063"“”‘’]/.test(text[e - 1])) e--;
  };
  trim();
  // a sentence-final period, not an initial's ("U.S.")
  if (text[e - 1] === '.' && !/(^|[\s.])\p{Lu}\.$/u.test(text.slice(Math.max(s, e - 3), e))) { e--; trim(); }
  for (let changed = true; changed;) {
    changed = false;
    const lead = LEAD.exec(text.slice(s, e)); if (lead) { s += lead[0].length; changed = true; }
    const trail = TRAIL.exec(text.slice(s, e)); if (trail) { e -= trail[0].length; changed = true; }
    trim();
  }
  const channel = CHANNEL.exec(text.slice(s, e));
  if (channel && channel.index > 0) { e = s + channel.index; trim(); }
  if (e <= s) return null;
  const phrase = text.slice(s, e);
  if (phrase.split(/\s+/).length > 30) return null;
  const base = { start: s, end: e, text: phrase, mention: null, role: null, affiliation: null, definite: false, plural: false, pseudonym: null, document: false };
  if (PRONOUNS.has(phrase.toLowerCase())) {
    const l = phrase.toLowerCase();
    return { ...base, kind: 'pronoun', core: l, plural: l === 'they' || l === 'we' };
  }
  // the core ends at the first comma or relative pronoun; what follows is apposition or description
  const coreM = /,|\s\(|\s(?:who|whom|which|whose)\s/.exec(phrase);
  const coreEnd = s + (coreM ? coreM.index : phrase.length);
  const core = text.slice(s, coreEnd).trim();
  const words = core.split(/\s+/);
  const bare = words[0] && DETERMINERS.has(words[0].toLowerCase()) ? words.slice(1) : words;
  const definite = /^(the|this|that)$/i.test(words[0] ?? '');
  const capital = (w: string) => /^[\p{Lu}\d]/u.test(w);
  const pseudonym = PSEUDONYM.exec(phrase)?.[1] ?? null;
  // "Mariam (not her real name)", "Ahmed, who spoke under a pseudonym": the name itself is the pseudonym
  const selfPseudonym = (name: string, after: number) => pseudonym ?? (PSEUDONYM_SELF.test(text.slice(after, e)) ? name : null);
  const inCore = (m: Mention) => m.start >= s && m.end <= coreEnd;
  const coreMentions = ctx.mentions.filter(inCore);

  // a name after a title: "U.S. Attorney Erin Nealy Cox", "United Nations spokesman Farhan Haq", "Secretary of State Mike Pompeo"
  // (the person is the speaker; places and organisations in the title are the affiliation)
  const person = coreMentions.filter((m) => m.type === 'PERSON' && m.start > s && !text.slice(m.end, coreEnd).trim())[0];
  if (person && !/['’]s?$/.test(text.slice(person.end, person.end + 2).trim())) {
    const title = titleOf(ctx, s, person.start);
    if (title) {
      let role = title.role, affiliation = title.affiliation;
      if (coreM && coreM[0] === ',') {
        const app = describe(ctx, coreEnd + 1, e, true);
        role = app.role ?? role; affiliation = app.affiliation ?? affiliation;
      }
      return { ...base, kind: 'name', core: person.text, mention: person, role, affiliation, definite: false, plural: false,
        pseudonym: selfPseudonym(person.text, coreEnd) };
    }
  }
  // a name: every word of the core (after an optional "the") capitalised, last word not a role noun ("UN report")
  // ("Residents said", "Witnesses told AFP" at a sentence start are descriptions; "the Foreign Ministry" is a name)
  const last = bare[bare.length - 1] ?? '';
  const namedHead = coreMentions.find((m) => (m.type === 'PERSON' || m.type === 'ORG') && m.end === coreEnd);
  if (bare.length && bare.every((w) => capital(w) || /^(al|bin|ibn|van|von|de|da|del|der|la|le|el|of|and|for|the|abu|ul)$/i.test(w)) && capital(bare[0])
      && (!ROLE_HEADS.has(singular(last)) || namedHead)) {
    // the person in the phrase, else its longest name
    const best = coreMentions.filter((m) => m.type !== 'NORP')
      .sort((a, b) => Number(b.type === 'PERSON') - Number(a.type === 'PERSON') || (b.end - b.start) - (a.end - a.start))[0] ?? null;
    // a title before the name gives the role ("President Joe Biden", "General Sadat")
    let role: string | null = ROLE_HEADS.has(bare[0].toLowerCase()) && bare.length > 1 ? singular(bare[0]) : null;
    // an organisation named by its institution ("the Foreign Ministry") has that institution as its role
    if (best?.type === 'ORG' && best.end === coreEnd && INSTITUTION_HEADS.has(singular(last)) && !isPluralHead(last)) role = singular(last);
    let affiliation: string | null = null;
    if (coreM && coreM[0] === ',') {
      const app = describe(ctx, coreEnd + 1, e, true);
      role = app.role ?? role; affiliation = app.affiliation;
    }
    const name = best ? best.text : bare.join(' ');
    return { ...base, kind: 'name', core: name, mention: best, role, affiliation, definite: false,
      plural: false, pseudonym: best?.type === 'ORG' ? pseudonym : selfPseudonym(name, coreEnd) };
  }
  const d = describe(ctx, s, coreEnd);
  if (!d.role) return null;
  // "the group's leader, Bertrand Bisimwa", "the army's spokesman, Col. X": the person named in apposition is the speaker
  if (coreM && coreM[0] === ',' && !d.plural && !DOCUMENT_HEADS.has(d.role)) {
    const n = appositiveName(ctx, coreEnd + 1, e);
    if (n) return { ...base, kind: 'name', core: n.text, mention: n.mention, role: d.role, affiliation: d.affiliation, definite: false,
      plural: false, pseudonym: selfPseudonym(n.text, n.end) };
  }
  // "Public Ombudsman Nadia Cruz’s office": an institution of a named person speaks for that person, on the record
  const owner = coreMentions.find((m) => m.type === 'PERSON' && /^['’]s?\s/.test(text.slice(m.end, coreEnd + 1)));
  if (owner && INSTITUTION_HEADS.has(d.role) && !d.plural) {
    return { ...base, kind: 'descriptor', core, role: d.role, affiliation: owner.entity, mention: owner, definite, plural: false, pseudonym,
      document: false, owned: true };
  }
  return { ...base, kind: 'descriptor', core, role: d.role, affiliation: d.affiliation, definite, plural: d.plural, pseudonym,
    document: DOCUMENT_HEADS.has(d.role) };
}

/** A person's name (after optional titles) filling the chunk that starts at `s` (up to a comma, bracket or `e`). */
function appositiveName(ctx: ExtractionContext, s: number, e: number): { text: string; mention: Mention | null; end: number } | null {
  const text = ctx.nlp.text;
  const cut = /,|\s\(|\s[–—]\s/.exec(text.slice(s, e));
  let a = s, b = cut ? s + cut.index : e;
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /[\s.]/.test(text[b - 1]) && !/\b\p{Lu}\.$/u.test(text.slice(a, b))) b--;
  if (b <= a) return null;
  const title = NAME_TITLE.exec(text.slice(a, b))![0].length;
  const inside = ctx.mentions.filter((m) => m.start < b && m.end > a);
  const person = inside.find((m) => m.type === 'PERSON' && m.end === b && m.start >= a && !text.slice(a, m.start).replace(NAME_TITLE, '').trim());
  if (person) return { text: person.text, mention: person, end: b };
  if (inside.length) return null;
  // no entities: two to four capitalised words, none a role noun ("Patrick Mulumba")
  const ws = text.slice(a + title, b).split(/\s+/);
  if (ws.length < 2 || ws.length > 4 || !ws.every((w) => /^\p{Lu}\p{Ll}/u.test(w) || PARTICLE.test(w))
      || ws.some((w) => ROLE_HEADS.has(singular(w)) || DETERMINERS.has(w.toLowerCase()))) return null;
  return { text: ws.join(' '), mention: null, end: b };
}

/** The title words before a name ("U.S. Attorney", "Kremlin spokesman", "Foreign Minister"): its role and affiliation,
 *  or null when the words are not a title (no role noun, or a verb or preposition-led phrase). */
function titleOf(ctx: ExtractionContext, s: number, e: number): { role: string | null; affiliation: string | null } | null {
  const text = ctx.nlp.text;
  const seg = text.slice(s, e);
  const ws = [...seg.matchAll(/[\p{L}][\p{L}'’.-]*/gu)].map((m) => m[0]);
  if (!ws.length || ws.length > 8) return null;
  let k = -1;
  for (let i = ws.length - 1; i >= 0; i--) if (ROLE_HEADS.has(singular(ws[i].replace(/[.]$/, '')))) { k = i; break; }
  if (k < 0) {
    // "Gen. Sami Sadat", "Cmdr. Jane Doe": an abbreviated title
    if (/^(?:(?:the|a|an)\s+)?\p{Lu}\p{Ll}{1,4}\.\s*$/u.test(seg.trim() + ' ')) return { role: null, affiliation: null };
    // "Goddard planetary scientist Jane Doe": an unlisted occupation noun right before the name
    const lastTok = ctx.nlp.tokens.filter((t) => t.start >= s && t.end <= e).pop();
    if (!lastTok || lastTok.pos !== 'NOUN' || !/^\p{Ll}{3,}$/u.test(lastTok.text) || PLACE_NOUNS.has(lastTok.text)) return null;
    k = ws.length - 1;
  }
  // every word before the role noun is a name, a modifier of the office, or a determiner — not a clause
  const tokens = ctx.nlp.tokens.filter((t) => t.start >= s && t.end <= e);
  if (tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX' || /^(?:who|which|that|said|told)$/i.test(t.text))) return null;
  const head = singular(ws[k].replace(/[.]$/, ''));
  const mod = (ws[k - 1] ?? '').toLowerCase();
  const role = /^(?:vice|deputy|prime|assistant|under|attorney|foreign|defense|defence|interior|finance|justice)$/.test(mod)
    && head !== mod ? `${mod} ${head}` : head;
  const aff = ctx.mentions.filter((m) => m.start >= s && m.end <= e && m.type !== 'PERSON')
    .sort((a, b) => (a.type === 'ORG' ? 0 : a.type === 'GPE' ? 1 : 2) - (b.type === 'ORG' ? 0 : b.type === 'GPE' ? 1 : 2) || a.start - b.start)[0];
  return { role, affiliation: aff?.entity ?? null };
}

const COMPOUND_OFFICE = /^(?:vice|deputy|assistant|prime|under)$/;

/** Role head and affiliation of a descriptive phrase ("an official from the National Security Directorate"). */
function describe(ctx: ExtractionContext, s: number, e: number, apposition = false): { role: string | null; affiliation: string | null; plural: boolean } {
  const text = ctx.nlp.text;
  const seg = text.slice(s, e);
  let role: string | null = null, plural = false, lastLower: string | null = null;
  let stopAt = e;
  for (const m of seg.matchAll(/[\p{L}'’-]+|,/gu)) {
    const w = m[0], l = w.toLowerCase();
    // "a spokesperson for X, the U.S. operation against Y": the affiliation is in the role's own chunk
    if (w === ',') { if (role) { stopAt = s + m.index!; break; } continue; }
    if (STOP_WORDS.has(l) && (role || lastLower)) {
      if (/^(who|whom|which|that|based|in)$/.test(l)) stopAt = s + m.index!;
      else if (role) { const c = seg.indexOf(',', m.index!); if (c >= 0) stopAt = s + c; }
      break;
    }
    if (/^[\p{Ll}]/u.test(w) && !DETERMINERS.has(l)) lastLower = l;
    // the head is the last role noun before any prepositional phrase ("Afghan spy official", "military official");
    // an apposition may write it in title case ("Michael Sims, CEO and Founder of X")
    // (or as the first word of a sentence: "Residents said", "Witnesses told AFP")
    if ((/^[\p{Ll}]/u.test(w) || apposition || m.index === 0) && ROLE_HEADS.has(singular(l))) {
      role = singular(l); plural = isPluralHead(l);
      // "vice president", "deputy minister": the office is the compound
      const prev = /([\p{L}]+)[\s-]+$/u.exec(seg.slice(0, m.index!))?.[1]?.toLowerCase();
      if (prev && COMPOUND_OFFICE.test(prev)) role = `${prev} ${role}`;
    }
  }
  // (not from a relative clause: "who leads the union" says what someone does, not what they are)
  if (!role && lastLower && !STOP_WORDS.has(lastLower) && !PLACE_NOUNS.has(lastLower) && /^[a-z]{3,}$/.test(lastLower)
      && !/^\s*(?:who|whom|whose|which|that)\b/i.test(seg)) {
    // an unlisted noun heads the phrase ("a Western negotiator"): accept it only if the tagger says noun
    const tok = ctx.nlp.tokens.find((t) => t.start >= s && t.end <= e && t.text.toLowerCase() === lastLower);
    if (tok && tok.pos === 'NOUN') { role = singular(lastLower); plural = isPluralHead(lastLower); }
  }
  // affiliation: an organisation named inside the phrase, else a place or people
  const ms = ctx.mentions.filter((m) => m.start >= s && m.end <= stopAt);
  const rank = (m: Mention) => (m.type === 'ORG' ? 0 : m.type === 'GPE' ? 1 : m.type === 'NORP' ? 2 : 3);
  const aff = ms.filter((m) => m.type !== 'PERSON').sort((a, b) => rank(a) - rank(b) || a.start - b.start)[0]
    // else whoever the role serves: "a spokesman for Jane Doe", "an aide to the senator Jane Doe"
    ?? (role ? ms.find((m) => m.type === 'PERSON' && /\b(?:for|of|to)\s+(?:the\s+)?(?:[\p{L}.-]+\s+){0,2}$/iu.test(text.slice(Math.max(s, m.start - 30), m.start))) : undefined);
  return { role, affiliation: aff?.entity ?? null, plural };
}

interface Entry extends Source { names: Set<string>; context: Set<string>; plural: boolean; named: boolean }

const norm = (s: string) => s.toLowerCase().replace(/[‘’`´]/g, "'").replace(/'s$/, '').replace(/[^\p{L}\p{N}\s]+/gu, ' ').trim();
const wordsOf = (s: string) => norm(s).split(/\s+/).filter(Boolean);

/** One source per distinct speaker, merged as references come in, in text order. */
export class SourceRegistry {
  readonly entries: Entry[] = [];

  /** `pseudonyms`: normalised names the text declares not to be real ones (pseudonymsIn) */
  constructor(private readonly pseudonyms: Set<string> = new Set()) {}

  /** Find or create the source a (non-pronoun) speaker phrase refers to. `context` is the attribution sentence. */
  resolve(ref: SpeakerRef, context: string): Entry {
    // "Ahmed said", after "a fighter who asked to be identified only as Ahmed": still the pseudonymous source
    if (ref.kind === 'name' && !ref.pseudonym && ref.mention?.type !== 'ORG' && this.pseudonyms.has(norm(ref.core))) ref = { ...ref, pseudonym: ref.core };
    const found = ref.kind === 'name' ? this.byName(ref) : this.byDescription(ref);
    const entry = found ?? this.create(ref);
    for (const w of wordsOf(context + ' ' + ref.text)) entry.context.add(w);
    if (ref.pseudonym) entry.names.add(norm(ref.pseudonym));
    entry.role ??= ref.role;
    entry.affiliation ??= ref.affiliation;
    return entry;
  }

  private create(ref: SpeakerRef): Entry {
    const named = ref.kind === 'name' && !ref.pseudonym;
    // a singular institution ("the interior ministry", "the army") speaks on the record; people without a name do not
    const institution = ref.kind === 'descriptor' && !ref.plural && !!ref.role && INSTITUTION_HEADS.has(ref.role) && !ROLE_PEOPLE.has(ref.role);
    const anonymous = !!ref.pseudonym || (ref.kind === 'descriptor' && !((ref.document || ref.owned) && ref.affiliation) && !institution);
    const entry: Entry = {
      id: '', entity: named || ref.owned ? ref.mention?.entity ?? null : null,
      // a named source keeps its appositive; a name with no entity keeps the name itself (and a pseudonym is always kept)
      description: ref.kind === 'name' ? (ref.text !== ref.core || ref.pseudonym ? ref.text : ref.mention ? null : ref.core) : ref.text,
      anonymous, affiliation: ref.affiliation, role: ref.role, quotes: [],
      names: new Set(ref.kind === 'name' ? [norm(ref.core)] : []), context: new Set(), plural: ref.plural, named,
    };
    this.entries.push(entry);
    return entry;
  }

  private byName(ref: SpeakerRef): Entry | null {
    const n = norm(ref.core);
    const toks = n.split(/\s+/);
    // pseudonyms and names seen before ("Karim" after "identified himself as Karim"; "Shaheen" after "Sohail Shaheen")
    for (const e of [...this.entries].reverse()) {
      if (ref.mention && e.entity === ref.mention.entity) return e;
      for (const known of e.names) {
        if (known === n) return e;
        const kt = known.split(/\s+/);
        // surname match: "Sadat" ~ "Sami Sadat", "General Sadat" ~ "Sami Sadat"
        if (e.named && kt.length > 1 !== toks.length > 1 && kt[kt.length - 1] === toks[toks.length - 1] && toks[toks.length - 1].length > 2) return e;
        if (e.named && kt.length > 1 && toks.length > 1 && kt[kt.length - 1] === toks[toks.length - 1] && (kt.includes(toks[0]) || toks.includes(kt[0]) || ROLE_HEADS.has(toks[0]) || ROLE_HEADS.has(kt[0]))) return e;
      }
    }
    return null;
  }

  /** Whether a definite description ("the spokesman") refers back to a source already listed. */
  knows(ref: SpeakerRef): boolean {
    return ref.kind === 'descriptor' && this.byDescription(ref) !== null;
  }

  /** "The diplomat" → the earlier "intelligence officer and diplomat"; indefinite descriptions are new sources. */
  private byDescription(ref: SpeakerRef): Entry | null {
    if (!ref.definite || !ref.role) return null;
    const mods = wordsOf(ref.core).filter((w) => !DETERMINERS.has(w) && singular(w) !== ref.role);
    let best: Entry | null = null, bestScore = -1;
    this.entries.forEach((e) => {
      if (e.plural !== ref.plural) return;
      const desc = new Set(wordsOf(`${e.description ?? ''} ${e.role ?? ''}`).map(singular));
      if (e.role !== ref.role && !desc.has(ref.role!)) return;
      // "the president" is not the earlier "vice president" (unless the description says "vice" too)
      const office = e.role?.split(' ') ?? [];
      if (office.length > 1 && COMPOUND_OFFICE.test(office[0]) && !mods.includes(office[0]) && e.role !== ref.role) return;
      const score = mods.filter((w) => e.context.has(w)).length;
      if (score >= bestScore) { best = e; bestScore = score; }
    });
    return best;
  }
}

/** Institution heads that also name groups of people ("group", "team", "party"): still anonymous without a name. */
const ROLE_PEOPLE = new Set(['group', 'team', 'party', 'forces', 'police', 'authorities', 'authority', 'coalition', 'campaign', 'service', 'firm', 'company']);

/** The organisation a definite institution description refers back to: "the ministry said" after "the Foreign Ministry"
 *  (the most recent organisation mention whose name holds the head and every modifier of the description). */
export function institutionAntecedent(ctx: ExtractionContext, ref: SpeakerRef, pos: number): SpeakerRef | null {
  if (ref.kind !== 'descriptor' || !ref.definite || ref.plural || !ref.role || ref.document || ref.owned) return null;
  if (!INSTITUTION_HEADS.has(ref.role) || ROLE_PEOPLE.has(ref.role)) return null;
  const want = wordsOf(ref.core).filter((w) => !DETERMINERS.has(w)).map(singular);
  const orgs = ctx.mentions.filter((m) => m.type === 'ORG' && m.end <= pos).sort((a, b) => b.start - a.start);
  for (const m of orgs) {
    const ws = new Set(wordsOf(m.text).map(singular));
    if (want.every((w) => ws.has(w) || [...ws].some((x) => x.startsWith(w.slice(0, 5)) && w.length > 5))) {
      return { ...ref, kind: 'name', core: m.text, mention: m, definite: false, affiliation: null };
    }
  }
  return null;
}

const OFFICE_MODIFIERS = /^(?:vice|deputy|prime|assistant|under|lieutenant|former|acting|interim|foreign|defense|defence|interior|finance|justice|attorney)$/;

/** The named person a definite role description refers back to: "The president said" after "US President Donald Trump" or
 *  "Donald Trump, the US president,". The most recent person introduced with that title before `pos` wins. */
export function titledAntecedent(ctx: ExtractionContext, ref: SpeakerRef, pos: number): SpeakerRef | null {
  if (ref.kind !== 'descriptor' || !ref.definite || ref.plural || !ref.role || ref.document || ref.owned) return null;
  const text = ctx.nlp.text;
  const want = wordsOf(ref.core).filter((w) => !DETERMINERS.has(w));
  const head = singular(want[want.length - 1] ?? '');
  if (!head || !ROLE_HEADS.has(head) || head !== ref.role.split(' ').pop()) return null;
  const persons = ctx.mentions.filter((m) => m.type === 'PERSON' && m.end <= pos).sort((a, b) => b.start - a.start);
  for (const m of persons) {
    // the title right before the name (same sentence, a few words), or an apposition right after it
    const pre = text.slice(Math.max(0, m.start - 60), m.start);
    const title = /((?:[\p{L}.’'-]+\s+){0,5})$/u.exec(pre.split(/[.!?;:,()“”"]\s/).pop() ?? '')?.[1] ?? '';
    const app = /^,\s+(?:the|a|an)\s+([^,.;()]{1,60})[,.]/u.exec(text.slice(m.end, m.end + 70))?.[1] ?? '';
    for (const phrase of [title, app]) {
      const ws = wordsOf(phrase).map((w) => w.replace(/[.]$/, ''));
      const k = ws.map(singular).lastIndexOf(head);
      if (k < 0 || (phrase === title && k !== ws.length - 1)) continue;
      // every word of the description is in the title ("the foreign minister" ~ "Foreign Minister Wang Yi"),
      // and the title has no office modifier the description lacks ("the president" is not "Vice President X")
      const titleWords = new Set(ws.slice(0, k + 1).map(singular));
      if (!want.map(singular).every((w) => titleWords.has(w))) continue;
      if (OFFICE_MODIFIERS.test(ws[k - 1] ?? '') && !want.includes(ws[k - 1])) continue;
      return { ...ref, kind: 'name', core: m.text, mention: m, definite: false };
    }
  }
  return null;
}
