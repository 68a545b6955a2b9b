// relations: typed ties between actors, with every evidence span and asserting source.
//
// Three families of patterns, all over mentions and the words between them:
//  - role phrases: apposition ("X, a member of Y"), brackets ("X [founder of Y]"), role before a
//    name ("Y commander X", "Y's leader X", "President X" with one country in view);
//  - structure: branches named after their parent ("Y in the Z (YZ)"), units and districts
//    ("A of the B", "A district of B province");
//  - verbs and statements around a cue word ("training Y", "harboring Y", "pledged allegiance to
//    Y", "fighting alongside Y", "close ties with Y", "war against Y").
// Duplicates (same type, subject, object) merge and collect evidence and sources.
import type { Entity, EntityType, ExtractionContext, Mention, Relation, RelationType, Span } from '../types.js';
import type { Attribution } from './quotes.js';
import { DocIndex, byFirstStem, ordered, sentenceSpan, stem, type Arg } from './patterns.js';
import { lookupNorp } from '../gazetteer/index.js';
import { memoize } from '../memo.js';

interface Cand { type: RelationType; subject: string; object: string; evidence: Span; cue: Span; conf: number; sources?: string[]; fallback?: boolean }

const SYMMETRIC = new Set<RelationType>(['allied_with', 'fights_alongside', 'opposes', 'kinship_with']);

// role nouns → relation; "leader"-like roles are leader_of when definite, member_of when indefinite
const FOUNDER = /^(co-?founder|founder|founding\s+father)$/i;
const HEAD = /^(leader|head|chief|commander|general|emir|amir|president|chairman|chairwoman|chair|director|secretary-general|boss|supreme\s+leader|prime\s+minister|king|chancellor|premier|commandant|ringleader|ceo|chief\s+executive|mayor|governor|sheriff|superintendent|commissioner|ombudsman|owner|principal|dean)$/i;
const SPOKES = /^(spokesman|spokeswoman|spokesperson|press\s+secretary)$/i;
const AFFIL = /^(fellow|professor|researcher|scholar|analyst|lecturer|student|expert|associate|economist|scientist|journalist|reporter|correspondent|editor|columnist|producer|strategist|consultant|specialist)$/i;
const ROLE_WORDS = 'co-?founder|founder|leader|head|chief executive|chief|commander|general|emir|amir|president|chairman|chairwoman|chair|director|secretary-general|secretary of state|secretary|boss|prime minister|king|chancellor|premier|commandant|ringleader|ceo|mayor|governor|sheriff|superintendent|commissioner|ombudsman|owner|principal|spokesman|spokeswoman|spokesperson|press secretary|fellow|professor|researcher|scholar|analyst|lecturer|student|expert|associate|economist|scientist|journalist|reporter|correspondent|editor|columnist|producer|strategist|consultant|specialist|dean|member|fighter|militant|operative|official|officer|soldier|minister|deputy|negotiator|envoy|ambassador|adviser|advisor|aide|representative|colonel|major|captain|lieutenant|figure|ideologue|cleric|recruiter|employee|staffer|lawmaker|senator|administrator|manager|coordinator|executive|attorney|lawyer|prosecutor|partner|staff member|worker|volunteer|activist|organizer|organiser';
const ROLE = `((?:vice-|deputy\\s+)?(?:${ROLE_WORDS}))s?`;
/** Titles that make a bare "Title Name" the head of a state. */
const STATE_TITLE = /^(president|prime\s+minister|king|queen|chancellor|premier|emir|sultan)$/i;
/** Words that cannot sit between an appositive's article and its role noun ("X, who met the leader of Y"). */
const NOT_ROLE_MOD = '(?!(?:who|which|that|and|or|but|said|says|told|is|was|were|are|has|had|met|with|from|to|by|as|a|an|the|under|in|on|at|of|for|after|before|against|over|about|into|than|like|via|per|during|since|while|when)\\b)';

const APPOSITION = new RegExp(`^\\s*(?:,|\\[|\\()\\s*(?:(?:who|which)\\s+(?:is|was|has\\s+been|became)\\s+)?(?:(a|an|the|another|one|its|their|his|her)\\s+)?(?:${NOT_ROLE_MOD}[\\p{L}\\p{N}.'’-]+\\s+){0,3}?${ROLE}\\s+(of|at|for|with|in)\\s+(?:the\\.?\\s+)?`, 'iu');
/** Common nouns between an appositive's preposition and the name: "spokesperson of the operations Y", "a commander in the rebel group Y". */
const DESCRIPTOR = /^(?:(?!(?:who|which|that|and|or|but|in|on|at|of|for|with|from|to|by|is|was|are|were|said|says)\b)[a-z][\p{L}-]*\s+){1,2}$/u;
/** Ranks and honorifics between a role and a name: "Army spokesman Col. X", "army chief General X". */
const RANK_TITLE = '(?:(?:Col|Gen|Lt|Maj|Brig|Capt|Sgt|Cpl|Adm|Dr|Mr|Ms|Mrs|Sen|Rep|Gov)\\.?|Colonel|General|Lieutenant|Major|Brigadier|Captain|Sergeant|Admiral|Marshal|Field\\s+Marshal|Sheikh|Imam|Mullah|(?:Grand\\s+)?Ayatollah|Commander|Corporal|Private)';
const RANKS = `(?:\\s+${RANK_TITLE}(?:[\\s-]+(?:Gen|General|Colonel|Col)\\.?)?)?`;
const PRENOMINAL = new RegExp(`^(?:['’]s)?\\s+(?:${NOT_ROLE_MOD}[\\p{L}.-]+\\s+){0,2}?${ROLE}(?:\\s*,)?${RANKS}\\s*,?\\s+$`, 'iu');
/** "army spokesman X", "the military's chief General X": a role of an unnamed national body just before a name. */
const NOMINAL_HOLDER = new RegExp(`\\b(army|military|police|government|navy|air\\s+force|armed\\s+forces|junta|ministry|movement|group|rebels?|rebellion|militia|organi[sz]ation)(['’]s?)?\\s+(?:${NOT_ROLE_MOD}[\\p{L}.-]+\\s+){0,1}?${ROLE}${RANKS}\\s*,?\\s+$`, 'iu');
/** "the spokesman for the X, Y": a role naming the body before the person it describes. */
const ROLE_OF_BEFORE = new RegExp(`\\b${ROLE}\\s+(?:of|for)\\s+(?:the\\s+)?$`, 'iu');
const UNIT_WORD = /\b(corps|brigade|division|battalion|regiment|unit|wing|branch|command|squadron|platoon|directorate|department|ministry|committee|bureau|office|agency|cell|faction|council|force|forces)\b/i;
const PLACE_OF = /^\s+(?:district|province|county|city|town|village|region|state|governorate|prefecture|municipality)?\s*(?:of|in)\s+(?:the\s+)?$/i;
/** Organisations that sit somewhere: "the X Institute in Washington" is located there. */
const INSTITUTION = /\b(institute|institution|university|college|school|academy|cent(?:er|re)|museum|hospital|clinic|department|police|council|court|bank|company|corporation|corp|foundation|library|church|mosque|cathedral|embassy|consulate|office|agency|airport|club|federation|association|society|commission|authority|station|prison|hotel|newspaper|times|post|herald|tribune)\b/i;
/** Government bodies a country's name may head: "Austria Interior Ministry", "Kenya Police". */
const GOV_BODY = /\b(ministry|police|army|navy|air\s+force|military|government|parliament|senate|congress|embassy|cabinet|coast\s+guard|armed\s+forces)\b/i;
const RANK: Record<string, number> = { city: 1, admin2: 2, admin1: 3, country: 4 };

export function extractRelations(ctx: ExtractionContext, attr: Attribution): Relation[] {
  const d = new DocIndex(ctx, attr);
  const cands: Cand[] = [];
  rolePhrases(d, cands);
  structure(d, cands);
  settings(d, cands);
  verbCues(d, cands);
  newsPatterns(d, cands);
  // a head of state guessed from the article's country yields to a country named for that person
  const named = new Set(cands.filter((c) => c.type === 'leader_of' && !c.fallback && d.entityById.get(c.object)?.type === 'GPE').map((c) => c.subject));
  return mergeCands(d, cands.filter((c) => !c.fallback || !named.has(c.subject)));
}

const typeOf = (d: DocIndex, m: Mention | undefined) => (m ? d.entity(m)?.type ?? m.type : undefined);
const isOrg = (d: DocIndex, m: Mention | undefined) => typeOf(d, m) === 'ORG' && !d.isPlaceMention(m);

function roleRelation(role: string, definite: boolean, prenominal: boolean): RelationType {
  const r = role.toLowerCase().replace(/s$/, '').replace(/\s+/g, ' ');
  if (FOUNDER.test(r)) return 'founder_of';
  if (SPOKES.test(r)) return 'spokesperson_for';
  if (AFFIL.test(r)) return 'affiliated_with';
  if (HEAD.test(r)) {
    // "Taliban commander X", "another al-Qaeda leader": one of several; heads of state stay heads
    if (STATE_TITLE.test(r) || /^(chief|head|emir|amir|chairman|chairwoman|supreme leader)$/.test(r)) return 'leader_of';
    return definite && !prenominal ? 'leader_of' : 'member_of';
  }
  return 'member_of';
}

/** Role appositions, brackets, role-before-name and state titles. */
function rolePhrases(d: DocIndex, out: Cand[]): void {
  const ms = d.mentions;
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k], n = ms[k + 1];
    const sen = d.sentenceOfToken(d.tokenIndexAt(m.start));
    // "X, a member of Y" / "X [founder of Y]" / "X, a China scholar with Y" / "X, program administrator for Y at Z"
    if (typeOf(d, m) === 'PERSON') apposition(d, m, k, sen, out);
    // "Taliban commander X", "al-Qaeda's leader, X", "US President X", "US Trade Representative X", "Chinese vice-premier X"
    if (n && typeOf(d, n) === 'PERSON') {
      const gap = d.text.slice(m.end, n.start);
      const p = PRENOMINAL.exec(gap);
      let holder = p ? holderOf(d, m) : null;
      // "VOA Pentagon correspondent X": the outlet employs the correspondent, the second name is the beat
      const prev = ms[k - 1];
      if (p && /^(correspondent|reporter|editor|journalist|columnist|producer)$/i.test(p[1]) && prev && isOrg(d, prev) && /^\s+$/.test(d.text.slice(prev.end, m.start))) holder = prev.entity;
      if (p && holder && d.entityById.get(holder)?.type === 'GPE') {
        // "Sudan's army chief X", "Malian police spokesman X": the state's army or police, not the state
        const body = /\b(army|military|armed\s+forces|police)\b/i.exec(gap);
        if (body) holder = resolveBody(d, body[1], n.start, m);
      }
      if (p && holder) {
        const possessive = /^['’]s/.test(gap);
        const type = roleRelation(p[1], possessive, !possessive);
        const isState = d.entityById.get(holder)?.type === 'GPE';
        // a state's office holders: its head leads it, its ministers and envoys are members of its government
        if (!isState || type === 'leader_of' || type === 'member_of' || type === 'spokesperson_for') {
          out.push({ type, subject: n.entity, object: holder, evidence: sentenceSpan(sen), cue: { start: m.start, end: n.end }, conf: 0.8 });
        }
      }
    }
    // "army spokesman Col. X" with the army unnamed: the one army-like organisation of the article
    if (n && typeOf(d, n) === 'PERSON' && !PRENOMINAL.test(d.text.slice(m.end, n.start))) nominalHolder(d, n, out);
    if (k === 0 && typeOf(d, m) === 'PERSON') nominalHolder(d, m, out);
    // "the spokesman of the Transitional Council, X"
    if (n && typeOf(d, n) === 'PERSON' && /^\s*,\s*$/.test(d.text.slice(m.end, n.start)) && (isOrg(d, m) || isCountry(d, m))) {
      const r = ROLE_OF_BEFORE.exec(d.text.slice(Math.max(sen.start, m.start - 40), m.start));
      if (r) {
        const type = roleRelation(r[1], true, false);
        if (isOrg(d, m) || type === 'leader_of' || type === 'member_of' || type === 'spokesperson_for') {
          out.push({ type, subject: n.entity, object: m.entity, evidence: sentenceSpan(sen), cue: { start: m.start, end: n.end }, conf: 0.8 });
        }
      }
    }
    if (typeOf(d, m) === 'PERSON') {
      // "President Joe Biden" with no country named before the title: the country of the sentence
      stateTitle(d, m, k, out);
      // "Interior Minister X" when the article names the "Interior Ministry"
      ministerOf(d, m, sen, out);
      // "Hitler's Germany": a person's country is the one they rule
      if (n && /^['’]s\s+$/.test(d.text.slice(m.end, n.start)) && isCountry(d, n)) {
        const [, b] = d.tokenRange(n);
        if (!/^(NOUN|PROPN)$/.test(d.tokens[b + 1]?.pos ?? '') || /^['’]s$/.test(d.tokens[b + 1]?.text ?? '')) {
          out.push({ type: 'leader_of', subject: m.entity, object: n.entity, evidence: sentenceSpan(sen), cue: { start: m.start, end: n.end }, conf: 0.55 });
        }
      }
    }
  }
  ousted(d, out);
}

/** The body a pre-name role belongs to: an organisation, a state, or the state of a nationality ("Chinese"). */
function holderOf(d: DocIndex, m: Mention): string | null {
  if (isOrg(d, m)) return m.entity;
  const t = typeOf(d, m);
  if (t === 'GPE' && isCountry(d, m)) return m.entity;
  if (t === 'NORP') return countryOfNorp(d, m);
  return null;
}

function isCountry(d: DocIndex, m: Mention | undefined): boolean {
  const e = d.entity(m);
  return !!e && e.type === 'GPE' && e.geo?.feature === 'country';
}

/** The country entity of the document a nationality word belongs to ("Chinese" → China). */
function countryOfNorp(d: DocIndex, m: Mention): string | null {
  const code = lookupNorp(m.text)?.country ?? lookupNorp(d.entity(m)?.name ?? '')?.country;
  if (!code) return null;
  const c = d.ctx.entities.find((e) => e.type === 'GPE' && e.geo?.feature === 'country' && e.geo.country === code);
  return c?.id ?? null;
}

function apposition(d: DocIndex, m: Mention, k: number, sen: { start: number; end: number }, out: Cand[]): void {
  const ms = d.mentions;
  const tail = d.text.slice(m.end, Math.min(sen.end, m.end + 160));
  const a = APPOSITION.exec(tail);
  if (!a) return;
  const at = m.end + a[0].length;
  let j = k + 1;
  while (j < ms.length && ms[j].start < at) j++;
  let obj = ms[j];
  if (!obj || (obj.start !== at && !DESCRIPTOR.test(d.text.slice(at, obj.start)))) return;
  // "Stanford University's Center for ...": the most specific organisation
  const after = ms[j + 1];
  if (after && /^['’]s\s+$/.test(d.text.slice(obj.end, after.start)) && orgLike(d, after)) { obj = after; j++; }
  const role = a[2];
  const prep = a[3].toLowerCase();
  const definite = !a[1] || /^(the|its|their|his|her)$/i.test(a[1]);
  const type = roleRelation(role, definite, false);
  const ok = isOrg(d, obj) || (type === 'leader_of' && isCountry(d, obj)) || (type === 'spokesperson_for' && typeOf(d, obj) === 'PERSON')
    || (/^(at|with|for)$/.test(prep) && unplacedGpe(d, obj));
  if (!ok) return;
  const cue = { start: m.start, end: obj.end };
  out.push({ type, subject: m.entity, object: obj.entity, evidence: sentenceSpan(sen as any), cue, conf: 0.85 });
  // "... for the Refugees in Towns Project at Tufts University's Feinstein International Center": the host institution too
  let host = ms[j + 1];
  if (host && /^\s+at\s+(?:the\s+)?$/i.test(d.text.slice(obj.end, host.start)) && orgLike(d, host)) {
    const next = ms[j + 2];
    if (next && /^['’]s\s+$/.test(d.text.slice(host.end, next.start)) && orgLike(d, next)) host = next;
    if (host.entity !== obj.entity) out.push({ type: 'affiliated_with', subject: m.entity, object: host.entity, evidence: sentenceSpan(sen as any), cue: { start: m.start, end: host.end }, conf: 0.75 });
  }
}

/** An organisation, or a name the tagger called a place but the gazetteer does not know ("Stratfor"). */
function orgLike(d: DocIndex, m: Mention): boolean { return isOrg(d, m) || unplacedGpe(d, m); }
function unplacedGpe(d: DocIndex, m: Mention): boolean {
  const e = d.entity(m);
  return !!e && e.type === 'GPE' && !e.geo;
}

const MINISTRY = /^(?:the\s+)?(?:[\p{Lu}][\p{L}-]*\s+)?([\p{L}-]+)\s+Ministry$|^Ministry\s+of\s+(?:the\s+)?([\p{L}-]+)/u;
/** Ministries named in the article, by their portfolio word ("interior" → Interior Ministry). */
function ministries(d: DocIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of d.ctx.entities) {
    if (e.type !== 'ORG') continue;
    for (const n of [e.name, ...e.aliases]) {
      const r = MINISTRY.exec(n);
      if (r) { const w = (r[1] ?? r[2]).toLowerCase(); if (!out.has(w)) out.set(w, e.id); }
    }
  }
  return out;
}

function ministerOf(d: DocIndex, m: Mention, sen: { start: number; end: number }, out: Cand[]): void {
  const before = d.text.slice(Math.max(sen.start, m.start - 40), m.start);
  const t = /\b([\p{L}-]+)\s+[Mm]inister\s+$/u.exec(before) ?? /^([\p{L}-]+)\s+Minister\s/u.exec(m.text);
  if (!t || /^(prime|deputy|vice|former)$/i.test(t[1])) return;
  const min = ministries(d).get(t[1].toLowerCase());
  if (min) { out.push({ type: 'leader_of', subject: m.entity, object: min, evidence: sentenceSpan(sen as any), cue: m, conf: 0.75 }); return; }
  // "Foreign Minister X" with the country named nearby (a name or nationality just before is a pre-name role)
  if (!/^[A-Z]/.test(t[1]) || (t.input !== m.text && /\b(former|ex)[\s-]*$/i.test(before.slice(0, t.index)))) return;
  const titleStart = t.input === m.text ? m.start : m.start - before.length + t.index;
  const prev = d.mentions.filter((x) => x.end <= titleStart).pop();
  if (prev && /^\s*$/.test(d.text.slice(prev.end, titleStart))) return;
  const c = countryNear(d, sen as any);
  if (c) out.push({ type: 'member_of', subject: m.entity, object: c.entity, evidence: sentenceSpan(sen as any), cue: m, conf: 0.6 });
}

/** "the government that ousted X": X led the one country of the sentence. */
function ousted(d: DocIndex, out: Cand[]): void {
  for (let i = 0; i < d.tokens.length; i++) {
    if (!/^(oust|overthr|depos|toppl)/i.test(d.lower(i)) || d.tokens[i].pos === 'NOUN') continue;
    let k = i + 1;
    while (k < d.tokens.length && k <= i + 4 && !d.mentionAt[k] && /^(DET|ADJ|NOUN|PROPN)$/.test(d.tokens[k].pos) && !/^(the|a)$/i.test(d.tokens[k + 1]?.text ?? '')) k++;
    const m = d.mentionAt[k];
    if (!m || typeOf(d, m) !== 'PERSON') continue;
    const sen = d.sentenceOfToken(i);
    const countries = countriesIn(d, sen);
    if (countries.length === 1) out.push({ type: 'leader_of', subject: m.entity, object: countries[0].entity, evidence: sentenceSpan(sen), cue: { start: d.tokens[i].start, end: m.end }, conf: 0.5 });
  }
}

/** Country mentions of a sentence, one per entity, in order. */
function countriesIn(d: DocIndex, sen: { start: number; end: number }): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const x of d.mentions) {
    if (x.start < sen.start || x.end > sen.end || seen.has(x.entity)) continue;
    const e = d.entity(x);
    if (e?.type === 'GPE' && (!e.geo || e.geo.feature === 'country')) { seen.add(x.entity); out.push(x); }
  }
  return out;
}

function stateTitle(d: DocIndex, m: Mention, k: number, out: Cand[]): void {
  const before = d.text.slice(Math.max(0, m.start - 40), m.start);
  const inside = /^(President|Prime Minister|King|Queen|Chancellor|Premier|Emir|Sultan)\s/.exec(m.text);
  const t = inside ?? /\b(President|Prime Minister|King|Queen|Chancellor|Premier|Emir|Sultan)\s+$/.exec(before)
    ?? /\bthe\s+(president|prime minister|king|queen|chancellor|premier|emir|sultan)\s*,?\s*$/i.exec(before);
  if (!t) return;
  // a modifier before the title ("Afghan President", "former President") decides otherwise
  const pre = inside ? before : before.slice(0, before.length - t[0].length);
  if (/\b(former|ex|late|vice|deputy|then)[\s-]*$/i.test(pre)) return;
  const prev = d.mentions[k - 1];
  if (prev && d.text.slice(prev.end, m.start - (inside ? 0 : t[0].length)).trim() === '') return;
  const sen = d.sentenceOfToken(d.tokenIndexAt(m.start));
  const countries = countriesIn(d, sen);
  let country: Mention | undefined;
  if (countries.length === 1) country = countries[0];
  else if (!countries.length) country = countryNear(d, sen);
  else if (countries.length > 1) {
    // "The U.S. will keep its base ... after troops leave Syria under President X": the country the sentence opens with
    const c = countries[0];
    const first = d.tokenRange(c)[0];
    if (c.end <= m.start && first <= sen.firstToken + 1 && !d.isLocative(c)) country = c;
  }
  if (!country) {
    // "The president X" in an article about one country: that country's head, unless X is named another's
    const main = !countries.length && /^(president|prime minister|king|emir)$/i.test(t[1]) ? mainCountry(d) : undefined;
    if (main) out.push({ type: 'leader_of', subject: m.entity, object: main.id, evidence: sentenceSpan(sen), cue: { start: m.start, end: m.end }, conf: 0.5, fallback: true });
    return;
  }
  out.push({ type: 'leader_of', subject: m.entity, object: country.entity, evidence: sentenceSpan(sen), cue: { start: m.start, end: m.end }, conf: 0.6 });
}

const NOMINAL_BODY: Record<string, RegExp> = {
  army: /\b(army|armed forces|military|defen[cs]e forces)\b/i, military: /\b(army|armed forces|military|defen[cs]e forces)\b/i,
  'armed forces': /\b(army|armed forces|military)\b/i, police: /\bpolice\b/i, government: /\b(government|cabinet|council)\b/i,
  navy: /\bnavy\b/i, 'air force': /\bair force\b/i, junta: /\b(junta|council)\b/i, ministry: /\bministry\b/i,
};
/** A role of a lower-case body ("army spokesman X") held in the one organisation of the article that body names. */
function nominalHolder(d: DocIndex, n: Mention, out: Cand[]): void {
  const sen = d.sentenceOfToken(d.tokenIndexAt(n.start));
  const before = d.text.slice(Math.max(sen.start, n.start - 60), n.start);
  const r = NOMINAL_HOLDER.exec(before);
  if (!r) return;
  const word = r[1].toLowerCase().replace(/\s+/g, ' ');
  const at = n.start - before.length + r.index;
  // "the Rwandan government spokesperson X", "Malian army chief X": the nationality names the state
  const prev = d.mentions.filter((x) => x.end <= at).pop();
  const norp = prev && /^\s*$/.test(d.text.slice(prev.end, at)) && (typeOf(d, prev) === 'NORP' || isCountry(d, prev)) ? prev : undefined;
  if (prev && !norp && /^\s*$/.test(d.text.slice(prev.end, at))) return;
  const group = BODY_KIND[word] === 'group';
  let id = resolveBody(d, word, n.start, norp);
  if (!id && !group) {
    const re = NOMINAL_BODY[word];
    const cands = d.ctx.entities.filter((e) => e.type === 'ORG' && e.mentions.length && re?.test(e.name));
    if (cands.length === 1) id = cands[0].id;
  }
  if (!id) return;
  // "rebel commander X" is one of the rebels' commanders; "the group's leader X" leads it
  const type = roleRelation(r[3], group ? !!r[2] : true, false);
  if (d.entityById.get(id)?.type === 'GPE' && type !== 'leader_of' && type !== 'member_of' && type !== 'spokesperson_for') return;
  if (d.entityById.get(id)?.type === 'GPE' && type === 'leader_of' && !STATE_TITLE.test(r[3])) return;
  out.push({ type, subject: n.entity, object: id, evidence: sentenceSpan(sen), cue: n, conf: 0.6 });
}

/** The one country named in a sentence, else in the two before it (same paragraph). */
function countryNear(d: DocIndex, sen: { index: number; start: number; end: number }): Mention | undefined {
  const here = countriesIn(d, sen);
  if (here.length) return here.length === 1 ? here[0] : undefined;
  for (let k = sen.index - 1; k >= Math.max(0, sen.index - 2); k--) {
    const s = d.sentences[k];
    if (d.text.slice(s.end, d.sentences[k + 1].start).includes('\n')) break;
    const cs = countriesIn(d, s);
    if (cs.length) return cs.length === 1 ? cs[0] : undefined;
  }
  return undefined;
}

/** Branches named after their parent, units of larger bodies, districts of provinces. */
function structure(d: DocIndex, out: Cand[]): void {
  const ms = d.mentions;
  const orgNames = new Map<string, string>();
  for (const e of d.ctx.entities) if (e.type === 'ORG') for (const n of [e.name, ...e.aliases]) orgNames.set(norm(n), e.id);
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k], n = ms[k + 1];
    const sen = d.sentenceOfToken(d.tokenIndexAt(m.start));
    const ev = sentenceSpan(sen);
    // "Al Qaeda in the Indian Subcontinent": a name that is another group's name + "in <region>"
    const inName = /^(.+?)\s+(?:in|of)\s+(?:the\s+)?(?:Islamic\s+)?[A-Z][\w'’ -]+$/.exec(m.text);
    if (isOrg(d, m) && inName) {
      const parent = orgNames.get(norm(inName[1]));
      if (parent && parent !== m.entity) out.push({ type: 'part_of', subject: m.entity, object: parent, evidence: ev, cue: m, conf: 0.85 });
    }
    // split by the tagger: "Al Qaeda" + " in the " + "Indian Subcontinent" + " (" + "AQIS" + ")"
    const o = ms[k + 2];
    if (n && o && isOrg(d, m) && /^\s+in\s+(?:the\s+)?$/i.test(d.text.slice(m.end, n.start)) && /^\s*\(\s*$/.test(d.text.slice(n.end, o.start))
      && acronymOf(o.text, d.text.slice(m.start, n.end)) && o.entity !== m.entity) {
      out.push({ type: 'part_of', subject: o.entity, object: m.entity, evidence: ev, cue: { start: m.start, end: o.end }, conf: 0.8 });
    }
    if (!n) continue;
    const gap = d.text.slice(m.end, n.start);
    groupPairs(d, m, n, ms[k + 2], gap, ev, out);
    // "the 215 Maiwand Corps of the Afghan Army" (the cleaner may leave "of the. Afghan Army")
    if (isOrg(d, m) && isOrg(d, n) && /^\s+of\s+(?:the\.?\s+)?$/i.test(gap) && (UNIT_WORD.test(m.text) || d.entity(m)?.subtype === 'military_unit')) {
      out.push({ type: 'part_of', subject: m.entity, object: n.entity, evidence: ev, cue: { start: m.start, end: n.end }, conf: 0.8 });
    }
    // "Nahr-e-Seraj district of Helmand province"
    if (d.isPlaceMention(m) && d.isPlaceMention(n) && PLACE_OF.test(gap) && /\b(district|province|county|city|town|village|region|governorate|prefecture|municipality)\b/i.test(m.text + gap + n.text + d.text.slice(n.end, n.end + 12))) {
      out.push({ type: 'part_of', subject: m.entity, object: n.entity, evidence: ev, cue: { start: m.start, end: n.end }, conf: 0.8 });
    }
  }
}

const BRANCH_APPOS = /^\s*,\s*(?:(?:which|that)\s+is\s+)?(?:(?:a|an|the|one|its)\s+)?(?:[\p{L}-]+\s+){0,2}?(?:branch|faction|wing|unit|affiliate|offshoot|subsidiary|arm|division|brigade|battalion|regiment|component|splinter\s+group|cell|part|member\s+group|constituent)\s+(?:of|within|in)\s+(?:the\s+)?$/iu;
const ALLY_POSS = /^['’]s\s+(?:[\p{L}-]+\s+)?(?:ally|allies|partner|partners)\s*,?\s*(?:the\s+)?$/iu;
const ALLY_APPOS = /^\s*,\s*(?:(?:a|an|the|its|their)\s+)?(?:[\p{L}-]+\s+)?(?:ally|allies|partner)\s+(?:of|to)\s+(?:the\s+)?$/iu;
const isGroup = (d: DocIndex, m: Mention | undefined) => !!m && (isOrg(d, m) || isCountry(d, m));

/** Ties stated by the words between two adjacent names: branches, units of a group, allies. */
function groupPairs(d: DocIndex, m: Mention, n: Mention, o: Mention | undefined, gap: string, ev: Span, out: Cand[]): void {
  const cue = { start: m.start, end: n.end };
  // "X, a faction of Y", "X, part of Y"
  if (isOrg(d, m) && isGroup(d, n) && BRANCH_APPOS.test(gap)) out.push({ type: 'part_of', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.75 });
  // "Y's Badr Brigade"
  if (isOrg(d, m) && isOrg(d, n) && /^['’]s\s+(?:the\s+)?$/.test(gap) && UNIT_WORD.test(n.text) && !UNIT_WORD.test(m.text.split(/\s+/).pop() ?? '')) {
    out.push({ type: 'part_of', subject: n.entity, object: m.entity, evidence: ev, cue, conf: 0.7 });
  }
  // "X's ally, the Y", "X, an ally of Y"
  if (isGroup(d, m) && isGroup(d, n) && (ALLY_POSS.test(gap) || ALLY_APPOS.test(gap))) out.push({ type: 'allied_with', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
  // "X and Y, which are allied"
  if (isGroup(d, m) && isGroup(d, n) && /^\s*,?\s+and\s+(?:the\s+)?$/i.test(gap)
    && /^\s*,?\s*(?:(?:which|who)\s+)?(?:are|were|have\s+been|had\s+been)\s+(?:now\s+|long\s+|closely\s+)?(?:allied|allies|aligned)\b/i.test(d.text.slice(n.end, n.end + 50))) {
    out.push({ type: 'allied_with', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
  }
  // "an alliance of X and Y", "clashes between X and Y", "war between X and Y"
  const pre = d.text.slice(Math.max(0, m.start - 40), m.start);
  if (isGroup(d, m) && isGroup(d, n) && /^\s*,?\s+and\s+(?:the\s+)?$/i.test(gap)) {
    if (/\b(alliance|coalition|partnership|pact)\s+(?:of|between)\s+(?:the\s+)?$/i.test(pre)) out.push({ type: 'allied_with', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
    if (/\b(clash|clashes|fighting|battles?|war|conflict|hostilities|skirmishes|confrontations?|fight)\s+between\s+(?:the\s+)?$/i.test(pre)) out.push({ type: 'opposes', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
  }
  void o;
}

/** Where places and institutions are: "southern Syria's al-Tanf", "HAYWARD, Calif.", "the X Institute in Washington", "Fort Worth Police Department", and "U.S.-backed" support. */
function settings(d: DocIndex, out: Cand[]): void {
  const ms = d.mentions;
  const rank = (m: Mention) => RANK[d.entity(m)?.geo?.feature ?? ''] ?? 0;
  const geoFits = (inner: Mention, outer: Mention) => {
    const a = d.entity(inner)?.geo, b = d.entity(outer)?.geo;
    if (!a || !b) return true;
    if (a.country !== b.country) return false;
    return b.feature !== 'admin1' || !a.admin1 || a.admin1 === b.admin1;
  };
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k], n = ms[k + 1];
    const sen = d.sentenceOfToken(d.tokenIndexAt(m.start));
    const ev = sentenceSpan(sen);
    if (n && d.isPlaceMention(m) && d.isPlaceMention(n) && m.entity !== n.entity) {
      const gap = d.text.slice(m.end, n.start);
      // "Syria's al-Tanf": a place inside a larger one
      if (/^['’]s\s+$/.test(gap) && rank(m) >= 3 && rank(n) < rank(m) && geoFits(n, m)) {
        out.push({ type: 'located_in', subject: n.entity, object: m.entity, evidence: ev, cue: { start: m.start, end: n.end }, conf: 0.75 });
      }
      // "Hayward, Calif.", "Kabul, Afghanistan" (not a list "Ohio, Michigan and Pennsylvania")
      if (/^\s*,\s*$/.test(gap) && rank(m) < 4 && !/^\s*,?\s*(and|or)\b/i.test(d.text.slice(n.end, n.end + 6)) && !(ms[k - 1] && d.isPlaceMention(ms[k - 1]) && /^\s*,\s*$/.test(d.text.slice(ms[k - 1].end, m.start)))) {
        const known = rank(n) > rank(m) && rank(n) >= 3 && geoFits(m, n);
        const abbrev = !d.entity(n)?.geo && /^[A-Z][a-z]{1,5}$/.test(n.text) && d.text[n.end] === '.';
        // a wire dateline "BAMAKO, Mali (AP) —" says where the reporter was: informative only if the place recurs
        const dateline = /(^|\n)\s*$/.test(d.text.slice(Math.max(0, m.start - 3), m.start)) && /^\s*(?:\([^)\n]{1,40}\))?\s*[—–-]/.test(d.text.slice(n.end).replace(/^\./, ''));
        const recurs = d.mentions.some((x) => x.entity === m.entity && x !== m && (x.start >= n.end || x.end <= m.start - 60));
        if ((known || abbrev) && (!dateline || recurs)) out.push({ type: 'located_in', subject: m.entity, object: n.entity, evidence: ev, cue: { start: m.start, end: n.end }, conf: 0.75 });
      }
    }
    if (n && isOrg(d, m) && d.isPlaceMention(n)) {
      const gap = d.text.slice(m.end, n.start);
      // "the American Enterprise Institute in Washington", "X, based in Y"
      if ((/^\s+in\s+(?:the\s+)?$/i.test(gap) && INSTITUTION.test(m.text)) || /^\s*,?\s*(?:which\s+is\s+|that\s+is\s+)?(?:based|headquartered|located)\s+in\s+(?:the\s+)?$/i.test(gap)) {
        out.push({ type: 'located_in', subject: m.entity, object: n.entity, evidence: ev, cue: { start: m.start, end: n.end }, conf: 0.7 });
      }
    }
    // "U.S.-backed rebels", "Iran-backed militia": the backer supports the group
    if (n && d.isActor(m) && d.isActor(n) && /^-?(backed|funded|sponsored|supported|armed|trained)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(d.text.slice(m.end, n.start))) {
      const trains = /trained/i.test(d.text.slice(m.end, n.start));
      out.push({ type: trains ? 'trains' : 'supports', subject: m.entity, object: n.entity, evidence: ev, cue: { start: m.start, end: n.end }, conf: 0.7 });
    }
  }
  // "Fort Worth Police Department": an institution named after its place
  const places = d.ctx.entities.filter((e) => e.type === 'GPE' || e.type === 'LOC');
  for (const e of d.ctx.entities) {
    if (e.type !== 'ORG') continue;
    for (const p of places) {
      const pn = [p.name, ...p.aliases].find((x) => x.length > 2 && e.name.startsWith(x + ' '));
      if (!pn) continue;
      const rest = e.name.slice(pn.length + 1);
      const country = p.geo?.feature === 'country';
      const type: RelationType | null = country ? (GOV_BODY.test(rest) ? 'part_of' : null) : INSTITUTION.test(rest) || GOV_BODY.test(rest) ? 'located_in' : null;
      const m = d.mentions.find((x) => x.entity === e.id);
      if (!type || !m) continue;
      const sen = d.sentenceOfToken(d.tokenIndexAt(m.start));
      out.push({ type, subject: e.id, object: p.id, evidence: sentenceSpan(sen), cue: m, conf: 0.7 });
      break;
    }
  }
  // "Austria's interior minister said ... the Interior Ministry": the ministry belongs to that country
  const mins = ministries(d);
  if (mins.size) {
    for (const x of ms) {
      if (!isCountry(d, x)) continue;
      const r = /^['’]s\s+([\p{L}-]+)\s+minist(?:er|ry)\b/iu.exec(d.text.slice(x.end, x.end + 40));
      const min = r && mins.get(r[1].toLowerCase());
      if (!min) continue;
      const sen = d.sentenceOfToken(d.tokenIndexAt(x.start));
      out.push({ type: 'part_of', subject: min, object: x.entity, evidence: sentenceSpan(sen), cue: x, conf: 0.7 });
    }
  }
}

function acronymOf(acr: string, name: string): boolean {
  if (!/^[A-Z]{2,6}$/.test(acr)) return false;
  const initials = name.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');
  return initials === acr;
}
const norm = (s: string) => s.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');

// ---- verb and statement cues ----

interface Cue {
  type: RelationType;
  /** stems of consecutive words */
  seq: string[];
  /** where the object is: the next actor, or after one of these prepositions */
  obj: 'right' | RegExp;
  conf: number;
  /** the subject is the object of "by" ("backed by X") */
  inverse?: boolean;
  /** words required within the next few tokens */
  near?: RegExp;
  verb?: boolean;
}
const CUES: Cue[] = [
  { type: 'trains', seq: ['train'], obj: /^by$/i, conf: 0.75, inverse: true, verb: true },
  { type: 'trains', seq: ['train'], obj: 'right', conf: 0.75, verb: true },
  { type: 'pledged_allegiance_to', seq: ['pledge|swear|take|give', 'an|a', 'oath', 'of', 'allegiance|loyalty|fealty'], obj: /^to$/i, conf: 0.85 },
  { type: 'pledged_allegiance_to', seq: ['pledge|swear', 'loyalty|fealty|allegiance'], obj: /^to$/i, conf: 0.85 },
  { type: 'supports', seq: ['support|backing|funding|assistance|sponsorship|arms|weapons'], obj: /^from$/i, conf: 0.6, inverse: true },
  { type: 'opposes', seq: ['fight|attack|battl|ambush|target|shell|bomb|raid|assault'], obj: 'right', conf: 0.6, verb: true },
  { type: 'opposes', seq: ['offensive|operation|operations|attack|attacks|assault|offensives|crackdown|strikes|raids|campaign', 'against'], obj: /^against$/i, conf: 0.6 },
  { type: 'harbors', seq: ['harbor|harbour|shelter|host'], obj: 'right', conf: 0.75, verb: true },
  { type: 'pledged_allegiance_to', seq: ['pledge|swear|declare|give', 'allegiance|loyalty|bayat'], obj: /^to$/i, conf: 0.85 },
  { type: 'pledged_allegiance_to', seq: ['pledge|swear|declare|give', 'their|its|his', 'allegiance|loyalty'], obj: /^to$/i, conf: 0.85 },
  { type: 'recruits_from', seq: ['recruit'], obj: /^(from|among)$/i, conf: 0.75, verb: true },
  { type: 'kinship_with', seq: ['marri|wed|intermarri'], obj: 'right', conf: 0.7, near: /^(daughters?|sons?|sisters?|widows?|women|families|wives|into)$/i },
  { type: 'allied_with', seq: ['align|alli'], obj: /^with$/i, conf: 0.7 },
  { type: 'allied_with', seq: ['close|strong|deep|longstanding|long-standing', 'ties|links|relations|relationship|bonds'], obj: /^(with|to)$/i, conf: 0.65 },
  { type: 'allied_with', seq: ['alliance'], obj: /^with$/i, conf: 0.7 },
  { type: 'supports', seq: ['back|support|sponsor'], obj: /^by$/i, conf: 0.65, inverse: true, verb: true },
  { type: 'supports', seq: ['assist|support|fund|finance|arm|sponsor|equip|back'], obj: 'right', conf: 0.6, verb: true },
  { type: 'fights_alongside', seq: ['fight|battl', 'alongside'], obj: /^alongside$/i, conf: 0.75 },
  { type: 'fights_alongside', seq: ['fight|battl', 'together'], obj: 'right', conf: 0.75 },
  { type: 'opposes', seq: ['war|struggl|jihad|fight|campaign|insurgenci', 'against'], obj: /^against$/i, conf: 0.6 },
];
const CUES_STEMMED = CUES.map((c) => ({ ...c, alts: c.seq.map((w) => new Set(w.split('|').map(stem))) })).sort((a, b) => b.seq.length - a.seq.length);
/** The cues a token can start, by its stem. */
const CUES_BY_FIRST = byFirstStem(CUES_STEMMED);

function verbCues(d: DocIndex, out: Cand[]): void {
  for (let i = 0; i < d.tokens.length; i++) {
    const starts = CUES_BY_FIRST.get(d.stems[i]);
    if (!starts) continue;
    for (const c of starts) {
      const j = matchSeq(d, c.alts, i);
      if (j < 0) continue;
      // a present "-s" form right after a name is a verb whatever the tagger said ("The Guard Corps trains fighters")
      if (c.verb && d.tokens[i].pos !== 'VERB' && !/(ing|ed)$/i.test(d.lower(i)) && !(/s$/i.test(d.lower(i)) && d.mentionAt[i - 1] && d.isActor(d.mentionAt[i - 1]) && /^(DET|NOUN|ADJ|NUM|PRON)$/.test(d.tokens[i + 1]?.pos ?? ''))) continue;
      if (c.type === 'trains' && /^(camp|camps|ground|station)$/i.test(d.lower(j + 1))) continue;
      // "X is trained by Y", "trained at camps run by Y": the trainer follows "by"; active "Y trains X" has no "by"
      if (c.seq.length === 1 && (c.type === 'trains' || c.type === 'supports') && c.verb) {
        const pass = passiveCue(d, i);
        if (c.obj === 'right' && pass) continue;
        if (c.obj !== 'right' && c.type === 'trains' && !pass) continue;
      }
      if (c.type === 'opposes' && c.verb) {
        // "fighting alongside/with/for X", "fought back", nominal "the attack", "fighters"
        if (/^(alongside|with|for|together|back|off|on|over|to|in|at|near|against|across|through|from)$/i.test(d.lower(j + 1)) || passiveCue(d, i) || /^(fighter|fighters|attacker|attackers)$/i.test(d.lower(i))) continue;
        if (!/^(VERB)$/.test(d.tokens[i].pos) || /^(the|a|an|its|their|his|her)$/i.test(d.lower(i - 1))) continue;
        // "require them to fight X", "would attack X": a purpose or a possibility, not a fight
        if (/^(to|will|would|could|might|may|should|must|can|cannot)$/i.test(d.lower(i - 1)) || /^(to|will|would|could|might|may|should|must|can)$/i.test(d.lower(i - 2)) && d.tokens[i - 1].pos === 'ADV') continue;
      }
      if (c.type === 'supports' && c.obj !== 'right' && !c.verb && !/^from$/i.test(d.lower(j + 1))) continue;
      if (c.near && !d.tokens.slice(j + 1, j + 5).some((t) => c.near!.test(t.text))) continue;
      if (negated(d, i)) continue;
      const cand = cueRelation(d, c, i, j);
      if (cand) { out.push(cand); break; }
    }
  }
}

/** A passive verb: "is trained by", "were trained at camps run by Y". */
function passiveCue(d: DocIndex, i: number): boolean {
  const w = d.lower(i);
  if (/ing$/.test(w)) return false;
  if (/^(is|are|was|were|be|been|being|get|got)$/i.test(d.lower(i - 1)) || (/^(is|are|was|were|be|been|being)$/i.test(d.lower(i - 2)) && d.tokens[i - 1].pos === 'ADV')) return true;
  if (/^by$/i.test(d.lower(i + 1))) return true;
  return /^(at|in)$/i.test(d.lower(i + 1)) && /\b(run|operated|set\s+up|organi[sz]ed|by)\b/i.test(d.text.slice(d.tokens[i].end, d.tokens[Math.min(d.tokens.length - 1, i + 6)].end));
}

function matchSeq(d: DocIndex, alts: Set<string>[], i: number): number {
  let k = i;
  for (const a of alts) {
    if (k >= d.tokens.length || d.tokens[k].sentence !== d.tokens[i].sentence || !a.has(d.stems[k])) return -1;
    k++;
  }
  return k - 1;
}

function negated(d: DocIndex, i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (/^(not|n't|never|no|without|sever|severed|cut|deny|denies|denied|denying|rejected|rejects|dismissed)$/i.test(d.tokens[k].text)) return true;
    if (d.tokens[k].sentence !== d.tokens[i].sentence) break;
  }
  return false;
}

function cueRelation(d: DocIndex, c: Cue, i: number, j: number): Cand | null {
  const sen = d.sentenceOfToken(i);
  let obj: Arg | null;
  if (c.obj === 'right') obj = d.rightArg(j, new Set());
  else if (c.obj.source === '^from$') {
    // "support from Ethiopia": a country after "from" is the giver here, not a setting
    let k = j + 2;
    if (/^the$/i.test(d.lower(k))) k++;
    const m = d.mentionAt[k];
    obj = m && d.isActor(m) ? d.argAt(k, new Set()) : d.prepArg(j, c.obj, new Set(), 3);
  } else obj = c.obj.test(d.tokens[j].text) ? d.rightArg(j, new Set(), 6) : d.prepArg(j, c.obj, new Set(), 8);
  // "the Syrian opposition forces known as X": the name after "known as" is the object
  {
    const from = obj ? obj.tokens[1] + 1 : j + 1;
    for (let k = from; k <= Math.min(d.sentenceOfToken(j).lastToken, from + 5); k++) {
      if (/^(as|called|dubbed|named)$/i.test(d.lower(k)) && (d.lower(k) !== 'as' || /^(known|referred)$/i.test(d.lower(k - 1)))) {
        const at = /^the$/i.test(d.lower(k + 1)) ? k + 2 : k + 1;
        const m = d.mentionAt[at];
        if (m && isOrg(d, m)) obj = d.argAt(at, new Set());
        break;
      }
      if (/^[,;:]$/.test(d.tokens[k].text) || d.tokens[k].pos === 'VERB' && !/^(known|called|dubbed|named)$/i.test(d.lower(k))) break;
    }
  }
  let subj: Arg | null = null;
  // "X and Y are fighting together": the coordination is the pair
  if (c.seq[1] === 'together') {
    const y = d.leftArg(i, new Set());
    if (y?.mention) {
      let k = d.tokenRange(y.mention)[0] - 1;
      if (/^the$/i.test(d.tokens[k]?.text ?? '')) k--;
      if (/^(and|&)$/i.test(d.tokens[k]?.text ?? '')) { subj = d.leftArg(k, new Set([y.entity ?? '']), 4); obj = y; }
    }
    if (!subj) return null;
  } else {
    const ex = new Set(obj?.entity ? [obj.entity] : []);
    // a verb may share its subject with an earlier one ("They are fighting, but also training X")
    subj = d.subjectOf(i, ex) ?? (c.verb ? d.leftArg(i, ex) : null);
  }
  if (!subj?.entity || !obj?.entity || subj.entity === obj.entity) return null;
  if (!relatable(d, subj.entity) || !relatable(d, obj.entity)) return null;
  const [s, o] = c.inverse ? [obj.entity, subj.entity] : [subj.entity, obj.entity];
  return { type: c.type, subject: s, object: o, evidence: sentenceSpan(sen), cue: { start: d.tokens[i].start, end: d.tokens[j].end }, conf: c.conf };
}

/** Actors that can hold a tie: organisations, people and states, not nationalities or plain places. */
function relatable(d: DocIndex, id: string): boolean {
  const e: Entity | undefined = d.entityById.get(id);
  if (!e) return false;
  if (e.type === 'ORG' || e.type === 'PERSON') return true;
  return e.type === 'GPE' && (!e.geo || e.geo.feature === 'country');
}

// ---- merging ----

function mergeCands(d: DocIndex, cands: Cand[]): Relation[] {
  const byKey = new Map<string, Relation>();
  const out: Relation[] = [];
  for (const c0 of cands) {
    if (c0.subject === c0.object || !d.entityById.has(c0.subject) || !d.entityById.has(c0.object)) continue;
    const c = placeOrder(d, c0);
    if (!fitsSignature(c.type, d.entityById.get(c.subject)!.type, d.entityById.get(c.object)!.type)) continue;
    const [s, o] = SYMMETRIC.has(c.type) ? ordered(c.subject, c.object) : [c.subject, c.object];
    const key = `${c.type}|${s}|${o}`;
    let r = byKey.get(key);
    if (!r) {
      r = { id: '', type: c.type, subject: s, object: o, evidence: [], sources: [], confidence: c.conf };
      byKey.set(key, r); out.push(r);
    } else r.confidence = Math.min(0.99, Math.max(r.confidence, c.conf) + 0.05);
    if (!r.evidence.some((e) => e.start === c.evidence.start && e.end === c.evidence.end)) r.evidence.push(c.evidence);
    const q = d.quoteAt(c.cue);
    for (const s of [q?.source, ...(c.sources ?? [])]) if (s && !r.sources.includes(s)) r.sources.push(s);
  }
  // the same pair asserted as fights_alongside need not also be allied_with from weaker cues: keep both (different claims)
  out.forEach((r, k) => { r.id = `r${k + 1}`; r.confidence = Math.round(r.confidence * 100) / 100; });
  return out;
}

// ---- type signatures: a pattern that matched the wrong kinds of entity is a misreading ----

const ACTOR: EntityType[] = ['PERSON', 'ORG', 'GPE', 'NORP'];
const PLACE: EntityType[] = ['GPE', 'LOC'];
const SIGNATURE: Record<RelationType, [EntityType[], EntityType[]]> = {
  member_of: [['PERSON', 'ORG', 'GPE'], ['ORG', 'GPE']],
  leader_of: [['PERSON'], ['ORG', 'GPE']],
  founder_of: [['PERSON', 'ORG', 'GPE'], ['ORG']],
  part_of: [['ORG', 'GPE', 'LOC'], ['ORG', 'GPE', 'LOC']],
  allied_with: [ACTOR, ACTOR],
  fights_alongside: [ACTOR, ACTOR],
  opposes: [ACTOR, ACTOR],
  trains: [ACTOR, ['PERSON', 'ORG', 'NORP']],
  harbors: [ACTOR, ['PERSON', 'ORG', 'NORP']],
  supports: [ACTOR, ACTOR],
  kinship_with: [['PERSON', 'ORG', 'NORP'], ['PERSON', 'ORG', 'NORP']],
  pledged_allegiance_to: [['PERSON', 'ORG', 'NORP'], ['PERSON', 'ORG']],
  recruits_from: [['ORG', 'PERSON', 'GPE'], ['ORG', 'NORP', 'GPE', 'LOC']],
  affiliated_with: [['PERSON', 'ORG'], ['ORG', 'GPE']],
  located_in: [['ORG', 'GPE', 'LOC', 'EVENT'], PLACE],
  spokesperson_for: [['PERSON'], ['ORG', 'GPE', 'PERSON']],
};

/** Does the relation type accept these entity types (e.g. nobody "harbors" a country; kinship ties persons or groups)? */
export function fitsSignature(type: RelationType, subject: EntityType, object: EntityType): boolean {
  const [subj, obj] = SIGNATURE[type];
  if (!subj.includes(subject) || !obj.includes(object)) return false;
  // kinship ties people to people or groups to groups
  if (type === 'kinship_with' && (subject === 'PERSON') !== (object === 'PERSON')) return false;
  return true;
}

const GEO_RANK: Record<string, number> = { city: 1, admin2: 2, admin1: 3, region: 3, country: 4 };
/** Containment between two resolved places runs from the smaller to the larger ("El Fasher ... Darfur"). */
function placeOrder(d: DocIndex, c: Cand): Cand {
  if (c.type !== 'part_of' && c.type !== 'located_in') return c;
  const a = d.entityById.get(c.subject)?.geo, b = d.entityById.get(c.object)?.geo;
  if (!a || !b) return c;
  const ra = GEO_RANK[a.feature] ?? 0, rb = GEO_RANK[b.feature] ?? 0;
  return ra > rb && rb > 0 ? { ...c, subject: c.object, object: c.subject } : c;
}

// ---- bodies named by a common noun: "the government", "the movement", "the army" ----

/** Mentions per entity (documents from the pipeline and from tests alike). */
function mentionCounts(d: DocIndex): Map<string, number> {
  const c = new Map<string, number>();
  for (const m of d.mentions) c.set(m.entity, (c.get(m.entity) ?? 0) + 1);
  return c;
}

/** The country code a country entity stands for, or a nationality word / name's first word names. */
function codeOf(e: Entity | undefined): string | undefined {
  if (!e) return undefined;
  if (e.type === 'GPE') return e.geo?.feature === 'country' ? e.geo.country : undefined;
  if (e.type === 'NORP') return lookupNorp(e.name)?.country;
  return undefined;
}

/** The country entity of a country code. */
function countryByCode(d: DocIndex, code: string | undefined): Entity | undefined {
  if (!code) return undefined;
  return d.ctx.entities.find((e) => e.type === 'GPE' && e.geo?.feature === 'country' && e.geo.country === code);
}

/**
 * The article's main country: the country entity named most (its nationality words count too), when
 * it clearly leads (half again as many mentions as the next).
 */
function mainCountry(d: DocIndex): Entity | undefined {
  const score = new Map<string, number>();
  for (const m of d.mentions) {
    const e = d.entity(m);
    const code = e?.type === 'NORP' ? lookupNorp(m.text)?.country ?? codeOf(e) : codeOf(e);
    const c = countryByCode(d, code);
    if (c) score.set(c.id, (score.get(c.id) ?? 0) + 1);
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  if (!ranked.length || ranked[0][1] < 2 || (ranked[1] && ranked[0][1] < 1.5 * ranked[1][1])) return undefined;
  return d.entityById.get(ranked[0][0]);
}

/** Does an organisation's name tie it to a country ("Sudanese Armed Forces", "Government of Mali")? */
/** A country name as a whole word of another name (one compiled pattern per name, bounded). */
const namePattern = memoize((c: string) => new RegExp(`(^|[^\\p{L}])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(['’]s)?([^\\p{L}]|$)`, 'iu'), 5000);
function tiedTo(e: Entity, country: Entity): boolean {
  const code = country.geo?.country;
  const cnames = [country.name, ...country.aliases].map((x) => x.toLowerCase());
  return [e.name, ...e.aliases].some((n) => {
    const l = n.toLowerCase();
    if (cnames.some((c) => c.length > 2 && namePattern(c).test(l))) return true;
    return n.split(/[\s-]+/).some((w) => /^[A-Z]/.test(w) && !!code && lookupNorp(w)?.country === code);
  });
}

const BODY_NAME: Record<string, RegExp> = {
  government: /\b(government|junta|regime|cabinet|presidency|transitional\s+(?:military\s+)?council)\b/i,
  army: /\b(army|armed\s+forces|military|defen[cs]e\s+forces|forces\s+armées)\b/i,
  police: /\b(police|gendarmerie)\b/i,
};
const BODY_KIND: Record<string, string> = {
  government: 'government', presidency: 'government', junta: 'government', regime: 'government', authorities: 'government',
  army: 'army', military: 'army', 'armed forces': 'army', police: 'police',
  movement: 'group', group: 'group', rebels: 'group', rebel: 'group', rebellion: 'group', militia: 'group', organisation: 'group', organization: 'group', insurgents: 'group', jihadists: 'group',
};
/** The words of BODY_KIND, for patterns. */
const BODY_WORDS = 'government|presidency|junta|regime|army|military|armed\\s+forces|police|movement|group|rebels|rebel|rebellion|militia|organi[sz]ation';

const GROUP_SUBTYPES = new Set(['armed_group', 'other', 'political_party']);
/**
 * The organisation or state a common noun stands for at an offset: "the government" is the main
 * country's (or the named nationality's) government entity, else the country; "the army" its army
 * entity; "the movement"/"the group"/"the rebels" the armed group most named in the paragraph.
 */
function resolveBody(d: DocIndex, word: string, at: number, norp?: Mention): string | null {
  const kind = BODY_KIND[word.toLowerCase().replace(/\s+/g, ' ')];
  if (!kind) return null;
  const counts = mentionCounts(d);
  if (kind === 'group') {
    const para = paragraphAt(d, at);
    const inPara = new Map<string, number>();
    let nearest: string | null = null;
    for (const m of d.mentions) {
      if (m.start < para.start || m.end > para.end) continue;
      const e = d.entity(m);
      if (!e || e.type !== 'ORG' || d.isPlaceMention(m) || (e.subtype && !GROUP_SUBTYPES.has(e.subtype))) continue;
      if (e.subtype === 'other' && !/\b(rebel|militia|group|movement|front|army|forces|brigade|jihad|insurg)/i.test(d.text.slice(Math.max(para.start, m.start - 40), Math.min(para.end, m.end + 40)))) continue;
      inPara.set(e.id, (inPara.get(e.id) ?? 0) + 1);
      if (m.end <= at) nearest = e.id;
    }
    const ranked = [...inPara.entries()].sort((a, b) => b[1] - a[1] || (counts.get(b[0]) ?? 0) - (counts.get(a[0]) ?? 0));
    if (!ranked.length) {
      // none in the paragraph: the article's one leading armed group
      const armed = d.ctx.entities.filter((e) => e.type === 'ORG' && e.subtype === 'armed_group' && (counts.get(e.id) ?? 0) > 0)
        .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0));
      if (armed.length && (armed.length === 1 || (counts.get(armed[0].id) ?? 0) >= 2 * (counts.get(armed[1].id) ?? 0))) return armed[0].id;
      return null;
    }
    if (ranked.length > 1 && ranked[0][1] === ranked[1][1] && nearest) return nearest;
    return ranked[0][0];
  }
  const country = norp ? countryByCode(d, lookupNorp(norp.text)?.country ?? codeOf(d.entity(norp))) : mainCountry(d);
  const re = BODY_NAME[kind];
  const bodies = d.ctx.entities.filter((e) => e.type === 'ORG' && e.mentions.length && ([e.name, ...e.aliases].some((n) => re.test(n)) || describedAs(d, e.id, re)));
  const tied = country ? bodies.filter((e) => tiedTo(e, country)) : [];
  if (tied.length) return tied.sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0].id;
  // one untied body of that kind and no other country's: that one
  const untied = bodies.filter((e) => !d.ctx.entities.some((c) => c.type === 'GPE' && c.geo?.feature === 'country' && c !== country && tiedTo(e, c)));
  if (untied.length === 1 && (!norp || !country)) return untied[0].id;
  return kind === 'government' && country ? country.id : null;
}

/** An acronym introduced after its description: "the armed forces of Congo (FARDC)". */
function describedAs(d: DocIndex, id: string, re: RegExp): boolean {
  return d.mentions.some((x) => x.entity === id && /\(\s*$/.test(d.text.slice(Math.max(0, x.start - 3), x.start))
    && re.test(d.text.slice(Math.max(0, x.start - 60), x.start).split(/[.;]/).pop() ?? ''));
}

/** The paragraph (newline-delimited block) around an offset. */
function paragraphAt(d: DocIndex, at: number): Span {
  const s = d.text.lastIndexOf('\n', Math.max(0, at - 1));
  const e = d.text.indexOf('\n', at);
  return { start: s < 0 ? 0 : s + 1, end: e < 0 ? d.text.length : e };
}

// ---- news patterns: nominal bodies, heads of state, group ties, structure, places ----

const BODY_AFTER_ROLE = new RegExp(`\\b${ROLE}\\s+(?:of|for)\\s+(?:the\\s+)?(?:([\\p{L}-]+)\\s+)?(${BODY_WORDS})\\b`, 'iu');
/** "…, declared the spokesman of the government, X": the role and its nominal body before a name. */
const ROLE_BODY_BEFORE = new RegExp(`\\b${ROLE}\\s+(?:of|for)\\s+(?:the\\s+)?(?:([\\p{L}-]+)\\s+)?(${BODY_WORDS})\\s*,?${RANKS}\\s*,?\\s+$`, 'iu');
/** "X, spokesperson of the movement", "X, the government spokesman". */
const ROLE_BODY_AFTER = new RegExp(`^\\s*,\\s*(?:(?:the|a|an)\\s+)?(?:${ROLE}\\s+(?:of|for)\\s+(?:the\\s+)?(?:([\\p{L}-]+)\\s+)?(${BODY_WORDS})|(?:([\\p{L}-]+)\\s+)?(${BODY_WORDS})(?:['’]s?)?\\s+${ROLE})\\b`, 'iu');
const HEAD_OF_STATE_AFTER = /^\s*,\s*(?:(?:the|a|its|their)\s+)?(?:(?:country|nation)['’]s\s+)?(?:(?:junta|military|transitional)\s+(?:leader|ruler|chief|president)|head\s+of\s+(?:the\s+)?(?:junta|state)|(?:de\s+facto|interim|transitional)\s+(?:leader|ruler|president))\b/i;
const HEAD_OF_STATE_BEFORE = new RegExp(`\\b(?:(?:junta|military)\\s+(?:leader|ruler|chief)|(?:interim|transitional)\\s+president|head\\s+of\\s+(?:the\\s+)?(?:junta|state))\\s*,?${RANKS}\\s*,?\\s+$`, 'i');
const WHO_LEADS = /^\s*,\s*who\s+(?:now\s+|also\s+|currently\s+|still\s+|has\s+|had\s+)?(leads|led|heads|headed|runs|ran|commands|commanded|founded|co-founded|chairs|chaired|rules|ruled|governs|governed)\s+(?:the\s+)?$/i;
const SUPPORT_VERB = '(?:backs|backed|supports|supported|arms|armed|funds|funded|finances|financed|sponsors|sponsored|backing|supporting|arming|funding)';
const WHICH_BACKS = new RegExp(`^\\s*,\\s*(?:which|whom|that|who)\\s+(?:the\\s+)?$`, 'i');
const BACKS_AFTER = new RegExp(`^\\s+(?:(?:has|have|is|are|was|were|had|openly|reportedly|allegedly|long|also|still|been|accused\\s+of|said\\s+to)\\s+)*${SUPPORT_VERB}\\b`, 'i');
const AND_ALLIES = /^\s*,?\s+and\s+(?:its|their|his|her)\s+(?:[\p{L}-]+\s+)?(?:allies|ally|partners)\s*,?\s*(?:(?:including|notably|such\s+as)\s+)?(?:the\s+)?(?:[a-z][\p{L}-]*\s+){0,2}?(?:of\s+(?:the\s+)?)?$/u;
const ALLIED_WITH = /^\s*,\s*(?:(?:which|who)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:(?:closely|long|now|loosely|reportedly)\s+)?(?:allied|aligned)\s+(?:with|to)\s+(?:the\s+)?$/i;
const ORG_MEMBER = /^\s*,\s*(?:(?:which|that)\s+is\s+)?(?:a|an|one)\s+(?:(?:founding|key|leading|prominent|full)\s+)?member\s+(?:of|in)\s+(?:the\s+)?$/i;
const ARM_OF = /^['’]s\s+(?:[\p{L}-]+\s+){0,2}?(?:arm|wing|branch|unit|affiliate|faction|offshoot|division|proxy)\b/iu;
const UMBRELLA = /^\s*,\s*(?:(?:which|that)\s+is\s+)?(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:umbrella|coalition|alliance|grouping|platform|bloc)\b[^.;:()]{0,50}?\b(?:including|includes|included|comprising|comprises|that\s+includes|which\s+includes|made\s+up\s+of|bringing\s+together|of)\s+(?:the\s+)?(?:[a-z][\p{L}-]*\s+){0,2}?$/u;
const LIST_GAP = /^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*,?\s*as\s+well\s+as\s+)(?:the\s+)?(?:[a-z][\p{L}-]*\s+){0,1}?$/u;
/** National institutions that belong to a state. */
const NATIONAL_BODY = /\b(army|armed\s+forces|military|defen[cs]e\s+forces|police|gendarmerie|navy|air\s+force|national\s+guard|security\s+forces|forces\s+armées)\b/i;
const TOWN_APPOS = /^\s*,\s*(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,2}?(?:town|village|city|district|neighbou?rhood|locality|commune|camp|suburb|settlement|hub|municipality|area|province|region|county|territory)\s+(?:in|of)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|southeast|southwest)\s+)?$/iu;
const SUBPLACE_OF = /^\s+(?:neighbou?rhood|suburb|quarter|camp|area|locality|township)\s+(?:of|in)\s+(?:the\s+)?$/i;

function newsPatterns(d: DocIndex, out: Cand[]): void {
  const ms = d.mentions;
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k], n = ms[k + 1];
    const sen = d.sentenceOfToken(d.tokenIndexAt(m.start));
    const ev = sentenceSpan(sen);
    const after = d.text.slice(m.end, Math.min(sen.end, m.end + 160));
    if (typeOf(d, m) === 'PERSON') personPatterns(d, m, k, sen, ev, out);
    if (!n) continue;
    const gap = d.text.slice(m.end, n.start);
    const cue = { start: m.start, end: n.end };
    const groupish = (x: Mention) => isOrg(d, x) || isCountry(d, x);
    // "X and its allies, the militias Y and Z"
    if (groupish(m) && AND_ALLIES.test(gap)) {
      for (const y of listFrom(d, k + 1)) if (groupish(y)) out.push({ type: 'allied_with', subject: m.entity, object: y.entity, evidence: ev, cue: { start: m.start, end: y.end }, conf: 0.7 });
    }
    // "Y, allied with X", "Y, which is aligned to X"
    if (groupish(m) && groupish(n) && ALLIED_WITH.test(gap)) out.push({ type: 'allied_with', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
    // "clashes pitting X against Y"
    if (groupish(m) && groupish(n) && /^\s+against\s+(?:the\s+)?$/i.test(gap) && /\b(?:pitting|pitted|pits|pit)\s+(?:the\s+)?$/i.test(d.text.slice(Math.max(sen.start, m.start - 20), m.start))) {
      out.push({ type: 'opposes', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
    }
    // "Z, which X backs" / "Z, which Rwanda is accused of backing"
    if (isOrg(d, m) && (groupish(n) || typeOf(d, n) === 'PERSON') && WHICH_BACKS.test(gap) && BACKS_AFTER.test(d.text.slice(n.end, n.end + 60)) && !negatedText(d.text.slice(n.end, n.end + 40))) {
      out.push({ type: 'supports', subject: n.entity, object: m.entity, evidence: ev, cue, conf: 0.65 });
    }
    // "X, a member of the Alliance of Y": an organisation or state in a larger body
    if (groupish(m) && isOrg(d, n) && ORG_MEMBER.test(gap)) out.push({ type: 'member_of', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
    // "the Quds Force, the IRGC's foreign arm"
    if (isOrg(d, m) && isOrg(d, n) && /^\s*,\s*(?:the|a|an)\s+$/i.test(gap) && ARM_OF.test(d.text.slice(n.end, n.end + 40))) {
      out.push({ type: 'part_of', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.75 });
    }
    // "X, an umbrella of armed groups including Y and Z": each member is part of X
    if (isOrg(d, m) && UMBRELLA.test(gap)) {
      for (const y of listFrom(d, k + 1)) if (isOrg(d, y)) out.push({ type: 'part_of', subject: y.entity, object: m.entity, evidence: ev, cue: { start: m.start, end: y.end }, conf: 0.7 });
    }
    // places: "in X, in Y province", "X, a town in Y", "the X neighbourhood of Y"
    if (d.isPlaceMention(m) && d.isPlaceMention(n) && m.entity !== n.entity && placeFits(d, m, n)) {
      const inIn = /^\s*,\s*in\s+(?:the\s+)?$/i.test(gap) && /\b(?:in|at|near)\s+(?:the\s+)?$/i.test(d.text.slice(Math.max(0, m.start - 12), m.start))
        && (/^\s+(?:province|region|state|district|county|governorate|prefecture|territory)\b/i.test(d.text.slice(n.end, n.end + 14)) || placeRank(d, n) > placeRank(d, m));
      if (inIn || TOWN_APPOS.test(gap) || SUBPLACE_OF.test(gap)) {
        out.push({ type: 'located_in', subject: m.entity, object: n.entity, evidence: ev, cue, conf: 0.7 });
      }
    }
    void after;
  }
  nationalBodies(d, out);
  tokenCues(d, out);
}

const placeRank = (d: DocIndex, m: Mention) => RANK[d.entity(m)?.geo?.feature ?? ''] ?? 0;
/** Two places that may nest: unknown geo, or the same country and a larger feature outside. */
function placeFits(d: DocIndex, inner: Mention, outer: Mention): boolean {
  const a = d.entity(inner)?.geo, b = d.entity(outer)?.geo;
  if (a?.feature === 'country') return false;
  if (!a || !b) return true;
  return a.country === b.country && placeRank(d, outer) > placeRank(d, inner);
}

/** Mentions of a list starting at index j: "Y, Z and W", "Y and the Z". */
function listFrom(d: DocIndex, j: number): Mention[] {
  const ms = d.mentions;
  const out: Mention[] = [];
  if (!ms[j]) return out;
  out.push(ms[j]);
  for (let k = j + 1; k < ms.length && out.length < 8; k++) {
    if (!LIST_GAP.test(d.text.slice(ms[k - 1].end, ms[k].start))) break;
    out.push(ms[k]);
  }
  return out;
}

function negatedText(s: string): boolean { return /\b(not|never|no\s+longer|denied|denies|deny|denying)\b/i.test(s); }

/** Roles of a person from nominal bodies and state offices. */
function personPatterns(d: DocIndex, m: Mention, k: number, sen: { index: number; start: number; end: number }, ev: Span, out: Cand[]): void {
  const ms = d.mentions;
  const before = d.text.slice(Math.max(sen.start, m.start - 90), m.start);
  const after = d.text.slice(m.end, Math.min(sen.end, m.end + 120));
  const prev = ms[k - 1], next = ms[k + 1];
  const norpIn = (from: number, to: number) => ms.find((x) => x.start >= from && x.end <= to && (typeOf(d, x) === 'NORP' || isCountry(d, x)));
  // "the spokesman of the (Rwandan) government, X"
  const rb = ROLE_BODY_BEFORE.exec(before);
  if (rb) {
    const base = m.start - before.length + rb.index;
    const named = rb[2] ? ms.find((x) => x.start >= base && x.end <= base + rb[0].length && isOrg(d, x)) : undefined;
    const norp = rb[2] ? norpIn(base, base + rb[0].length) : undefined;
    if (named) bodyRole(d, rb[1], rb[3], undefined, m, ev, out, named.entity);
    else if (!rb[2] || norp || !/^\p{Lu}/u.test(rb[2])) bodyRole(d, rb[1], rb[3], norp, m, ev, out);
  }
  // "X, spokesperson of the movement", "X, the army spokesman"
  const ra = ROLE_BODY_AFTER.exec(after);
  if (ra) {
    const end = m.end + ra[0].length;
    const mentionNext = next && next.start >= end && next.start <= end + 12 && /^\s*(?:of\s+(?:the\s+)?|['’]s\s+)?$/.test(d.text.slice(end, next.start));
    const norpWord = ra[2] ?? ra[4];
    const norp = norpWord ? norpIn(m.end, end) : undefined;
    const named = norpWord ? ms.find((x) => x.start >= m.end && x.end <= end && isOrg(d, x)) : undefined;
    if (!mentionNext && (!norpWord || norp || named || !/^\p{Lu}/u.test(norpWord))) {
      if (ra[1]) bodyRole(d, ra[1], ra[3], norp, m, ev, out, named?.entity);
      else bodyRole(d, ra[6], ra[5], norp, m, ev, out, named?.entity);
    }
  }
  // "his Rwandan counterpart X": a president's counterpart is a president, a minister's a minister
  if (prev && /^\s+counterparts?\s*,?\s*$/i.test(d.text.slice(prev.end, m.start))) {
    const c = typeOf(d, prev) === 'NORP' ? countryByCode(d, lookupNorp(prev.text)?.country ?? codeOf(d.entity(prev)))?.id : isCountry(d, prev) ? prev.entity : undefined;
    if (c) {
      const minister = /\bminister\b/i.test(d.text.slice(sen.start, prev.start).replace(/\bprime\s+minister\b/gi, ''));
      out.push({ type: minister ? 'member_of' : 'leader_of', subject: m.entity, object: c, evidence: ev, cue: { start: prev.start, end: m.end }, conf: 0.65 });
    }
  }
  // "Country's X, the junta leader", "junta leader Col. X", "X, head of state"
  if (HEAD_OF_STATE_AFTER.test(after) || HEAD_OF_STATE_BEFORE.test(before)) {
    let c: string | undefined;
    if (prev && /^['’]s\s+$/.test(d.text.slice(prev.end, m.start)) && isCountry(d, prev)) c = prev.entity;
    c ??= countryNear(d, sen as any)?.entity ?? mainCountry(d)?.id;
    if (c) out.push({ type: 'leader_of', subject: m.entity, object: c, evidence: ev, cue: m, conf: 0.65 });
  }
  // "X, who leads Y", "X, who founded Y"
  const wl = next ? WHO_LEADS.exec(d.text.slice(m.end, next.start)) : null;
  if (wl && next && (isOrg(d, next) || isCountry(d, next))) {
    out.push({ type: /found/i.test(wl[1]) ? 'founder_of' : 'leader_of', subject: m.entity, object: next.entity, evidence: ev, cue: { start: m.start, end: next.end }, conf: 0.75 });
  }
}

function bodyRole(d: DocIndex, role: string, body: string, norp: Mention | undefined, person: Mention, ev: Span, out: Cand[], named?: string): void {
  const r = role.toLowerCase().replace(/s$/, '');
  if (AFFIL.test(r)) return;
  const id = named ?? resolveBody(d, body, person.start, norp);
  if (!id) return;
  const kind = BODY_KIND[body.toLowerCase().replace(/\s+/g, ' ')];
  const type = roleRelation(role, true, false);
  // a government's head is the country's leader only for state titles; "head of the group" leads the group
  if (kind === 'government' && d.entityById.get(id)?.type === 'GPE' && type === 'leader_of' && !STATE_TITLE.test(r)) return;
  out.push({ type, subject: person.entity, object: id, evidence: ev, cue: person, conf: 0.7 });
}

/** National armies and police belong to their state: "Sudanese Armed Forces", "the Malian army (FAMa)", "the armed forces of Mali (FAMa)". */
function nationalBodies(d: DocIndex, out: Cand[]): void {
  for (const e of d.ctx.entities) {
    if (e.type !== 'ORG') continue;
    const ems = d.mentions.filter((x) => x.entity === e.id);
    if (!ems.length) continue;
    let country: Entity | undefined;
    let cue: Mention = ems[0];
    // "Sudanese Armed Forces", "Armed Forces of Mali": nothing but the state and the body ("Free Syrian Army" is no state's)
    const plain = [e.name, ...e.aliases].some((n) => NATIONAL_BODY.test(n) && /^(?:the\s+)?(?:[\p{Lu}][\p{L}'’.-]*\s+)?(?:(?:royal|armed|defen[cs]e|forces?|army|police|military|navy|air|national\s+guard|gendarmerie|security)\s*)+(?:of\s+(?:the\s+)?[\p{Lu}][\p{L}'’. -]*)?$/iu.test(n));
    const tied = plain ? d.ctx.entities.find((c) => c.type === 'GPE' && c.geo?.feature === 'country' && tiedTo(e, c)) : undefined;
    if (tied) {
      // stated where both are named: a sentence with the body and the state
      const cms = d.mentions.filter((x) => x.entity === tied.id);
      const both = ems.find((x) => cms.some((c) => d.tokens[d.tokenIndexAt(c.start)].sentence === d.tokens[d.tokenIndexAt(x.start)].sentence));
      if (both) { country = tied; cue = both; }
    }
    if (!country) {
      // "(FAMa)" after a description naming the body and its state
      for (const x of ems) {
        const sen = d.sentenceOfToken(d.tokenIndexAt(x.start));
        const pre = d.text.slice(Math.max(sen.start, x.start - 80), x.start);
        if (!/\(\s*$/.test(pre)) continue;
        const desc = /((?:[\p{L}'’-]+\s+){0,3}?(?:army|armed\s+forces|military|defen[cs]e\s+forces|police|gendarmerie|navy|air\s+force|national\s+guard)(?:\s+of\s+(?:the\s+)?[\p{L}'’ -]{2,40}?)?)\s*\(\s*$/iu.exec(pre);
        if (!desc) continue;
        const from = x.start - pre.length + desc.index;
        const st = d.mentions.find((y) => y.start >= from && y.end <= x.start && y !== x && (isCountry(d, y) || typeOf(d, y) === 'NORP'));
        const c = st && (isCountry(d, st) ? d.entity(st) : countryByCode(d, lookupNorp(st.text)?.country ?? codeOf(d.entity(st))));
        if (c) { country = c; cue = x; break; }
      }
    }
    if (!country) continue;
    const sen = d.sentenceOfToken(d.tokenIndexAt(cue.start));
    out.push({ type: 'part_of', subject: e.id, object: country.id, evidence: sentenceSpan(sen), cue, conf: 0.7 });
  }
}

const SUPPLY_NOUN = /^(weapons|arms|ammunition|munitions|drones|missiles|rockets|funding|funds|money|cash|financing|support|aid|equipment|fuel|training|intelligence|logistics|logistical|military|materiel|vehicles|guns|rifles|mercenaries|fighters)$/i;
const ATTACK_ING = /^(attacking|shelling|bombing|targeting|killing|massacring|raiding|striking|invading|ambushing|besieging)$/i;
const SUPPORT_ING = /^(backing|supporting|arming|funding|financing|sponsoring|equipping|aiding|harbou?ring|sheltering|training)$/i;

const TOKEN_CUE_START = /^(?:accus|provid|suppl|send|sent|deliver|ship|transfer|funnel|channel|give|gave|smuggl|join|recruit)/;
/** Word cues that need more than one argument slot: accusations, supply, joining, recruiting from places. */
function tokenCues(d: DocIndex, out: Cand[]): void {
  for (let i = 0; i < d.tokens.length; i++) {
    const w = d.lower(i);
    // every cue below starts with one of these
    if (!TOKEN_CUE_START.test(w)) continue;
    const sen = d.sentenceOfToken(i);
    const ev = sentenceSpan(sen);
    // "X accused Y of attacking (Z)", "X accuses Y of backing Z"
    if (/^accus(e|es|ed|ing)$/.test(w) && !negated(d, i)) {
      const y = d.rightArg(i, new Set(), 6);
      if (!y?.entity || !relatable(d, y.entity)) continue;
      let k = y.tokens[1] + 1;
      if (d.lower(k) !== 'of') continue;
      k++;
      if (/^(having|being|again|openly|directly)$/.test(d.lower(k))) k++;
      const verb = d.lower(k);
      const accuser = d.subjectOf(i, new Set([y.entity])) ?? d.leftArg(i, new Set([y.entity]));
      const target = d.rightArg(k, new Set([y.entity]), 6);
      const srcs = accuser?.entity ? d.attr.sources.filter((s) => s.entity === accuser.entity).map((s) => s.id) : [];
      if (ATTACK_ING.test(verb)) {
        const obj = target?.entity && relatable(d, target.entity) ? target.entity : accuser?.entity;
        if (obj && relatable(d, obj) && obj !== y.entity) out.push({ type: 'opposes', subject: y.entity, object: obj, evidence: ev, cue: { start: d.tokens[i].start, end: d.tokens[k].end }, conf: 0.6, sources: srcs });
      } else if (SUPPORT_ING.test(verb) && target?.entity && relatable(d, target.entity)) {
        const type: RelationType = /^train/.test(verb) ? 'trains' : /^(harbou?ring|sheltering)$/.test(verb) ? 'harbors' : 'supports';
        out.push({ type, subject: y.entity, object: target.entity, evidence: ev, cue: { start: d.tokens[i].start, end: d.tokens[k].end }, conf: 0.6, sources: srcs });
      }
      continue;
    }
    // "X provides weapons to Z", "X supplied Z with drones"
    if (/^(provid|suppli|suppl|send|sent|deliver|ship|transfer|funnel|channel|give|gave|smuggl)/.test(w) && (d.tokens[i].pos === 'VERB' || /(ed|es|s|ing)$/.test(w)) && !negated(d, i) && !modal(d, i)) {
      const subj = d.subjectOf(i, new Set());
      if (!subj?.entity || !relatable(d, subj.entity)) continue;
      const [, cend] = d.clause(i);
      let obj: Arg | null = null;
      let hasNoun = false;
      for (let k = i + 1; k <= Math.min(cend, i + 10); k++) {
        if (SUPPLY_NOUN.test(d.lower(k))) hasNoun = true;
        if (d.lower(k) === 'to' && hasNoun) { obj = d.rightArg(k, new Set([subj.entity]), 5); break; }
        if (d.lower(k) === 'with' && !hasNoun && SUPPLY_NOUN.test(d.lower(k + 1)) || d.lower(k) === 'with' && SUPPLY_NOUN.test(d.lower(k + 2))) { obj = d.rightArg(i, new Set([subj.entity]), k - i); break; }
      }
      if (obj?.entity && relatable(d, obj.entity) && obj.entity !== subj.entity) out.push({ type: 'supports', subject: subj.entity, object: obj.entity, evidence: ev, cue: { start: d.tokens[i].start, end: d.tokens[i].end }, conf: 0.6 });
      continue;
    }
    // "Mali joined the Alliance of Sahel States" → member_of; "X joined forces with Y" → allied_with
    if (/^(join|joins|joined|joining)$/.test(w) && !negated(d, i) && !modal(d, i)) {
      const subj = d.subjectOf(i, new Set());
      if (!subj?.entity || !relatable(d, subj.entity)) continue;
      if (d.lower(i + 1) === 'forces' && d.lower(i + 2) === 'with') {
        const o = d.rightArg(i + 2, new Set([subj.entity]), 5);
        if (o?.entity && relatable(d, o.entity)) out.push({ type: 'allied_with', subject: subj.entity, object: o.entity, evidence: ev, cue: { start: d.tokens[i].start, end: d.tokens[i + 2].end }, conf: 0.65 });
        continue;
      }
      const o = d.rightArg(i, new Set([subj.entity]), 4);
      const oe = o?.entity ? d.entityById.get(o.entity) : undefined;
      if (o?.mention && oe?.type === 'ORG' && (/\b(alliance|coalition|bloc|union|confederation|pact|league|organi[sz]ation|community|federation|front|nato|brics)\b/i.test(oe.name) || (isCountry(d, subj.mention) && /^\s*(?:the\s+)?$/i.test(d.text.slice(d.tokens[i].end, o.mention.start))))) {
        out.push({ type: 'member_of', subject: subj.entity, object: oe.id, evidence: ev, cue: { start: d.tokens[i].start, end: o.mention.end }, conf: 0.65 });
      }
      continue;
    }
    // "Y recruits young men from Basra": a group recruits from a place or a group
    if (/^recruit(s|ed|ing)?$/.test(w) && d.tokens[i].pos === 'VERB' && !negated(d, i)) {
      const subj = d.subjectOf(i, new Set()) ?? d.leftArg(i, new Set());
      if (!subj?.entity || !relatable(d, subj.entity)) continue;
      for (let k = i + 1; k <= Math.min(sen.lastToken, i + 8); k++) {
        if (/^[;:,]$/.test(d.tokens[k].text)) break;
        if (!/^(from|among)$/i.test(d.lower(k))) continue;
        let a = k + 1;
        if (/^the$/i.test(d.lower(a))) a++;
        const m = d.mentionAt[a];
        if (m && m.entity !== subj.entity && (d.isPlaceMention(m) || isOrg(d, m))) out.push({ type: 'recruits_from', subject: subj.entity, object: m.entity, evidence: ev, cue: { start: d.tokens[i].start, end: m.end }, conf: 0.65 });
        break;
      }
    }
  }
}

/** A modal or infinitive before a verb: a possibility or a purpose, not a fact. */
function modal(d: DocIndex, i: number): boolean {
  return /^(to|would|could|might|may|should|must|can|cannot)$/i.test(d.lower(i - 1)) || (/^(would|could|might|may|should|must|can)$/i.test(d.lower(i - 2)) && d.tokens[i - 1].pos === 'ADV');
}
