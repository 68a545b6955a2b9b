// resolve: group mentions into entities (aliases, coreference), type fixes, organisation subtypes, geo, salience.
import type { CleanDocument, Entity, EntityType, Mention, MentionCandidate, NlpDocument, OrgSubtype } from '../types.js';
import { boundPlaceCache, compactKey, isAcronym, lexicons, orgKeyTrie, walkOrgKey, lookupNorp, lookupOrg, lookupPlaces, normKey, toGeo, geoIndex } from '../gazetteer/index.js';
import type { Feature, NorpEntry, OrgEntry, Place } from '../gazetteer/index.js';
import { isCapital, isCommonWord } from '../gazetteer/index.js';
import { memoize } from '../memo.js';
import { governmentSpans, isTitle as isTitleWord, ORG_HEAD, refineSpans } from './spans.js';

const ADMIN_WORD: Record<string, Feature> = { province: 'admin1', state: 'admin1', governorate: 'admin1', region: 'admin1', district: 'admin2', county: 'admin2', city: 'city', town: 'city', capital: 'city', country: 'country' };
// Words that often start a sentence capitalised without being names (a tagger may still pick them up).
const SENTENCE_STARTERS = new Set(('the a an in on at by for from to of with but and or if when while since as after before meanwhile earlier later however ' +
  'many several some another this that these those it he she they we i you there here what who why how many most more all both each every ' +
  'according based let so yet still also then now today yesterday one two three senior former security officials').split(' '));
const LEADING_TRIM = new Set('several many some another this that these those most all both each every according one two three senior former interim acting'.split(' '));
const CALENDAR = /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const ORG_HEADS = /\b(army|forces|military|police|government|navy|air force|troops|guard|intelligence|ministry|taliban|militia)$/i;
const POSSESSIVE = /['’]s$|s['’]$/;
// "analyst at Stratfor", "Stratfor, the Texas-based intelligence firm": an organisation, not a place
const ORG_CUE_BEFORE = /\b(analyst|researcher|fellow|scholar|director|official|spokes(?:man|woman|person)|reporter|correspondent|editor|economist|professor|member|employee|executive|head|chief|ceo|founder|president|chairman|partner|strategist|consultant|lawyer|attorney)s?\s+(?:at|with|for|of)\s+(?:the\s+)?$/i;
const ORG_CUE_AFTER = /^,\s+(?:a|an|the)\s+[^,.;]{0,60}?\b(organi[sz]ation|company|firm|group|agency|institute|think[- ]tank|outlet|network|website|newspaper|broadcaster|channel|party|movement|consultancy|publication|startup|bank|charity|nonprofit)\b/i;

interface Cand extends MentionCandidate {
  core: string;            // title, leading article, possessive and admin word stripped
  title: string | null;
  hint: Feature | null;    // "Helmand province" → admin1
  tokens: string[];        // canonical match tokens (transliterated, leading particle dropped)
  org?: OrgEntry; norp?: NorpEntry; places?: Place[];
  cluster: number;
}

interface Cluster { id: number; cands: Cand[]; type: EntityType; org?: OrgEntry; norp?: NorpEntry; place?: Place | null; alive: boolean }

export function resolveEntities(candidates: MentionCandidate[], nlp: NlpDocument, _doc: CleanDocument): { mentions: Mention[]; entities: Entity[] } {
  const text = nlp.text;
  boundPlaceCache(); // (a new document: the place cache may be emptied now, never during one)
  const lex = lexicons();
  const titles = sortedTitles(lex.names.titles);

  // ---- 1. clean spans: sort, drop overlaps, join "X University's Center for ...", trim possessives ----
  let cs = refineSpans([...candidates, ...lexiconCandidates(nlp, candidates)].filter((c) => c.end > c.start), text);
  // "the Syrian government/regime": one ORG, replacing the bare nationality mention inside it
  const govs = governmentSpans(text);
  const govKey = new Map<number, string>();
  for (const g of govs) {
    cs = cs.filter((c) => !(c.start >= g.start && c.end <= g.end));
    if (cs.some((c) => c.start < g.end && c.end > g.start)) continue;
    cs.push({ start: g.start, end: g.end, text: g.text, type: 'ORG' });
    govKey.set(g.start, g.key);
  }
  cs.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: MentionCandidate[] = [];
  for (const c of cs) {
    const prev = kept[kept.length - 1];
    if (prev && c.start < prev.end) continue; // overlapping: the earlier/longer span wins
    // An institution's sub-unit is named with its parent ("Stanford University’s Center for ..."): one name.
    if (prev && /^['’]s\s+$/.test(text.slice(prev.end, c.start)) && /\b(University|College|Institute)$/.test(prev.text)
      && /^(Center|Centre|Institute|School|Department|Faculty|Program|Laboratory|Lab)\b/.test(c.text)) {
      kept[kept.length - 1] = { ...prev, end: c.end, text: text.slice(prev.start, c.end), type: 'ORG' };
      continue;
    }
    kept.push({ ...c });
  }
  const sentenceStart = new Set(nlp.sentences.map((s) => nlp.tokens[s.firstToken]?.start));
  const lowerWords = new Set(text.match(/\b[a-z][a-z'-]+\b/g) ?? []);

  // "US-Taliban deal", "Al-Qaeda-Taliban efforts": a hyphenated compound of two known names is two mentions
  const docKeys = new Set(kept.map((c) => compactKey(stripThe(c.text))));
  const docTails = new Set(kept.map((c) => compactKey(c.text.split(/\s+/).pop() ?? '')));
  const knownLex = (x: string) => !!lookupOrg(x) || !!lookupNorp(x) || lookupPlaces(x).length > 0;
  const known = (x: string) => docKeys.has(compactKey(x)) || knownLex(x);
  let split: MentionCandidate[] = [];
  for (const c of kept) {
    let done = false;
    if (c.text.includes('-') && !knownLex(c.text)) {
      for (let i = c.text.indexOf('-'); i > 0 && !done; i = c.text.indexOf('-', i + 1)) {
        const l = c.text.slice(0, i), r = c.text.slice(i + 1);
        if (l.length > 1 && r.length > 1 && known(l) && known(r)) {
          split.push({ ...c, end: c.start + i, text: l }, { ...c, start: c.start + i + 1, text: r });
          done = true;
        }
      }
    }
    // "post-bin Laden al-Qaeda": two known names run together
    const ws = [...c.text.matchAll(/\s+/g)];
    if (!done && ws.length && !knownLex(c.text)) {
      for (const w of ws) {
        const l = c.text.slice(0, w.index), r = c.text.slice(w.index! + w[0].length);
        if ((docKeys.has(compactKey(l)) || docTails.has(compactKey(l))) && !!(lookupOrg(r) || lookupPlaces(r).some((p) => p.feature === 'country'))) {
          split.push({ ...c, end: c.start + w.index!, text: l }, { ...c, start: c.start + w.index! + w[0].length, text: r });
          done = true; break;
        }
      }
    }
    if (!done) split.push(c);
  }
  // "Long Name (ACR)" that the tagger missed or cut: recover the long name that spells the acronym
  // also "the Syrian Democratic Forces, or SDF" and mixed-case acronyms ("Maghawir al Thawra, or MaT")
  for (const m of text.matchAll(/\(([A-Z][A-Za-z]{1,7})\)|,\s+or\s+([A-Z][A-Za-z]{1,7})(?=[\s,.;:)–—-])/g)) {
    const acr = m[1] ?? m[2];
    if (!isAcronym(acr) && !(/^[A-Z][A-Za-z]{1,6}$/.test(acr) && (acr.match(/[A-Z]/g) ?? []).length >= 2)) continue;
    const before = text.slice(Math.max(0, m.index! - 120), m.index!);
    const words = [...before.matchAll(/[\p{L}'’-]+/gu)];
    for (let k = Math.max(0, words.length - 10); k < words.length; k++) {
      const s0 = m.index! - before.length + words[k].index!;
      const phrase = text.slice(s0, m.index!).trimEnd();
      if (!/^\p{Lu}/u.test(phrase) || /[.,;:!?]/.test(phrase) || !spells(acr, phrase)) continue;
      const e0 = s0 + phrase.length;
      if (split.some((c) => c.start === s0 && c.end === e0)) break;
      for (let i = split.length - 1; i >= 0; i--) if (split[i].start >= s0 && split[i].end <= e0) split.splice(i, 1);
      if (!split.some((c) => c.start < e0 && c.end > s0)) split.push({ start: s0, end: e0, text: phrase, type: 'ORG' });
      break;
    }
  }
  split.sort((a, b) => a.start - b.start);

  const cands: Cand[] = [];
  for (const c0 of split) {
    let { start, end } = c0;
    let t = text.slice(start, end);
    // trailing possessive / punctuation is not part of the name
    const pm = /(?:['’]s|['’])$/.exec(t); if (pm && t.length > pm[0].length + 1 && POSSESSIVE.test(t)) { end -= pm[0].length; t = text.slice(start, end); }
    const tr = /[\s,;:!?"“”‘’()\[\]-]+$/.exec(t); if (tr) { end -= tr[0].length; t = text.slice(start, end); }
    // a final period belongs to abbreviations ("U.S.", "Jr.") only
    if (/\.$/.test(t) && !/(?:^|\s)(?:\p{L}\.)+$|\b(?:Jr|Sr|Co|Inc|Corp|Ltd)\.$/u.test(t)) { end -= 1; t = text.slice(start, end); }
    const lead = /^[\s"“”‘’(\[-]+/.exec(t); if (lead) { start += lead[0].length; t = text.slice(start, end); }
    // a capitalised common word glued to the front of a name at a sentence start ("Several Afghan officials")
    let lw: RegExpExecArray | null;
    while ((lw = /^(\p{Lu}\p{Ll}+)\s+(?=\p{Lu})/u.exec(t)) && LEADING_TRIM.has(lw[1].toLowerCase())) { start += lw[0].length; t = text.slice(start, end); }
    if (!t || !/\p{L}/u.test(t) || CALENDAR.test(t)) continue;
    if (lex.junk.has(compactKey(t)) || isChrome(t, start, end, text)) continue;

    // titles are stripped for matching, kept in the mention
    let core = stripThe(t);
    let title: string | null = null;
    // titles stack ("Lt. Col.", "Brig. Gen.", "le colonel"): strip them all for matching
    for (let again = true; again;) {
      again = false;
      // only titles whose first word is the core's first word can prefix it ("title "), in the same order
      const sp = core.indexOf(' ');
      const group = sp < 0 ? undefined : titles.byFirstWord.get(core.slice(0, sp));
      if (!group) break;
      for (const k of group) {
        const ti = titles[k];
        if (core.startsWith(titles.spaced[k]) && core.length > ti.length + 1 && /^\p{Lu}/u.test(core.slice(ti.length + 1))) {
          title = title ? `${title} ${ti}` : ti; core = core.slice(ti.length + 1); again = true; break;
        }
      }
    }
    let hint: Feature | null = null;
    const aw = /\s+(province|district|city|county|state|governorate|region)$/i.exec(core);
    // "Helmand province", "Rakhine State" → the place; "Islamic State", "Ohio State University" stay whole
    if (aw && core.length > aw[0].length && !lookupOrg(core) && (/^\p{Ll}/u.test(aw[1]) || lookupPlaces(core.slice(0, aw.index)).length)) {
      hint = ADMIN_WORD[aw[1].toLowerCase()]; core = core.slice(0, aw.index);
    }

    const words = core.split(/\s+/);
    // junk: a lone capitalised common word at a sentence start ("Meanwhile", "Security")
    if (words.length === 1 && !title && (sentenceStart.has(start) || SENTENCE_STARTERS.has(core.toLowerCase()))
      && (SENTENCE_STARTERS.has(core.toLowerCase()) || lowerWords.has(core.toLowerCase())) && !lookupOrg(core) && !lookupNorp(core) && !lookupPlaces(core).length) continue;
    // ... also when the text shows the sentence start and the word is a common English word ("Marriage", "Residents"),
    // unless the document supports it as a name elsewhere (capitalised mid-sentence, or inside a longer name)
    if (words.length === 1 && !title && core === t && /^\p{Lu}\p{Ll}+$/u.test(core) && textSentenceStart(text, start)
      && (isCommonWord(core) || lowerWords.has(core.toLowerCase())) && !lookupOrg(core) && !lookupNorp(core) && !lookupPlaces(core).length
      && !supportedName(core, text, split)) continue;

    // built field by field, not spread from the tagger's candidate (start, end, text, type): one object
    // shape for every candidate, and no slow generic copy (candidates never leave this function)
    const cand: Cand = { start, end, text: t, type: c0.type, core, title, hint, tokens: matchTokensOf(core), cluster: -1 };
    const gk = govKey.get(start);
    if (gk) cand.tokens = gk.split(' ');
    if (!cand.tokens.length) continue;
    typeFix(cand);
    cands.push(cand);
  }

  // ---- 2. type fixes from lexicons and gazetteer ----
  function typeFix(c: Cand) {
    c.org = lookupOrg(c.core) ?? lookupOrg(c.text);
    if (c.org) { c.type = 'ORG'; return; }
    const firstWord = c.core.split(/\s+/)[0];
    const norp = lookupNorp(c.core);
    if (norp) { c.norp = norp; c.type = 'NORP'; return; }
    // "Afghan Army", "Pakistani Taliban": a demonym heading an organisation word is an ORG name
    if (lookupNorp(firstWord) && ORG_HEADS.test(c.core)) { c.type = 'ORG'; return; }
    const places = lookupPlaces(c.core);
    const before = text.slice(Math.max(0, c.start - 24), c.start), after = text.slice(c.end, c.end + 24);
    const placeContext = /\b(in|near|outside|into|across|towards?|through|from|to)\s+(the\s+)?$/i.test(before)
      || /^(['’]s)?\s+(police|county|city|residents|area|authorities|officials|mayor|province|district|region|border)\b/.test(after);
    // "San Francisco Chronicle", "Defense Ministry": an organisation head noun makes a multi-word name an ORG
    if (c.core.includes(' ') && ORG_HEAD.test(c.core) && !places.length && c.type !== 'PERSON') { c.type = 'ORG'; return; }
    // "to Forest Hill's hotel", "Forest Hill police": a known place the tagger took for a person
    if (c.type === 'PERSON' && !c.title && places.some((p) => p.feature !== 'region') && placeContext) { c.places = places; c.type = 'GPE'; return; }
    // a one-word name the tagger called a place but no gazetteer knows: "the Assad regime" is a person, "analyst at Stratfor" an organisation
    if ((c.type === 'GPE' || c.type === 'LOC') && !places.length && !c.hint && !c.core.includes(' ') && !isAcronym(c.core) && !lookupPlaces(c.core, true).length) {
      const before60 = text.slice(Math.max(0, c.start - 60), c.start), after80 = text.slice(c.end, c.end + 80);
      if (/^(['’]s)?\s+(regime|government|administration|loyalists|supporters|family|clan)\b/.test(after)) { c.type = 'PERSON'; return; }
      if (ORG_CUE_BEFORE.test(before60) || ORG_CUE_AFTER.test(after80)) { c.type = 'ORG'; return; }
    }
    const placeish = c.type === 'LOC' || c.type === 'GPE' || c.hint !== null;
    if (places.length && (placeish || places.some((p) => p.feature === 'country' || p.feature === 'region'))) {
      c.places = places; c.type = places.every((p) => p.feature === 'region') ? 'LOC' : 'GPE'; return;
    }
    if ((c.type === 'LOC' || c.type === 'GPE') && !places.length) {
      const fuzzy = lookupPlaces(c.core, true);
      if (fuzzy.length) { c.places = fuzzy; if (c.type === 'LOC' && fuzzy.some((p) => p.feature !== 'region')) c.type = 'GPE'; }
      return;
    }
    // a personal title marks a person whatever the tagger said
    if (c.title && c.type !== 'PERSON') c.type = 'PERSON';
    // "le général Sylvain Ekenge", "Col. Mak Hazukay": a title just before an unknown multi-word name the tagger called an organisation
    if (c.type === 'ORG' && c.core.includes(' ') && !ORG_HEAD.test(c.core) && !isAcronym(c.core) && titleBefore(text, c.start)) c.type = 'PERSON';
  }

  // ---- 3. clustering ----
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const byOrg = new Map<OrgEntry, Cluster>(), byNorp = new Map<NorpEntry, Cluster>();
  for (const c of cands) {
    const key = c.tokens.join(' ');
    let cl = (c.org && byOrg.get(c.org)) || (c.norp && byNorp.get(c.norp)) || byKey.get(key);
    if (!cl) { cl = { id: clusters.length, cands: [], type: c.type, alive: true }; clusters.push(cl); }
    cl.cands.push(c); c.cluster = cl.id;
    byKey.set(key, cl);
    if (c.org) { cl.org ??= c.org; byOrg.set(c.org, cl); }
    if (c.norp) { cl.norp ??= c.norp; byNorp.set(c.norp, cl); }
  }
  const merge = (into: Cluster, from: Cluster) => {
    if (into === from || !from.alive) return;
    for (const c of from.cands) { c.cluster = into.id; into.cands.push(c); }
    into.org ??= from.org; into.norp ??= from.norp;
    from.cands = []; from.alive = false;
  };
  const live = () => clusters.filter((c) => c.alive);
  for (const cl of clusters) cl.type = voteType(cl);

  // same place (country aliases: "US", "United States", "America")
  const byCountry = new Map<string, Cluster>();
  for (const cl of live()) {
    const cc = cl.cands.flatMap((c) => c.places ?? []).find((p) => p.feature === 'country' && cl.cands.every((c) => !c.places || c.places.some((q) => q === p)));
    if (!cc || cl.org) continue;
    const other = byCountry.get(cc.id);
    if (other) merge(other, cl); else byCountry.set(cc.id, cl);
  }

  // "Calif." and "California": an unambiguous abbreviation joins the cluster whose candidates include its place
  for (const cl of live()) {
    const ps = cl.cands.map((c) => c.places ?? []);
    if (cl.org || !ps.every((l) => l.length === 1 && l[0] === ps[0][0]) || ps[0][0].feature !== 'admin1') continue;
    const owner = live().find((o) => o !== cl && !o.org && (o.type === 'GPE' || o.type === 'LOC') && o.cands.some((c) => c.places?.includes(ps[0][0])));
    if (owner) merge(owner, cl);
  }

  // acronyms: "Long Name (ACR)" in the text, or an acronym that spells exactly one multi-word name
  for (const acl of live()) {
    const acr = acl.cands.find((c) => isAcronym(c.core))?.core;
    if (!acr || acl.cands.some((c) => !isAcronym(c.core))) continue;
    const letters = acr.replace(/\./g, '');
    let target: Cluster | undefined;
    // built once per acronym, not per candidate (it does not depend on the candidate)
    const defined = new RegExp(`^['’]?s?\\s*\\(\\s*${letters.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\)`);
    for (const c of cands) {
      if (c.cluster === acl.id) continue;
      const after = text.slice(c.end, c.end + letters.length + 8);
      if (defined.test(after) && spells(letters, c.core)) { target = clusters[c.cluster]; break; }
    }
    if (!target) {
      const hits = live().filter((cl) => cl !== acl && cl.type === acl.type && cl.cands.some((c) => c.core.split(/\s+/).length >= 2 && spells(letters, c.core)));
      if (hits.length === 1) target = hits[0];
    }
    if (target && target.alive && !(acl.org && target.org && acl.org !== target.org)) { merge(target, acl); target.type = voteType(target); }
  }

  // person back-references: "Sadat" → "Sami Sadat", "bin Laden" → "Osama bin Laden"; shared surnames stay apart
  // (the person clusters change only when this loop merges: listed again only then)
  let personList: Cluster[] | null = null;
  const persons = () => (personList ??= live().filter((cl) => cl.type === 'PERSON'));
  // longer partial names first, so "bin Laden" has joined "Osama bin Laden" before "Laden" looks for its owner
  for (const cl of [...live()].sort((a, b) => longest(b) - longest(a))) {
    if (!cl.alive || cl.org || cl.norp || cl.cands.some((c) => c.places?.length)) continue;
    const mine = content(cl.cands[0].tokens);
    if (!mine.length) continue;
    const myLen = Math.max(...cl.cands.map((c) => c.tokens.length));
    const fulls = persons().filter((p) => p !== cl && p.cands.some((c) => { if (c.tokens.length <= myLen) return false; const t = content(c.tokens); return endsWith(t, mine) || startsWith(t, mine); }));
    // a candidate owner whose name is part of another candidate's name is that same person
    const names = fulls.map((p) => content(fullest(p).tokens));
    const distinct = new Set(names.filter((n) => !names.some((o) => o.length > n.length && endsWith(o, n))).map((n) => n.join(' ')));
    if (fulls.length >= 1 && distinct.size === 1) {
      // several clusters of the same full name collapse too
      const owner = fulls.reduce((a, b) => (longest(b) > longest(a) ? b : a));
      for (const f of fulls) merge(owner, f);
      merge(owner, cl); owner.type = 'PERSON';
      personList = null;
    }
  }

  // organisation back-reference by its first word ("UN" after "UN Security Council", "Stanford" after "Stanford University")
  for (const cl of live()) {
    if (cl.type !== 'ORG' || cl.cands.some((c) => c.tokens.length !== 1)) continue;
    const first = Math.min(...cl.cands.map((c) => c.start));
    const owners = live().filter((o) => o !== cl && o.type === 'ORG' && o.cands.some((c) => c.tokens.length >= 2 && c.tokens[0] === cl.cands[0].tokens[0] && c.start < first));
    if (owners.length === 1) merge(owners[0], cl);
  }

  // "The Chronicle" after "The San Francisco Chronicle": an organisation referred back to by its head noun
  for (const cl of live()) {
    if (cl.type !== 'ORG' || cl.org || cl.cands.some((c) => c.tokens.length !== 1 || isAcronym(c.core))) continue;
    const first = Math.min(...cl.cands.map((c) => c.start));
    const w = cl.cands[0].tokens[0];
    const owners = live().filter((o) => o !== cl && o.type === 'ORG' && o.cands.some((c) => c.tokens.length >= 2 && c.tokens[c.tokens.length - 1] === w && c.start < first && ORG_HEAD.test(c.core)));
    if (owners.length === 1) merge(owners[0], cl);
  }

  // "The Rukban camp, also known as the Berm": a second name of the same place or organisation
  for (const c of cands) {
    if (!clusters[c.cluster]?.alive) continue;
    const before = text.slice(Math.max(0, c.start - 200), c.start);
    // (the pattern ends in "as" or "the" and white space: most candidates are ruled out without it)
    const bt = before.trimEnd(), tail = bt.slice(-3).toLowerCase();
    if (bt.length === before.length || !(tail.endsWith('as') || tail === 'the')) continue;
    const km = /,?\s+(?:also\s+|better\s+|locally\s+|commonly\s+)?(?:known|referred\s+to)\s+as\s+(?:the\s+)?$/i.exec(before);
    if (!km) continue;
    const cut = c.start - before.length + km.index!;
    const prev = cands.filter((p) => p.end <= cut && p.cluster !== c.cluster && clusters[p.cluster]?.alive && /^(?:\s+\p{Ll}[\p{Ll}-]*){0,2}$/u.test(text.slice(p.end, cut))).pop();
    const a = prev && clusters[prev.cluster], b = clusters[c.cluster];
    if (!a || a.type === 'PERSON' || b.type === 'PERSON' || a.type === 'NORP' || b.type === 'NORP' || (a.org && b.org && a.org !== b.org)) continue;
    if (b.cands.some((x) => x.places?.some((p) => p.feature === 'country'))) continue;
    merge(a, b); a.type = voteType(a);
  }

  // ---- 4. document-level consistency: unmatched occurrences of known names become mentions ----
  const taken: [number, number][] = cands.map((c) => [c.start, c.end]);
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  const forms: { form: string; cl: Cluster }[] = [];
  const personSurnames = new Map<string, Set<Cluster>>();
  for (const cl of live()) {
    const fs = new Set<string>();
    for (const c of cl.cands) { fs.add(c.text); fs.add(c.core); }
    if (cl.norp) for (const f of cl.norp.forms) fs.add(f);
    if (cl.org) for (const f of [cl.org.name, ...cl.org.aliases]) if (!isAcronym(f)) fs.add(stripThe(f));
    if (cl.type === 'PERSON') {
      const full = fullest(cl).core.split(/\s+/);
      if (full.length >= 2) { const s = full[full.length - 1]; if (!personSurnames.has(s)) personSurnames.set(s, new Set()); personSurnames.get(s)!.add(cl); }
    }
    for (const f of fs) forms.push({ form: f, cl });
  }
  for (const [s, owners] of personSurnames) if (owners.size === 1) forms.push({ form: s, cl: [...owners][0] });
  forms.sort((a, b) => b.form.length - a.form.length);
  const dropInside = (s: number, e: number) => {
    for (const cl of live()) cl.cands = cl.cands.filter((c) => !(c.start >= s && c.end <= e && (c.start > s || c.end < e)));
    for (let i = taken.length - 1; i >= 0; i--) if (taken[i][0] >= s && taken[i][1] <= e) taken.splice(i, 1);
  };
  for (const { form, cl } of forms) {
    // long names (3+ words) also match with other casing and hyphen/space ("al-Qaeda in the Indian subcontinent")
    if (form.split(/\s+/).length >= 3) {
      for (const m of longFormMatches(text, form)) {
        const s0 = m.index!, e0 = s0 + m[0].length;
        if (taken.some(([a, b]) => a === s0 && b === e0)) continue;
        if (taken.some(([a, b]) => s0 < b && e0 > a && (a < s0 || b > e0))) continue; // inside or across a longer one
        dropInside(s0, e0);
        cl.cands.push({ start: s0, end: e0, text: m[0], type: cl.type, core: m[0], title: null, hint: null, tokens: [], cluster: cl.id });
        taken.push([s0, e0]);
      }
      continue;
    }
    if (form.length < 2 || !/\p{Lu}/u.test(form)) continue;
    const single = !/\s/.test(form);
    if (single && (lowerWords.has(form.toLowerCase()) || SENTENCE_STARTERS.has(form.toLowerCase()))) continue;
    let at = text.indexOf(form);
    while (at >= 0) {
      const e = at + form.length;
      const before = at > 0 ? text[at - 1] : ' ', after = e < text.length ? text[e] : ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after) && !overlaps(at, e)) {
        const c: Cand = { start: at, end: e, text: form, type: cl.type, core: form, title: null, hint: null, tokens: [], cluster: cl.id };
        cl.cands.push(c); taken.push([at, e]);
      }
      at = text.indexOf(form, at + 1);
    }
  }

  // ---- 5. geo ----
  const docCountries = new Map<string, number>();
  for (const cl of live()) {
    const cc = cl.type === 'GPE' && cl.cands.flatMap((c) => c.places ?? []).find((p) => p.feature === 'country');
    if (cc) docCountries.set(cc.country, (docCountries.get(cc.country) ?? 0) + cl.cands.length);
    if (cl.norp?.country) docCountries.set(cl.norp.country, (docCountries.get(cl.norp.country) ?? 0) + cl.cands.length);
  }
  for (const cl of live()) if (cl.type === 'GPE' || cl.type === 'LOC') cl.place = placeFor(cl);
  // a second pass lets districts be checked against the province the article names
  const docAdmin1 = new Set(live().map((cl) => cl.place?.admin1Code).filter(Boolean) as string[]);
  for (const cl of live()) if ((cl.type === 'GPE' || cl.type === 'LOC') && cl.place?.feature !== 'country') cl.place = placeFor(cl, docAdmin1) ?? cl.place;

  function placeFor(cl: Cluster, docAdmin1?: Set<string>): Place | null {
    let hint: Feature | null = null;
    let parents: Place[] = [];
    for (const c of cl.cands) {
      hint ??= c.hint;
      const after = text.slice(c.end, c.end + 80);
      const m1 = /^\s+(province|district|city|county|state|governorate)\b/i.exec(after)
        ?? /^,\s+(?:the|a)\s+(?:[\p{Ll}-]+\s+){0,2}(province|district|city|capital|country|region|state)\b/u.exec(after);
      if (m1) hint ??= ADMIN_WORD[m1[1].toLowerCase()] ?? null;
      const m2 = /^(?:\s+(?:province|district))?\s+(?:of|in)\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?)/u.exec(after);
      if (m2) parents = parents.concat(lookupPlaces(m2[1]).filter((p) => p.feature === 'admin1' || p.feature === 'country'));
    }
    const names = [...new Set(cl.cands.map((c) => c.core))];
    let pool: Place[] = [];
    for (const n of names) pool = pool.concat(lookupPlaces(n));
    if (!pool.length) for (const n of names) pool = pool.concat(lookupPlaces(n, true).filter((p) => docCountries.has(p.country) || hint));
    if (!pool.length) return null;
    pool = [...new Set(pool)];
    if (hint) { const h = pool.filter((p) => p.feature === hint || (hint === 'admin1' && p.feature === 'region')); if (h.length) pool = h; }
    if (parents.length) {
      const inParent = pool.filter((p) => parents.some((q) => q.feature === 'country' ? p.country === q.country : p.admin1Code === q.admin1Code));
      if (inParent.length) pool = inParent;
    }
    const total = [...docCountries.values()].reduce((a, b) => a + b, 0) || 1;
    const score = (p: Place) => {
      const rank: Record<Feature, number> = { country: 6, region: 4, admin1: 4, city: p.pop >= 100000 ? 4.5 : 2.5, admin2: 3 };
      // a district or town in a province the article names; a national capital (metonymic "Washington", "Beijing")
      return 10 * ((docCountries.get(p.country) ?? 0) / total) + (docAdmin1?.has(p.admin1Code ?? '') && p.feature !== 'admin1' ? 2 : 0)
        + rank[p.feature] + Math.log10(Math.max(1, Math.min(p.pop, 1e8))) / 10 + (isCapital(p) ? 1.5 : 0);
    };
    return pool.reduce((a, b) => (score(b) > score(a) ? b : a));
  }

  // ---- 6. assemble ----
  // (each cluster's first offset computed once, not in every comparison)
  const firstAt = new Map<Cluster, number>();
  for (const cl of live()) if (cl.cands.length) firstAt.set(cl, Math.min(...cl.cands.map((c) => c.start)));
  const out = [...firstAt.keys()].sort((a, b) => firstAt.get(a)! - firstAt.get(b)!);
  const all = out.flatMap((cl) => cl.cands.map((c) => ({ c, cl }))).sort((a, b) => a.c.start - b.c.start);
  const mentions: Mention[] = [];
  const entities: Entity[] = [];
  const eid = new Map<Cluster, string>();
  out.forEach((cl, i) => eid.set(cl, `e${i + 1}`));
  const maxCount = Math.max(1, ...out.map((cl) => cl.cands.length));
  const mentionsOf = new Map<Cluster, Mention[]>(out.map((cl) => [cl, []]));
  for (const { c, cl } of all) {
    const m: Mention = { id: `m${mentions.length + 1}`, start: c.start, end: c.end, text: c.text, type: cl.type, entity: eid.get(cl)! };
    mentions.push(m); mentionsOf.get(cl)!.push(m);
  }
  for (const cl of out) {
    const ms = mentionsOf.get(cl)!;
    const name = entityName(cl);
    const e: Entity = {
      id: eid.get(cl)!, name, type: cl.type,
      aliases: [...new Set(ms.map((m) => m.text))].filter((a) => a !== name),
      mentions: ms.map((m) => m.id),
      salience: Math.round((0.7 * ms.length / maxCount + 0.3 * (1 - ms[0].start / Math.max(1, text.length))) * 1000) / 1000,
    };
    if (cl.type === 'ORG') e.subtype = orgSubtype(cl, text);
    if (cl.org?.kb) e.kb = cl.org.kb;
    if ((cl.type === 'GPE' || cl.type === 'LOC') && cl.place) {
      e.geo = toGeo(cl.place);
      if (cl.place.feature === 'region') e.type = 'LOC';
      for (const m of ms) m.type = e.type;
    }
    entities.push(e);
  }
  return { mentions, entities };
}

// ---- helpers ----

// The lexicon's titles, longest first, with their "title " prefixes and, by the first word of that
// prefix, the indexes of the titles that have it (in the same order): computed once per lexicon
// rather than sorted, concatenated and tried one by one for every candidate of every document.
type Titles = string[] & { spaced: string[]; byFirstWord: Map<string, number[]> };
let titleCache: { from: string[]; titles: Titles } | null = null;
function sortedTitles(from: string[]): Titles {
  if (titleCache?.from !== from) {
    const titles = [...from].sort((a, b) => b.length - a.length) as Titles;
    titles.spaced = titles.map((t) => t + ' ');
    titles.byFirstWord = new Map();
    titles.spaced.forEach((sp, k) => {
      const first = sp.slice(0, sp.indexOf(' '));
      const group = titles.byFirstWord.get(first);
      if (group) group.push(k); else titles.byFirstWord.set(first, [k]);
    });
    titleCache = { from, titles };
  }
  return titleCache.titles;
}

// Word edges as the lookarounds (?<![\p{L}\p{N}]) and (?![\p{L}\p{N}]) test them, by code point.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
function letterBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const lo = text.charCodeAt(at - 1);
  const pair = lo >= 0xdc00 && lo <= 0xdfff && at >= 2 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800;
  return LETTER_OR_DIGIT.test(pair ? text.slice(at - 2, at) : text[at - 1]);
}
function letterAfter(text: string, at: number): boolean {
  return at < text.length && LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at)!));
}

/**
 * Matches of a long name with other casing and a hyphen or space between its words, not inside a
 * longer word: exactly text.matchAll(/(?<![\p{L}\p{N}])w1[\s-]+w2…(?![\p{L}\p{N}])/giu). V8 takes
 * ~0.6 ms to compile that pattern (the \p{L} classes under the i flag) for every new name — several
 * per article — and ~0.04 ms for the bare words, so the edges are checked here instead. The words
 * hold no space or hyphen, so the words pattern has one possible end per start and the edge checks
 * decide exactly what the lookarounds would; a candidate that fails them is retried one code point
 * later, as the regex scan would. Patterns are memoised per name (bounded; names recur).
 */
// compiled patterns are not small: keep fewer
const escapeRe = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longFormPattern = memoize((form: string) => new RegExp(form.split(/[\s-]+/).map(escapeRe).join('[\\s-]+'), 'giu'), 1000);
function longFormMatches(text: string, form: string): RegExpExecArray[] {
  const words = form.split(/[\s-]+/).map(escapeRe);
  if (words.some((w) => !w)) { // an edge hyphen/space: keep the lookaround pattern (its end can backtrack)
    return [...text.matchAll(new RegExp('(?<![\\p{L}\\p{N}])' + words.join('[\\s-]+') + '(?![\\p{L}\\p{N}])', 'giu'))];
  }
  const re = longFormPattern(form);
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = re.exec(text));) {
    const s0 = m.index, e0 = s0 + m[0].length;
    if (!letterBefore(text, s0) && !letterAfter(text, e0)) { out.push(m); continue; } // exec resumes at e0
    re.lastIndex = s0 + (text.codePointAt(s0)! > 0xffff ? 2 : 1);
  }
  return out;
}

/** /\s/ on one UTF-16 unit: WhiteSpace and LineTerminator (all in the BMP). */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Page chrome that looks like a name: URLs and domains ("www.example.com", "example.org"), copyright lines. */
export function isChrome(t: string, start: number, end: number, text: string): boolean {
  if (/^(?:https?:\/\/|www\.)|^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|info|int|io|co|news|tv|uk|fr|de|ke|ng|za|cd)(?:\/\S*)?$/i.test(t)) return true;
  // the candidate sits inside a URL or domain token of the text
  let s = start, e = end;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
  const tok = text.slice(s, e).replace(/[.,;:!?)\]]+$/, '');
  if (/^(?:https?:\/\/|www\.)/i.test(tok) || /^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io)(?:\/\S*)?$/i.test(tok)) return true;
  return /^(?:copyright|©|\(c\))/i.test(t) || /^all rights reserved$/i.test(t);
}

/** Does the text start a sentence at this offset (text start, a line start, or after . ! ? with optional closing quote)? */
export function textSentenceStart(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 6), at);
  return at === 0 || /(?:^|\n)[\s"“‘'(\[]*$/.test(before) || /[.!?][\s"”’')\]]*\s[\s"“‘'(]*$/.test(before) && !/\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Maj|Capt|Sgt|Brig|Rep|Sen|Gov|No|vs)\.\s*$/.test(before);
}

/** A capitalised word the document also uses as a name: capitalised mid-sentence, or inside a longer candidate. */
function supportedName(w: string, text: string, cands: MentionCandidate[]): boolean {
  if (cands.some((c) => c.text !== w && c.text.split(/[\s-]+/).includes(w))) return true;
  // text.matchAll(/(?<![\p{L}\p{N}])w(?![\p{L}\p{N}])/gu) without compiling a pattern per word:
  // w is letters only, so its occurrences never overlap and indexOf finds the same candidates
  for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
    if (letterBefore(text, at) || letterAfter(text, at + w.length)) continue;
    if (!textSentenceStart(text, at)) return true;
  }
  return false;
}

/** Is the word before this offset a personal title ("Col.", "le général", "Brig. Gen.")? */
function titleBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 30), at);
  const m = /(?:^|[\s(])((?:le\s+|la\s+)?[\p{L}.-]+)\s+$/u.exec(before);
  return !!m && isTitleWord(m[1]);
}

/** Curated organisations the tagger missed (it never saw "Taliban" as an ORG in 1996 Reuters): longest n-gram first, capitalised starts only. */
function lexiconCandidates(nlp: NlpDocument, tagged: MentionCandidate[]): MentionCandidate[] {
  const out: MentionCandidate[] = [];
  const toks = nlp.tokens, text = nlp.text;
  const covered = (s: number, e: number) => tagged.some((c) => c.start < e && c.end > s) || out.some((c) => c.start < e && c.end > s);
  const trie = orgKeyTrie();
  const possible: boolean[] = [];
  for (let i = 0; i < toks.length; i++) {
    // "neo-Nazis", "anti-Semites": a listed group name with a lower-case prefix the tagger never starts on
    if (toks[i + 2] && toks[i + 1].text === '-' && /^\p{Ll}+$/u.test(toks[i].text) && toks[i + 1].start === toks[i].end && toks[i + 2].start === toks[i + 1].end
      && /^\p{Lu}/u.test(toks[i + 2].text)) {
      const s = toks[i].start, e = toks[i + 2].end, t = text.slice(s, e);
      if (lookupNorp(t) && !covered(s, e)) { out.push({ start: s, end: e, text: t, type: 'NORP' }); i += 2; continue; }
    }
    const c0 = toks[i].text.charCodeAt(0); // \p{Lu} on ASCII is A-Z
    if (c0 < 128 ? !(c0 >= 65 && c0 <= 90) : !/^\p{Lu}/u.test(toks[i].text)) continue;
    const last = Math.min(toks.length - 1, i + 5);
    // Which n-grams i..j can lookupOrg find at all: a plain-text n-gram whose compactKey walks off the
    // org-key trie is a certain miss (and so is every longer plain one); any other n-gram is looked up.
    let node = 0, plain = true, end = toks[i].start;
    for (let j = i; j <= last; j++) {
      if (toks[j].sentence !== toks[i].sentence) break;
      if (plain) {
        if (toks[j].end < end) plain = false; // (tokens out of order: no shortcut)
        else {
          const r = walkOrgKey(trie, node, text, end, toks[j].end);
          if (r === -2) plain = false; else node = r;
          end = toks[j].end;
        }
      }
      possible[j] = !plain || (node >= 0 && trie.full[node] === 1);
    }
    for (let j = last; j >= i; j--) {
      if (toks[j].sentence !== toks[i].sentence || !possible[j]) continue;
      const s = toks[i].start, e = toks[j].end;
      const t = text.slice(s, e);
      const org = lookupOrg(t);
      // short forms must match exactly ("Let" is not "LeT")
      if (!org || (t.length <= 4 && ![org.name, ...org.aliases].includes(t))) continue;
      if (!covered(s, e)) out.push({ start: s, end: e, text: t, type: 'ORG' });
      i = j;
      break;
    }
  }
  return out;
}

/** s.replace(/^the\s+/i, ''), without running the pattern on the (many) names that do not start with t-h-e. */
const THE_PREFIX = /^the\s+/i;
function stripThe(s: string): string {
  // under /i (no u flag) only ASCII t/T, h/H, e/E match: c | 32 folds exactly those
  return (s.charCodeAt(0) | 32) === 116 && (s.charCodeAt(1) | 32) === 104 && (s.charCodeAt(2) | 32) === 101 ? s.replace(THE_PREFIX, '') : s;
}

// Match tokens are a pure function of the name (the lexicons never change once loaded) and names
// recur within and across documents: memoised (bounded). The arrays are shared, never modified.
let particleSet: Set<string> | null = null;
const matchTokensOf = memoize((core: string) => {
  const names = lexicons().names;
  particleSet ??= new Set(names.particles);
  return matchTokens(core, particleSet, names.transliteration);
});
/** Canonical tokens for matching: normalised, transliteration variants unified, a leading article/particle dropped. */
function matchTokens(core: string, particles: Set<string>, translit: Record<string, string>): string[] {
  let toks = normKey(core).split(' ').filter(Boolean).map((t) => translit[t] ?? t);
  if (toks[0] === 'the') toks = toks.slice(1);
  if (toks.length > 1 && particles.has(toks[0])) toks = toks.slice(1);
  return toks;
}
/** Name tokens without particles ("bin", "al"), for surname matching. */
const content = (toks: string[]) => toks.filter((t) => !['al', 'el', 'bin', 'ibn', 'ben', 'bint', 'ul', 'ad', 'de', 'van', 'von'].includes(t));
const endsWith = (a: string[], b: string[]) => b.every((t, i) => a[a.length - b.length + i] === t);
const startsWith = (a: string[], b: string[]) => b.length === 1 && a[0] === b[0];
const longest = (cl: Cluster) => Math.max(0, ...cl.cands.map((c) => c.tokens.length));
function fullest(cl: Cluster): Cand {
  return cl.cands.reduce((a, b) => (b.tokens.length > a.tokens.length ? b : a));
}

/** Does an acronym spell a name? First letter = first word; every capitalised word's initial in order. */
function spells(acr: string, name: string): boolean {
  const words = name.split(/[\s-]+/).filter(Boolean);
  if (words.length < 2 || acr[0].toUpperCase() !== words[0][0].toUpperCase()) return false;
  // dynamic match: each acronym letter consumes a word initial; capitalised words may not be skipped
  const A = acr.toUpperCase();
  const go = (i: number, j: number): boolean => {
    if (i === A.length) return words.slice(j).every((w) => !/^\p{Lu}/u.test(w));
    if (j === words.length) return false;
    const w = words[j];
    if (w[0].toUpperCase() === A[i] && go(i + 1, j + 1)) return true;
    return !/^\p{Lu}/u.test(w) && go(i, j + 1);
  };
  return go(0, 0);
}

function voteType(cl: Cluster): EntityType {
  if (cl.org || cl.cands.some((c) => c.org)) return 'ORG';
  if (cl.norp) return 'NORP';
  const votes = new Map<EntityType, number>();
  for (const c of cl.cands) votes.set(c.type, (votes.get(c.type) ?? 0) + (c.places ? 3 : c.title ? 2 : 1));
  return [...votes].sort((a, b) => b[1] - a[1])[0][0];
}

function entityName(cl: Cluster): string {
  const keep = new Set(lexicons().names.keep_title_in_name);
  const forms = cl.cands.filter((c) => c.tokens.length);
  const pool = forms.length ? forms : cl.cands;
  const plain = pool.filter((c) => !isAcronym(c.core));
  const cands = plain.length ? plain : pool;
  const count = (s: string) => cands.filter((c) => c.core === s).length;
  const best = cands.reduce((a, b) => {
    const la = a.core.split(/\s+/).length, lb = b.core.split(/\s+/).length;
    return lb > la || (lb === la && count(b.core) > count(a.core)) ? b : a;
  });
  // "Mullah Omar": a one-word name is known with its religious title
  if (best.core.split(/\s+/).length === 1) {
    const titled = cands.find((c) => c.title && keep.has(c.title));
    if (titled) return `${titled.title} ${titled.core}`;
  }
  return best.core;
}

const SUBTYPE_BY_NAME: [RegExp, OrgSubtype][] = [
  [/\b(Intelligence|Directorate of Security|Security Directorate|Secret Service|Spy Agency)\b/, 'intelligence_agency'],
  [/\b(Corps|Brigade|Battalion|Regiment|Division|Army|Navy|Air Force|Marines?|Special Forces|Commandos?|Forces|Guard|Squadron|Platoon|Command)\b/, 'military_unit'],
  [/\b(University|College|Institute|Center|Centre|School|Academy|Think Tank|Foundation)\b/, 'academic'],
  [/\b(Times|News|TV|Television|Radio|Post|Journal|Gazette|Herald|Tribune|Press|Media|Broadcasting|Magazine|Daily|Telegraph|Chronicle|Agency)\b/, 'media'],
  [/\b(United Nations|UN|NATO|Security Council|Union|Organi[sz]ation of|International)\b/, 'international_org'],
  [/\b(Party|Congress Party|Movement for)\b/, 'political_party'],
  [/\b(Ministry|Council|Government|Parliament|Senate|Department|Commission|Administration|Cabinet|Directorate|Office|Police|Court|Embassy)\b/, 'government'],
  [/\b(Inc|Corp|Corporation|Ltd|LLC|Company|Co|Group|Holdings|Bank)\b\.?$/, 'company'],
];
const ARMED_CUES = /\b(militant|insurgent|terrorist|jihadist|extremist|rebel|armed)\s+(group|groups|organi[sz]ation|network|movement|faction)s?\b|\b(insurgents|militants|insurgency|fighters|jihadists|terrorists)\b/i;
const MEDIA_CUES = /\b(told|reported|reporting|according to|spoke to|speaking to|shared with|interview with)\s*(the\s*)?$/i;

function orgSubtype(cl: Cluster, text: string): OrgSubtype {
  if (cl.org) return cl.org.subtype;
  const names = cl.cands.map((c) => c.core);
  for (const [re, st] of SUBTYPE_BY_NAME) if (names.some((n) => re.test(n))) return st;
  // context: what the article calls it, near its mentions
  let armed = 0, media = 0;
  for (const c of cl.cands) {
    const before = text.slice(Math.max(0, c.start - 30), c.start), around = text.slice(Math.max(0, c.start - 60), c.end + 60);
    if (MEDIA_CUES.test(before)) media++;
    if (ARMED_CUES.test(around)) armed++;
  }
  if (media >= 2 && media >= armed) return 'media';
  if (armed >= 2) return 'armed_group';
  return 'other';
}

/** Exposed for tests: the gazetteer's place candidates for a name. */
export { lookupPlaces, geoIndex };
