// resolve/spans: span repairs on the tagger's candidates before resolution, for news from any outlet.
// Each rule looks only at the text around a candidate and at the curated lexicons/gazetteer.
import type { EntityType, MentionCandidate } from '../types.js';
import { isAcronym, lexicons, lookupNorp, lookupOrg, lookupPlaces } from '../gazetteer/index.js';
import { GAZ_BIT, loadGazetteer } from '../ner/gazetteer.js';

/** Head nouns that make a multi-word name an organisation ("San Francisco Chronicle", "Defense Ministry"). */
export const ORG_HEAD = /\b(Ministry|Ministries|Department|Police|Army|Navy|Air Force|Forces|Guard|Corps|Council|Committee|Commission|Agency|Office|Bureau|Service|Court|Parliament|Senate|Congress|Assembly|Government|Administration|Party|Front|Movement|Union|Association|Federation|Organi[sz]ation|Institute|University|College|School|Academy|Center|Centre|Foundation|Fund|Bank|Company|Corporation|Corp|Inc|Ltd|LLC|Group|Holdings|Airlines|Airways|Times|Post|Journal|Gazette|Herald|Tribune|Chronicle|Telegraph|Press|News|Television|TV|Radio|Magazine|Network|Project|Brigade|Battalion|Division|Regiment|Command|Coalition|Alliance|League|Club|Church|Hospital|Embassy|Cabinet|Directorate)$/;
/** Offices between an organisation and a person's name ("US Trade Representative Robert Lighthizer"). */
const OFFICE = /^(Representative|Secretary|Minister|Chief|Director|Commissioner|Adviser|Advisor|Spokesman|Spokeswoman|Spokesperson|Attorney|Ambassador|Envoy|Coordinator|Administrator|Chairman|Chairwoman|Chair|President|General|Governor|Counsel|Officer|Commander|Head|Leader|Ombudsman|Mayor|Sheriff|Superintendent|Inspector|Negotiator|Czar|Tsar)$/;
/** Role nouns of people ("VOA Pentagon correspondent Carla Babb", "a Reuters reporter"). */
const ROLE = 'correspondent|reporter|editor|columnist|producer|anchor|writer|contributor|journalist|photographer|spokesman|spokeswoman|spokesperson|analyst|official|researcher|economist|scholar|commander|officer|chief|minister|adviser|advisor|director|representative';
/** A role noun inside a name run (built once, not per candidate). */
const ROLE_IN_NAME = new RegExp(`\\s(?:${ROLE})\\s+(?=\\p{Lu})`, 'u');
const JOURNALIST_ROLE = /^\s+(correspondent|reporter|editor|bureau chief|columnist|producer|anchor|writer|contributor|journalist|photographer)\b/;
const LEADING_MODIFIER = /^(Interim|Acting|Deputy|Outgoing|Incoming|Then|Late|Ex)\s+(?=\p{Lu})/u;

const norm = (s: string) => s.replace(/\./g, '').toLowerCase();
let titleSet: Set<string> | null = null;
/** Is this text only a personal title or its abbreviation ("Cmdr.", "Lt", "Secretary of State")? */
export function isTitle(s: string): boolean {
  titleSet ??= new Set(lexicons().names.titles.map(norm));
  return titleSet.has(norm(s.trim()));
}
/** A nationality adjective ("Russian", "Syrian"), from the NORP lexicon or the tagger's demonym list. */
export function isDemonym(w: string): boolean {
  return !!lookupNorp(w)?.country || !!(loadGazetteer().word(w.toLowerCase()) & GAZ_BIT.demonym);
}
/** A nationality or group word ("Iraqi", "Shia", "Kurds"), capitalised. */
const isNorpWord = (w: string) => /^\p{Lu}/u.test(w) && (!!lookupNorp(w) || isDemonym(w));
const known = (s: string) => !!lookupOrg(s) || isAcronym(s) || lookupPlaces(s).length > 0;
function typeOfKnown(s: string): EntityType {
  if (lookupOrg(s) || isAcronym(s)) return 'ORG';
  const ps = lookupPlaces(s);
  return ps.length && ps.every((p) => p.feature === 'region') ? 'LOC' : 'GPE';
}

/**
 * Lines of page navigation that reached the body ("Sports", "A&E", "Eat + Drink", "Travel" …): runs of
 * four or more consecutive short lines without sentence punctuation. Returns [start, end) ranges.
 */
export function menuRuns(text: string): [number, number][] {
  const lines: { s: number; e: number; short: boolean }[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const t = m[0].trim();
    if (!t) continue;
    // (words are only counted on lines short enough to matter)
    lines.push({ s: m.index!, e: m.index! + m[0].length, short: t.length <= 32 && t.split(/\s+/).length <= 4 && !/[.!?,;:"“”]$/.test(t) && !/^\d/.test(t) });
  }
  const out: [number, number][] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && lines[j].short) j++;
    if (j - i >= 4) out.push([lines[i].s, lines[j - 1].e]);
    i = Math.max(j, i + 1);
  }
  return out;
}

/** Span repairs; returns new candidates (sorted by start). */
export function refineSpans(cands: MentionCandidate[], text: string): MentionCandidate[] {
  const menus = menuRuns(text);
  let cs = cands.filter((c) => !menus.some(([s, e]) => c.start >= s && c.end <= e)).map((c) => ({ ...c }));
  cs.sort((a, b) => a.start - b.start || b.end - a.end);
  const set = (c: MentionCandidate, start: number, end: number) => { c.start = start; c.end = end; c.text = text.slice(start, end); };

  for (const c of cs) {
    // "Interim BART Police", "Acting Secretary": an office modifier is not part of the name
    const lm = LEADING_MODIFIER.exec(c.text);
    if (lm) set(c, c.start + lm[0].length, c.end);
    // a broken abbreviation: "S." from "Jordanian-U.S." is "U.S."
    if (/^(?:\p{Lu}\.)+$/u.test(c.text)) {
      const bm = /(?:\p{Lu}\.)+$/u.exec(text.slice(Math.max(0, c.start - 8), c.start));
      if (bm) set(c, c.start - bm[0].length, c.end);
    }
  }
  // a title alone is never a name ("Cmdr" of "Cmdr. Sean Robertson")
  cs = cs.filter((c) => !isTitle(c.text));

  const out: MentionCandidate[] = [];
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i], next = cs[i + 1];
    // a role noun inside a name run: "VOA Extremism Watch Desk reporter Nisan Ahmado" is ORG + PERSON
    const rm = ROLE_IN_NAME.exec(c.text);
    if (rm && c.type !== 'PERSON') {
      out.push({ start: c.start, end: c.start + rm.index, text: c.text.slice(0, rm.index), type: 'ORG' });
      const s2 = c.start + rm.index + rm[0].length;
      out.push({ start: s2, end: c.end, text: text.slice(s2, c.end), type: 'PERSON' });
      continue;
    }
    // "Russian Defense Ministry": a nationality adjective joined to the organisation it qualifies
    if (next && next.type === 'ORG' && /^ $/.test(text.slice(c.end, next.start)) && isDemonym(c.text) && ORG_HEAD.test(next.text)
      && (!lookupOrg(next.text) || lookupOrg(text.slice(c.start, next.end)))) {
      out.push({ start: c.start, end: next.end, text: text.slice(c.start, next.end), type: 'ORG' });
      i++;
      continue;
    }
    // "Iraqi Shia", "Sunni Arab": two nationality/group words side by side are two NORP mentions
    // ("North Korean", a listed form, stays one; "Iraqi Army" is an organisation, not a NORP run)
    if (c.type !== 'PERSON') {
      const ws = [...c.text.matchAll(/\S+/g)];
      if (ws.length >= 2 && !lookupNorp(c.text) && !lookupOrg(c.text) && ws.every((w) => isNorpWord(w[0]))) {
        for (const w of ws) out.push({ start: c.start + w.index!, end: c.start + w.index! + w[0].length, text: w[0], type: 'NORP' });
        continue;
      }
    }
    if (c.type !== 'PERSON') {
      const words = c.text.split(/\s+/);
      // "US Trade Representative Robert Lighthizer": the name run is an office; keep only a leading place/nationality
      const gap = next?.type === 'PERSON' ? text.slice(c.end, next.start) : '';
      const om = /^\s+((?:\p{Lu}[\p{L}.]*\s+){0,2}(\p{Lu}\p{Ll}+))\s+$/u.exec(gap);
      if (om && OFFICE.test(om[2]) && words.length >= 2 && !known(c.text) && !ORG_HEAD.test(c.text)) {
        for (let k = words.length - 1; k >= 1; k--) {
          const head = words.slice(0, k).join(' ');
          if (known(head) || isDemonym(head)) {
            out.push({ start: c.start, end: c.start + head.length, text: head, type: isDemonym(head) ? 'NORP' : typeOfKnown(head) });
            break;
          }
        }
        continue;
      }
      // "VOA Pentagon correspondent": an outlet and the beat it covers, both known names
      if (words.length >= 2 && JOURNALIST_ROLE.test(text.slice(c.end, c.end + 20)) && known(words[0]) && !known(c.text)) {
        const rest = words.slice(1).join(' ');
        if (known(rest)) {
          const s2 = c.start + c.text.indexOf(rest, words[0].length);
          out.push({ start: c.start, end: c.start + words[0].length, text: words[0], type: typeOfKnown(words[0]) });
          out.push({ start: s2, end: s2 + rest.length, text: rest, type: typeOfKnown(rest) });
          continue;
        }
      }
    }
    out.push(c);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * "the Syrian government", "the Syrian regime": a country's government named by its nationality is one
 * organisation. Returns the spans (demonym + government/regime) and the key that groups them.
 */
export function governmentSpans(text: string): { start: number; end: number; text: string; key: string }[] {
  // Exactly the matches of /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)\s+(government|regime)(?![\p{L}\p{N}])/gu, found
  // from the (rare) key words backwards instead of trying the pattern at every capital letter. Matches
  // cannot overlap (each starts at a capitalised word and ends with a lower-case key word).
  const out: { start: number; end: number; text: string; key: string }[] = [];
  for (const kw of GOV_WORDS) {
    for (let g = text.indexOf(kw); g >= 0; g = text.indexOf(kw, g + 1)) {
      const e = g + kw.length;
      if (e < text.length && LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(e)!))) continue;
      let w = g;
      while (w > 0 && SPACE.test(text[w - 1])) w--;
      if (w === g) continue;
      let p = w, c = codePointBefore(text, p);
      while (c && LOWER.test(c)) { p -= c.length; c = codePointBefore(text, p); }
      if (p === w || !c || !UPPER.test(c)) continue;
      p -= c.length;
      const b = codePointBefore(text, p);
      if (b && LETTER_OR_DIGIT.test(b)) continue;
      const word = text.slice(p, w);
      if (!isDemonym(word)) continue;
      out.push({ start: p, end: e, text: text.slice(p, e), key: word.toLowerCase() + ' government' });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
const GOV_WORDS = ['government', 'regime'];
const SPACE = /\s/, LOWER = /\p{Ll}/u, UPPER = /\p{Lu}/u, LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** The code point that ends just before `at` (a surrogate pair as one), or '' at the start. */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const lo = text.charCodeAt(at - 1);
  return lo >= 0xdc00 && lo <= 0xdfff && at >= 2 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800 ? text.slice(at - 2, at) : text[at - 1];
}
