// Republication: is this copy scraped or syndicated from another outlet, and which one?
//
// Evidence, strongest first:
//  1. the text says so: "This article originally appeared in X", "Republished from X", "Source: X";
//  2. a wire dateline at the start of one of the first paragraphs: "KABUL (Reuters) -", "HAYWARD, Calif. (AP) —",
//     "New Delhi, Nov 20 (PTI)";
//  3. a wire service as the author ("By Reuters", "Jane Doe, Associated Press", meta/JSON-LD author),
//     a wire sign-off or copyright line ("— AFP", "Copyright 2019 The Associated Press"),
//     the Reuters credit line ("Reporting by X; Editing by Y");
//  4. page metadata: meta syndication-source / original-source, JSON-LD isBasedOn / sourceOrganization /
//     provider, a canonical link to a wire's site or to another domain than the page's own.
// A copy whose original outlet is its own publisher is not a republication.
import type { RemovedSegment } from '../types.js';

export interface Republication { republication: boolean; original_publisher: string | null }

/** Metadata hints from the page (HTML only); all optional. */
export interface RepublicationSignals {
  /** raw author strings: meta author fields, JSON-LD author names, byline lines */
  authors?: string[];
  /** <link rel=canonical> */
  canonical?: string | null;
  /** the page's own address (og:url, or the URL it was fetched from) */
  pageUrl?: string | null;
  /** meta syndication-source / original-source (URLs or names) */
  syndicationSources?: string[];
  /** meta source / dc.source / article:source values (names) */
  sourceNames?: string[];
  /** JSON-LD isBasedOn: URLs or names of the work this one is based on */
  basedOn?: string[];
  /** JSON-LD sourceOrganization / provider names */
  sourceOrganizations?: string[];
}

/** Wire services and news agencies: canonical name, the names they go by, their domains. (Data, not rules.) */
export const WIRE_SERVICES: { name: string; aliases: string[]; domains: string[] }[] = [
  { name: 'Associated Press', aliases: ['Associated Press', 'The Associated Press', 'AP', 'AP News'], domains: ['apnews.com', 'ap.org'] },
  { name: 'Reuters', aliases: ['Reuters', 'Thomson Reuters', 'Reuters News'], domains: ['reuters.com'] },
  { name: 'AFP', aliases: ['AFP', 'Agence France-Presse', 'Agence France Presse', 'AFP News'], domains: ['afp.com'] },
  { name: 'PTI', aliases: ['PTI', 'Press Trust of India'], domains: ['ptinews.com'] },
  { name: 'IANS', aliases: ['IANS', 'Indo-Asian News Service'], domains: ['ianslive.in', 'ians.in'] },
  { name: 'ANI', aliases: ['ANI', 'Asian News International'], domains: ['aninews.in'] },
  { name: 'Bloomberg', aliases: ['Bloomberg', 'Bloomberg News'], domains: ['bloomberg.com'] },
  { name: 'dpa', aliases: ['dpa', 'DPA', 'Deutsche Presse-Agentur', 'Deutsche Presse Agentur'], domains: ['dpa.com', 'dpa-international.com'] },
  { name: 'Xinhua', aliases: ['Xinhua', 'Xinhua News Agency'], domains: ['xinhuanet.com', 'news.cn'] },
  { name: 'UPI', aliases: ['UPI', 'United Press International'], domains: ['upi.com'] },
  { name: 'EFE', aliases: ['EFE', 'Agencia EFE'], domains: ['efe.com'] },
  { name: 'Kyodo', aliases: ['Kyodo', 'Kyodo News'], domains: ['kyodonews.net'] },
  { name: 'Yonhap', aliases: ['Yonhap', 'Yonhap News Agency'], domains: ['yna.co.kr'] },
  { name: 'Anadolu Agency', aliases: ['Anadolu Agency', 'Anadolu'], domains: ['aa.com.tr'] },
  { name: 'TASS', aliases: ['TASS', 'ITAR-TASS'], domains: ['tass.com', 'tass.ru'] },
  { name: 'ANSA', aliases: ['ANSA'], domains: ['ansa.it'] },
  { name: 'CNN', aliases: ['CNN', 'CNN Wire'], domains: ['cnn.com'] },
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Short all-caps aliases (AP, ANI, UPI) must match case; longer names may be in any case ("ASSOCIATED PRESS"). */
const aliasRe = (a: string) => (a.length <= 5 ? esc(a) : `(?:${[a, a.toUpperCase()].map((x) => esc(x).replace(/\\?[ -]/g, '[\\s-]+')).join('|')})`);
const ALIAS_ALT = (w: (typeof WIRE_SERVICES)[number]) => w.aliases.slice().sort((a, b) => b.length - a.length).map(aliasRe).join('|');

/** The wire service a name stands for ("The Associated Press", "AP", "Thomson Reuters"), or null. */
export function wireNamed(name: string | null | undefined): string | null {
  const t = (name ?? '').replace(/^\s*(?:by|from|source|via)\s*:?\s+/i, '').replace(/[\s.,;:()—–-]+$|^[\s(—–-]+/g, '').trim();
  if (!t) return null;
  for (const w of WIRE_SERVICES) {
    for (const a of w.aliases) {
      if (a.length <= 5 ? t === a || t === `The ${a}` : t.toLowerCase().replace(/^the\s+/, '') === a.toLowerCase().replace(/^the\s+/, '')) return w.name;
    }
  }
  return null;
}

/** Wire service that an author string credits: "Reuters", "By The Associated Press", "Jane Doe, AP", "MIKE CORDER Associated Press". */
export function wireOfAuthor(author: string): string | null {
  const t = author.replace(/\s+/g, ' ').trim();
  const direct = wireNamed(t);
  if (direct) return direct;
  for (const w of WIRE_SERVICES) {
    const alias = ALIAS_ALT(w);
    // "Name, AP" / "Name | Reuters" / "Name - AFP"; multi-word names may follow a plain space
    const re = new RegExp(`(?:[,|/–—]\\s*|\\s-\\s|\\s(?=(?:The\\s+)?(?:${w.aliases.filter((a) => a.includes(' ')).map(aliasRe).join('|') || '(?!)'})))(?:The\\s+)?(?:${alias})(?:\\s+(?:staff|writer|correspondent|reporters?|[A-Z][a-z]+\\s+(?:writer|correspondent)))?\\s*$`, 'u');
    if (re.test(t)) return w.name;
  }
  return null;
}

// An outlet name: up to five capitalised words ("The Daily Beast", "Foreign Policy", "BBC News").
const NAME = String.raw`((?:[Tt]he\s+)?[\p{Lu}][\p{L}\p{N}&.'’-]*(?:\s+(?:of|on|for|and|&|[\p{Lu}][\p{L}\p{N}&.'’-]*)){0,5})`;
// No /i flag here: with /iu, \p{Lu} would match lowercase letters too and NAME would run on.
const PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:[Oo]riginally|[Ff]irst)\s+(?:appeared|published|ran|posted)\s+(?:in|on|at|by)\s+${NAME}`, 'u'),
  new RegExp(String.raw`\b[Rr]epublished\s+(?:here\s+)?(?:with\s+(?:the\s+)?permission\s+)?(?:from|of|by)\s+${NAME}`, 'u'),
  new RegExp(String.raw`^\s*(?:[Ll]earn|LEARN)\s+(?:more|MORE)\s+(?:about|ABOUT)\s+${NAME}`, 'u'),
  new RegExp(String.raw`^\s*(?:[Ss]ource|SOURCE)\s*:\s*${NAME}\s*\.?\s*$`, 'u'),
  new RegExp(String.raw`^\s*${NAME}\s+[Mm]embership\s*:`, 'u'),
  new RegExp(String.raw`\b[Rr]ead\s+(?:the\s+)?(?:original|full)\s+(?:article|story)\s+(?:at|on)\s+${NAME}`, 'u'),
  new RegExp(String.raw`\b(?:[Tt]his|[Tt]he)\s+(?:article|story|piece|report)\s+(?:is|was)\s+(?:republished|reproduced|syndicated|provided)\s+(?:from|by)\s+${NAME}`, 'u'),
  // the WordPress feed footer: "The post <title> appeared first on <Site>." (the site may be a lower-case domain)
  /^\s*The\s+post\s+.+?\s+appeared\s+first\s+(?:on|in|at)\s+((?:[Tt]he\s+)?[\p{L}\p{N}][\p{L}\p{N}&.'’ -]{0,60}?)\s*[.!]?\s*$/su,
];

/**
 * A dateline naming an agency in brackets, at the start of a paragraph: "KABUL (Reuters) -",
 * "HAYWARD, Calif. (AP) —", "BEIJING, Nov. 20 (Xinhua) --", "New Delhi, Nov 20 (PTI)", "(CNN) —".
 */
const DATELINE = /^((?:[\p{Lu}][\p{L}\p{N} .,'’/-]{0,60}\s)?)\(([\p{L} .-]{2,30})\)\s*([-–—:]+)?(?=\s*\p{Lu})/u;

/** A sign-off line naming only a wire: "— AFP", "(Reuters)", "-PTI", "With inputs from IANS". */
const SIGN_OFF = /^[\s(—–-]*(?:with\s+(?:inputs|reporting)\s+from\s+)?([\p{L} .-]{2,30}?)[\s)]*\.?$/iu;
/** "Copyright 2019 The Associated Press. All rights reserved." */
const COPYRIGHT_WIRE = /^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*)?(?:[-–,]\s*)?((?:The\s+)?[\p{L}][\p{L} .-]{1,40}?)(?:[.,]|\s+all\s+rights|\s*$)/iu;
/** The Reuters credit line: "Reporting by X in City; Editing by Y". */
const REUTERS_CREDITS = /\b(?:[Aa]dditional\s+)?[Rr]eporting\s+by\s+[^;]{2,120};\s*(?:(?:[Ww]riting|[Aa]dditional\s+reporting)\s+by\s+[^;]{2,120};\s*)?[Ee]diting\s+by\b/;

const NAME_STOP = /\s+(?:and|of|on|for|&)$/;
// A name ends at a sentence break: "by Futurism. Read the original" → "Futurism" (but "U.S. News" stays whole).
const tidy = (s: string) => s.replace(/(?<=\p{Ll}{2})[.!?]\s.*$/u, '').replace(/[.,;:!?'’]+$/, '').replace(NAME_STOP, '').trim();
export const normOutlet = (s: string | null) => (s ?? '').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');

/** Host of a URL without "www."/"m."/"amp.", or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url.trim())) return null;
  try { return new URL(url.trim()).hostname.toLowerCase().replace(/^(?:www\d?|m|amp|mobile)\./, ''); } catch { return null; }
}
/** The name-bearing label of a host: "nbcnews" for www.nbcnews.com, "bbc" for bbc.co.uk. */
function domainCore(host: string): string {
  const parts = host.split('.');
  const n = parts.length;
  if (n >= 3 && /^(?:co|com|org|net|gov|ac|news|edu)$/.test(parts[n - 2]) && parts[n - 1].length === 2) return parts[n - 3];
  return parts[Math.max(0, n - 2)];
}
const sameSite = (a: string, b: string) => domainCore(a) === domainCore(b);
function wireOfHost(host: string): string | null {
  for (const w of WIRE_SERVICES) if (w.domains.some((d) => host === d || host.endsWith('.' + d))) return w.name;
  return null;
}

/** Same outlet under two spellings: "AP News" / "Associated Press", "RT International" / "rt.com", "CBSNews" / "CBS News". */
export function sameOutlet(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const wire = (x: string) => wireNamed(x) ?? wireOfHost(hostOf(x) ?? x.toLowerCase());
  const wa = wire(a), wb = wire(b);
  if (wa || wb) return wa === wb;
  // a bare host ("rt.com") stands for its name-bearing label
  const label = (x: string) => (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(x.trim()) ? domainCore(x.trim().toLowerCase()) : x);
  const compact = (x: string) => normOutlet(label(x)).replace(/^the(?=\p{L}{3})/u, '');
  const na = compact(a), nb = compact(b);
  if (!na || !nb) return false;
  if (na === nb) return true;
  // one is the other plus trailing words: "RT" / "RT International", "NBC" / "NBC News"
  const ws = (x: string) => label(x).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w && w !== 'the');
  const [short, long] = [ws(a), ws(b)].sort((x, y) => x.length - y.length);
  return short.length > 0 && short.length < long.length && short.every((w, i) => long[i] === w);
}

/** Most-cited outlet in "told The Daily Beast" / "spoke to Reuters": usually the outlet that did the reporting. */
function toldOutlet(body: string): string | null {
  const counts = new Map<string, { name: string; n: number }>();
  const re = /\b(?:told|spoke\s+to|spoke\s+with|said\s+to|in\s+an\s+interview\s+with)\s+((?:[Tt]he\s+)?[\p{Lu}][\p{L}&'’-]*(?:\s+[\p{Lu}][\p{L}&'’-]*){0,3})/gu;
  for (const m of body.matchAll(re)) {
    const name = tidy(m[1]);
    if (!/^(the\s+)?\p{Lu}/u.test(name) || name.split(/\s+/).length > 4) continue;
    const k = normOutlet(name);
    const c = counts.get(k) ?? { name: name.replace(/^the\s+/, 'The '), n: 0 };
    c.n++; counts.set(k, c);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best && best.n >= 2 ? best.name : null;
}

/** Words that make a name an outlet's: "The Daily Beast", "The Star", "Al Jazeera", "BBC News". (Data, not rules.) */
const MEDIA_NAME = /\b(?:Times|Post|News|Newsweek|Guardian|Journal|Telegraph|Beast|Herald|Tribune|Press|Radio|TV|Television|BBC|CNN|NPR|PBS|Jazeera|Arabiya|Magazine|Monitor|Standard|Nation|Gazette|Economist|Agency|Insider|Intercept|Politico|Axios|Vox|Wire|Star|Chronicle|Express|Mirror|Sun|Globe|Review|Citizen|Examiner|Bulletin|Today|Media|Forbes|Haaretz|Spiegel|Monde|Figaro|Sky|ABC|NBC|CBS|Fox|MSNBC|DW|VOA|RFI|Africanews|EastAfrican|Independent|Observer|Mail|Daily|Weekly|Week|Reporter|Courier|Dispatch|Inquirer|Record|Atlantic|Yorker|Foreign\s+Policy|Middle\s+East\s+Eye|Kyiv|Channel|Broadcasting|Network|Online|Report|Zeitung|Pravda|Izvestia|Kommersant|Hindu|Dawn|Punch|Vanguard|Actualite|Okapi|Elephant)\b/;

/** Is this name an outlet's? A wire service or a name with a media word in it. */
export function mediaOutlet(name: string): boolean {
  return Boolean(wireNamed(name)) || MEDIA_NAME.test(name) || /^[\p{L}\p{N}-]+(?:\.[a-z]{2,})+$/iu.test(name.trim()); // or a site: "Kenyans.co.ke"
}

// The recipient patterns of reportingOutlet, compiled once (matchAll works on a copy, so the shared
// global patterns keep no state between calls).
const ONAME = String.raw`((?:[Tt]he\s+)?[\p{Lu}][\p{L}\p{N}&'’.-]*(?:\s+(?:[\p{Lu}][\p{L}\p{N}&'’.-]*|of|on)){0,4})`;
const OUTLET_PATTERNS = [
  new RegExp(String.raw`\b(?:told|spoke\s+(?:to|with)|said\s+to|(?:statement|comments?|remarks)\s+(?:to|for)|(?:confirmed|explained|described|revealed|disclosed|wrote)\s+to|in\s+an?\s+(?:exclusive\s+)?interview\s+with|(?:seen|obtained|reviewed|verified|contacted|reached|interviewed)\s+by|according\s+to\s+(?:documents|a\s+document|a\s+report|records|emails?|messages|a\s+letter)\s+(?:seen|obtained|reviewed)\s+by)\s+${ONAME}`, 'gu'),
  new RegExp(String.raw`${ONAME}\s+(?:has|have)\s+(?:learned|learnt|confirmed|established|seen|obtained|reviewed)\b`, 'gu'),
];
/** What every match of the second pattern contains. */
const HAS_LEARNED_CUE = /\s(?:has|have)\s+(?:learned|learnt|confirmed|established|seen|obtained|reviewed)\b/u;

/**
 * The outlet that did the reporting, from how sources address it: "told the Guardian", "said in a
 * statement to The Daily Beast", "in an interview with X", "documents seen by X", "X has learned".
 * The most frequent recipient that is a media outlet; null when none is.
 */
export function reportingOutlet(body: string): string | null {
  const counts = new Map<string, { name: string; n: number; first: number }>();
  // "X has learned" needs a has/have + verb somewhere: without one (most texts) that pattern, which is
  // tried at every capital letter, cannot match
  const res = HAS_LEARNED_CUE.test(body) ? OUTLET_PATTERNS : OUTLET_PATTERNS.slice(0, 1);
  for (const re of res) {
    for (const m of body.matchAll(re)) {
      // cut at weekdays, months and lower-case joiners at the end: "The Associated Press Thursday"
      let name = tidy(m[1].replace(/(?:\s+(?:on|of|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Mr|Mrs|Ms))+$/, ''));
      if (!name || !mediaOutlet(name)) continue;
      name = name.replace(/^the\s+/, 'The ');
      const k = wireNamed(name) ?? normOutlet(name);
      const c = counts.get(k) ?? { name, n: 0, first: m.index! };
      c.n++; counts.set(k, c);
    }
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first)[0];
  return best ? best.name : null;
}

/** Wire named by a dateline at the start of one of the first prose paragraphs. */
function datelineWire(body: string[]): string | null {
  // Scraped pages can keep a few navigation lines before the story: look at the first three paragraphs
  // of prose length, and at nothing further down (a dateline mid-story is a quoted dispatch).
  let seen = 0;
  for (const p of body.slice(0, 40)) {
    if (p.split(/\s+/).length < 8) continue;
    const m = DATELINE.exec(p);
    // without a dash only after a date: "New Delhi, Nov 20 (PTI) The ministry..."
    const wire = m && (m[3] || /\d{1,2},?\s*$/.test(m[1])) ? wireNamed(m[2]) : null;
    if (wire) return wire;
    if (++seen >= 3) break;
  }
  return null;
}

/** A wire sign-off, copyright or Reuters credit line among the last paragraphs or the removed chrome. */
function signOffWire(body: string[], removed: RemovedSegment[]): string | null {
  const tail = body.slice(-3);
  for (const line of [...tail, ...removed.filter((r) => !['credit', 'caption'].includes(r.reason)).map((r) => r.text)]) {
    if (line.length <= 40) { const m = SIGN_OFF.exec(line); const w = m ? wireNamed(m[1]) : null; if (w) return w; }
    const c = COPYRIGHT_WIRE.exec(line);
    if (c && line.length <= 300) { const w = wireNamed(c[1]); if (w) return w; }
    if (line.length <= 400 && REUTERS_CREDITS.test(line)) return 'Reuters';
  }
  return null;
}

/** A name for an outlet known only by its address: the wire's name, else the host. */
const outletOfUrl = (url: string): string => { const h = hostOf(url); return h ? wireOfHost(h) ?? h : url; };

/** Evidence from page metadata, in order of strength: [original outlet, or null when only "some other outlet" is known]. */
function metadataOriginal(sig: RepublicationSignals, publisher: string | null): string | null {
  const pageHost = hostOf(sig.pageUrl);
  const isHost = (x: string) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(x);
  const other = (name: string) => !sameOutlet(name, publisher) && !(pageHost && isHost(name) && sameSite(name, pageHost));
  for (const s of sig.syndicationSources ?? []) {
    const name = hostOf(s) ? outletOfUrl(s) : wireNamed(s) ?? s.trim();
    if (name && other(name)) return name;
  }
  for (const s of sig.basedOn ?? []) {
    const h = hostOf(s);
    if (h ? (pageHost ? !sameSite(h, pageHost) : !!wireOfHost(h)) : !!wireNamed(s)) {
      const name = h ? outletOfUrl(s) : wireNamed(s)!;
      if (other(name)) return name;
    }
  }
  for (const s of [...(sig.sourceOrganizations ?? []), ...(sig.sourceNames ?? [])]) {
    const w = wireNamed(s);
    if (w && other(w)) return w;
  }
  for (const a of sig.authors ?? []) {
    const w = wireOfAuthor(a);
    if (w && other(w)) return w;
  }
  const canon = hostOf(sig.canonical);
  if (canon) {
    const w = wireOfHost(canon);
    if (w && other(w)) return w;
    if (pageHost && !sameSite(canon, pageHost) && other(canon)) return canon;
  }
  return null;
}

/**
 * Looks at the removed chrome (footers like "Source link", "Learn more about X"), the body
 * (wire datelines, "This article originally appeared in X", sign-offs) and the page metadata.
 */
/**
 * What the text itself says about being a copy: a footer naming the original ("originally appeared
 * in X", "The post ... appeared first on X", "Learn more about X") or a bare "Source link".
 */
export function scrapeFooter(body: string[], removed: RemovedSegment[]): { scraped: boolean; original: string | null } {
  let original: string | null = null;
  let scraped = false;
  const lines = [...removed.map((r) => r.text), ...body.slice(0, 2), ...body.slice(-3)];
  for (const line of lines) {
    if (/^\s*source\s+link\s*$/i.test(line)) scraped = true;
    for (const re of PATTERNS) {
      const m = re.exec(line);
      if (m && !original) { original = tidy(m[1]) || null; scraped = true; }
    }
  }
  return { scraped, original };
}

export function detectRepublication(body: string[], removed: RemovedSegment[], publisher: string | null, signals: RepublicationSignals = {}): Republication {
  let { scraped, original } = scrapeFooter(body, removed);
  if (!original) {
    original = datelineWire(body) ?? signOffWire(body, removed) ?? metadataOriginal(signals, publisher);
    if (original) scraped = true;
  }
  if (scraped && !original) original = toldOutlet(body.join('\n'));
  // the wire's story on the wire's own site (its site name may be a section: "U.S.", "World News")
  const pageHost = hostOf(signals.pageUrl);
  if (original && ((publisher && sameOutlet(original, publisher)) || (pageHost && sameOutlet(original, pageHost)))) {
    return { republication: false, original_publisher: null };
  }
  return { republication: scraped, original_publisher: scraped ? original : null };
}
