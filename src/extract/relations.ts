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
import type { Entity, ExtractionContext, Mention, Relation, RelationType, Span } from '../types.js';
import type { Attribution } from './quotes.js';
import { DocIndex, ordered, sentenceSpan, stem, type Arg } from './patterns.js';

interface Cand { type: RelationType; subject: string; object: string; evidence: Span; cue: Span; conf: number }

const SYMMETRIC = new Set<RelationType>(['allied_with', 'fights_alongside', 'opposes', 'kinship_with']);

// role nouns → relation; "leader"-like roles are leader_of when definite, member_of when indefinite
const FOUNDER = /^(co-?founder|founder|founding\s+father)$/i;
const HEAD = /^(leader|head|chief|commander|general|emir|amir|president|chairman|chairwoman|chair|director|secretary-general|boss|supreme\s+leader|prime\s+minister|king|chancellor|premier|commandant|ringleader)$/i;
const SPOKES = /^(spokesman|spokeswoman|spokesperson|press\s+secretary)$/i;
const AFFIL = /^(fellow|professor|researcher|scholar|analyst|lecturer|student|expert|associate|economist|scientist|journalist|reporter|correspondent|editor|columnist|dean)$/i;
const MEMBER = /^(member|fighter|militant|operative|official|officer|soldier|minister|deputy|negotiator|envoy|ambassador|adviser|advisor|aide|representative|colonel|major|captain|lieutenant|figure|ideologue|cleric|recruiter|employee|staffer|lawmaker|senator)$/i;
const ROLE_WORDS = 'co-?founder|founder|leader|head|chief|commander|general|emir|amir|president|chairman|chairwoman|chair|director|secretary-general|boss|prime minister|king|chancellor|premier|commandant|ringleader|spokesman|spokeswoman|spokesperson|press secretary|fellow|professor|researcher|scholar|analyst|lecturer|student|expert|associate|economist|scientist|journalist|reporter|correspondent|editor|columnist|dean|member|fighter|militant|operative|official|officer|soldier|minister|deputy|negotiator|envoy|ambassador|adviser|advisor|aide|representative|colonel|major|captain|lieutenant|figure|ideologue|cleric|recruiter|employee|staffer|lawmaker|senator';
const ROLE = `(${ROLE_WORDS})s?`;
/** Titles that make a bare "Title Name" the head of a state. */
const STATE_TITLE = /^(president|prime\s+minister|king|queen|chancellor|premier|emir|sultan)$/i;

const APPOSITION = new RegExp(`^\\s*(?:,|\\[|\\()\\s*(?:(a|an|the|another|one|its|their|his|her)\\s+)?(?:(?:former|senior|top|prominent|key|leading|founding|deputy|acting|chief|military|political|regional|local|veteran|longtime|postdoctoral|visiting|commanding|high-ranking|[a-z]+-based|self-styled|so-called|then|current|notorious)\\s+)*${ROLE}\\s+(?:of|at|for|with|in)\\s+(?:the\\.?\\s+)?(?:\\d+\\s+)?$`, 'i');
const PRENOMINAL = new RegExp(`^(?:['’]s)?\\s+(?:(?:former|senior|top|prominent|key|leading|deputy|acting|military|political|regional|local|veteran|commanding|high-ranking)\\s+)*${ROLE}\\s*,?\\s+$`, 'i');
const UNIT_WORD = /\b(corps|brigade|division|battalion|regiment|unit|wing|branch|command|squadron|platoon|directorate|department|ministry|committee|bureau|office|agency|cell|faction|council|force|forces)\b/i;
const PLACE_OF = /^\s+(?:district|province|county|city|town|village|region|state|governorate|prefecture|municipality)?\s*(?:of|in)\s+(?:the\s+)?$/i;

export function extractRelations(ctx: ExtractionContext, attr: Attribution): Relation[] {
  const d = new DocIndex(ctx, attr);
  const cands: Cand[] = [];
  rolePhrases(d, cands);
  structure(d, cands);
  verbCues(d, cands);
  return mergeCands(d, cands);
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
    // "X, a member of Y" / "X [founder of Y]"
    if (n && typeOf(d, m) === 'PERSON') {
      const gap = d.text.slice(m.end, n.start);
      const a = APPOSITION.exec(gap);
      if (a) {
        let obj = n;
        // "Stanford University's Center for ...": the most specific organisation
        const after = ms[k + 2];
        if (after && /^['’]s\s+$/.test(d.text.slice(n.end, after.start)) && isOrg(d, after)) obj = after;
        const role = a[2];
        const definite = !a[1] || /^(the|its|their|his|her)$/i.test(a[1]);
        const type = roleRelation(role, definite, false);
        if (isOrg(d, obj) || (type === 'leader_of' && typeOf(d, obj) === 'GPE')) {
          out.push({ type, subject: m.entity, object: obj.entity, evidence: sentenceSpan(sen), cue: { start: m.start, end: obj.end }, conf: 0.85 });
        }
      }
    }
    // "Taliban commander X", "al-Qaeda's leader, X", "US President X"
    if (n && typeOf(d, n) === 'PERSON' && (isOrg(d, m) || typeOf(d, m) === 'GPE')) {
      const gap = d.text.slice(m.end, n.start);
      const p = PRENOMINAL.exec(gap);
      if (p) {
        const possessive = /^['’]s/.test(gap);
        const type = roleRelation(p[1], possessive, !possessive);
        if (typeOf(d, m) === 'ORG' || type === 'leader_of') {
          out.push({ type, subject: n.entity, object: m.entity, evidence: sentenceSpan(sen), cue: { start: m.start, end: n.end }, conf: 0.8 });
        }
      }
    }
    // "President Joe Biden" with no country named before the title: the one country in the sentence
    if (typeOf(d, m) === 'PERSON') stateTitle(d, m, k, out);
  }
}

function stateTitle(d: DocIndex, m: Mention, k: number, out: Cand[]): void {
  const before = d.text.slice(Math.max(0, m.start - 40), m.start);
  const inside = /^(President|Prime Minister|King|Queen|Chancellor|Premier|Emir|Sultan)\s/.exec(m.text);
  const t = inside ?? /\b(President|Prime Minister|King|Queen|Chancellor|Premier|Emir|Sultan)\s+$/.exec(before);
  if (!t) return;
  // a modifier before the title ("Afghan President", "former President") decides otherwise
  const pre = inside ? before : before.slice(0, before.length - t[0].length);
  if (/\b(former|ex|late|vice|deputy|then)[\s-]*$/i.test(pre)) return;
  const prev = d.mentions[k - 1];
  if (prev && d.text.slice(prev.end, m.start - (inside ? 0 : t[0].length)).trim() === '') return;
  const sen = d.sentenceOfToken(d.tokenIndexAt(m.start));
  const countries = new Set<string>();
  for (const x of d.mentions) {
    if (x.start < sen.start || x.end > sen.end) continue;
    const e = d.entity(x);
    if (e?.type === 'GPE' && (!e.geo || e.geo.feature === 'country')) countries.add(e.id);
  }
  if (countries.size !== 1) return;
  out.push({ type: 'leader_of', subject: m.entity, object: [...countries][0], evidence: sentenceSpan(sen), cue: { start: m.start, end: m.end }, conf: 0.6 });
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
  { type: 'trains', seq: ['train'], obj: 'right', conf: 0.75, verb: true },
  { type: 'harbors', seq: ['harbor|harbour|shelter|host'], obj: 'right', conf: 0.75, verb: true },
  { type: 'pledged_allegiance_to', seq: ['pledge|swear|declare|give', 'allegiance|loyalty|bayat'], obj: /^to$/i, conf: 0.85 },
  { type: 'pledged_allegiance_to', seq: ['pledge|swear|declare|give', 'their|its|his', 'allegiance|loyalty'], obj: /^to$/i, conf: 0.85 },
  { type: 'recruits_from', seq: ['recruit'], obj: /^(from|among)$/i, conf: 0.75, verb: true },
  { type: 'kinship_with', seq: ['marri|wed|intermarri'], obj: 'right', conf: 0.7, near: /^(daughters?|sons?|sisters?|widows?|women|families|wives|into)$/i },
  { type: 'allied_with', seq: ['align|alli'], obj: /^with$/i, conf: 0.7 },
  { type: 'allied_with', seq: ['close|strong|deep|longstanding|long-standing', 'ties|links|relations|relationship|bonds'], obj: /^(with|to)$/i, conf: 0.65 },
  { type: 'allied_with', seq: ['alliance'], obj: /^with$/i, conf: 0.7 },
  { type: 'supports', seq: ['back|support|sponsor'], obj: /^by$/i, conf: 0.65, inverse: true, verb: true },
  { type: 'supports', seq: ['assist|support|fund|finance|arm|sponsor|equip'], obj: 'right', conf: 0.6, verb: true },
  { type: 'fights_alongside', seq: ['fight|battl', 'alongside'], obj: /^alongside$/i, conf: 0.75 },
  { type: 'fights_alongside', seq: ['fight|battl', 'together'], obj: 'right', conf: 0.75 },
  { type: 'opposes', seq: ['war|struggl|jihad|fight|campaign|insurgenci', 'against'], obj: /^against$/i, conf: 0.6 },
];
const CUES_STEMMED = CUES.map((c) => ({ ...c, alts: c.seq.map((w) => new Set(w.split('|').map(stem))) })).sort((a, b) => b.seq.length - a.seq.length);

function verbCues(d: DocIndex, out: Cand[]): void {
  for (let i = 0; i < d.tokens.length; i++) {
    for (const c of CUES_STEMMED) {
      const j = matchSeq(d, c.alts, i);
      if (j < 0) continue;
      if (c.verb && d.tokens[i].pos !== 'VERB' && !/(ing|ed)$/i.test(d.lower(i))) continue;
      if (c.type === 'trains' && /^(camp|camps|ground|station)$/i.test(d.lower(j + 1))) continue;
      if (c.near && !d.tokens.slice(j + 1, j + 5).some((t) => c.near!.test(t.text))) continue;
      if (negated(d, i)) continue;
      const cand = cueRelation(d, c, i, j);
      if (cand) { out.push(cand); break; }
    }
  }
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
    if (/^(not|n't|never|no|without|sever|severed|cut)$/i.test(d.tokens[k].text)) return true;
    if (d.tokens[k].sentence !== d.tokens[i].sentence) break;
  }
  return false;
}

function cueRelation(d: DocIndex, c: Cue, i: number, j: number): Cand | null {
  const sen = d.sentenceOfToken(i);
  let obj: Arg | null;
  if (c.obj === 'right') obj = d.rightArg(j, new Set());
  else obj = c.obj.test(d.tokens[j].text) ? d.rightArg(j, new Set(), 6) : d.prepArg(j, c.obj, new Set(), 8);
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
  for (const c of cands) {
    if (c.subject === c.object) continue;
    const [s, o] = SYMMETRIC.has(c.type) ? ordered(c.subject, c.object) : [c.subject, c.object];
    const key = `${c.type}|${s}|${o}`;
    let r = byKey.get(key);
    if (!r) {
      r = { id: '', type: c.type, subject: s, object: o, evidence: [], sources: [], confidence: c.conf };
      byKey.set(key, r); out.push(r);
    } else r.confidence = Math.min(0.99, Math.max(r.confidence, c.conf) + 0.05);
    if (!r.evidence.some((e) => e.start === c.evidence.start && e.end === c.evidence.end)) r.evidence.push(c.evidence);
    const q = d.quoteAt(c.cue);
    if (q?.source && !r.sources.includes(q.source)) r.sources.push(q.source);
  }
  // the same pair asserted as fights_alongside need not also be allied_with from weaker cues: keep both (different claims)
  out.forEach((r, k) => { r.id = `r${k + 1}`; r.confidence = Math.round(r.confidence * 100) / 100; });
  return out;
}
