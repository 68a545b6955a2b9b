// Boilerplate classifier over paragraphs/lines: decides which segments are article body and which
// are page chrome (navigation, promos, comment forms, share buttons, related-story headlines,
// republication footers), pulling the title, byline and photo credits out as metadata.
// Each segment is scored on general features (length, final punctuation, cue vocabulary,
// link density, position between body paragraphs), not matched against fixed strings.
import type { RemovedSegment } from '../types.js';
import { detach } from '../memo.js';

export interface Segment {
  text: string;
  /** HTML tag of the enclosing block (p, h2, li, ...); undefined for plain text */
  tag?: string;
  /** share of the segment's characters inside links (HTML only) */
  linkDensity?: number;
}

export interface Classified {
  body: string[];
  removed: RemovedSegment[];
  title: string | null;
  byline: string[];
  credits: string[];
  /** a date found in a dateline near the top, YYYY-MM-DD */
  published: string | null;
}

export interface ClassifyOptions {
  /** plain text carries its title as the first line; HTML gives it as metadata */
  plainText: boolean;
  /** the title already known from metadata, so a repeated headline in the body is removed */
  knownTitle?: string | null;
}

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
export const words = (s: string): string[] => s.match(WORD) ?? [];
// The classifier asks for the word count of the same segment many times (one per rule); counting
// allocates every word, so counts are memoised per string (bounded; a pure function of the text).
const wordCounts = new Map<string, number>();
export function wordCount(s: string): number {
  let n = wordCounts.get(s);
  if (n === undefined) {
    n = words(s).length;
    if (wordCounts.size >= 4096) wordCounts.clear();
    wordCounts.set(detach(s), n);
  }
  return n;
}

/** Ends like a sentence: . ! ? … possibly followed by closing quotes/brackets. */
export function endsSentence(s: string): boolean {
  return /[.!?…](?:\s*["”’'»)\]“]+)?\s*$/.test(s.trim());
}

/** Cue vocabulary per kind of chrome. Each match adds to the segment's chrome score. */
const CUES: Record<string, RegExp[]> = {
  republication_footer: [
    /\bsource\s+link\b/i, /^\s*learn\s+more\s+about\b/i, /\b(originally|first)\s+(appeared|published|ran)\b/i,
    /\brepublished\s+(here\s+)?(with|from|by|under)\b/i, /^\s*source\s*:/i, /\bread\s+the\s+original\b/i,
    /\bview\s+(the\s+)?original\b/i,
  ],
  newsletter: [
    /\bnewsletters?\b/i, /\binbox\b/i, /\bsubscri(be|ption|bers?)\b/i, /\bsign\s*up\b/i, /\bregister\s+(now|today|for\s+free)\b/i,
    /\bmembership\b/i, /\bbecome\s+a\s+member\b/i, /\bunlimited\s+(digital\s+)?access\b/i, /\bfree\s+trial\b/i,
    /\bdelivered\s+(to|straight|directly|through|every)\b/i, /\bsupport\s+(our|independent|quality)\s+journalism\b/i, /\bdonate\b/i,
    /\blearn\s+more\b/i, /\bbest\s+stories\b/i, /\bdaily\s+(digest|briefing|email)\b/i,
    /\bdelivered\s+(\w+\s+){0,2}(mornings?|evenings?|daily|weekly|weekdays?|each\s+week|every\s+day)\b/i,
    /\b(get|receive)\s+(the\s+)?(latest\s+)?(breaking\s+)?news\s+alerts?\b/i,
    /\b(news|daily|breaking|morning|evening|weekly|free)\s+(e-?mails?|alerts|newsletters?)\s*$/i,
  ],
  comment_form: [
    /\byour\s+email\s+address\b/i, /\brequired\s+fields?\b/i, /\bleave\s+a\s+(reply|comment)\b/i, /\bpost\s+(a\s+)?comment\b/i,
    /\bcancel\s+reply\b/i, /\bsave\s+my\s+name\b/i, /\bcomments?\s+(are\s+)?closed\b/i, /\bnotify\s+me\b/i,
    /^\s*\d+\s+comments?\s*$/i, /\bwill\s+not\s+be\s+published\b/i, /\bmarked\s+\*/i, /^\s*(name|email|website|comment)\s*\*?\s*$/i,
    /\bjoin\s+the\s+(conversation|discussion)\b/i, /\bview\s+comments\b/i, /^\s*(\d+\s+)?comments?\s*(\(\d+\))?\s*$/i,
    /\b(tell\s+us|let\s+us\s+know)\s+what\s+you\s+think\b/i, /\bwhat\s+do\s+you\s+think\s*\?/i,
  ],
  share: [
    /^\s*(share|tweet|pin|email|e-mail|whatsapp|facebook|twitter|linkedin|reddit|telegram|messenger|print|copy\s+link|flipboard)(\s*[|,/·•]?\s*(share|tweet|pin|email|whatsapp|facebook|twitter|linkedin|reddit|telegram|messenger|print|copy\s+link|flipboard|this(\s+(article|story))?|on))*\s*$/i,
    /\bshare\s+(this|on|via)\b/i, /\bclick\s+to\s+share\b/i, /^\s*(like\s+this|like\s+loading\.*|reuse\s+this\s+content)\s*:?\s*$/i,
    /\bshare\s+(it|this(\s+(story|article|post|page))?)\s+with\s+(a\s+)?(friends?|others|family)\b/i,
    /^\s*(like|liked|enjoy|enjoyed)\s+this\s+(story|article|post)\s*\?/i,
  ],
  navigation: [
    /\b(show|load|see|view|read)\s+(more|all|less)\b/i, /\brelated\s+(articles?|stories|posts|content|coverage|topics|news|reading)\b/i,
    /\bback\s+to\s+top\b/i, /\bskip\s+to\b/i, /\b(next|previous|prev)\s+(article|story|post|page)\b/i, /\bclick\s+here\b/i,
    /^\s*(home|menu|search|close|advertisement|advertising|sponsored(\s+content)?|trending(\s+now)?|most\s+(read|popular|viewed)|recommended(\s+for\s+you)?|you\s+may\s+also\s+like|more\s+(from|on|in)\b.*|tags?|topics?|categories|continue\s+reading|top\s+stories|watch|listen|follow\s+us.*|ad)\s*:?\s*$/i,
    /\b(sign|log)\s*(in|out)\b/i, /\bcontinue\s+reading\b/i, /^\s*(advert|advertisement|ad\s+choices)\s*$/i,
    /\b(requires|enable)\s+javascript\b/i, /\bour\s+(editorial\s+)?standards\b/i, /\btrust\s+principles\b/i, /^\s*Home(?=\p{Lu})/u, /[›»>|]\s*\w+\s*[›»>|]/, /\bscroll\s+(down|to)\b/i, /\bopens\s+in\s+(a\s+)?new\s+(window|tab)\b/i,
  ],
  staff_credits: [/^\s*(additional\s+)?(reporting|writing|editing|research|compiled|produced)\s+by\b/i, /;\s*editing\s+by\b/i],
  copyright: [/©|\bcopyright\b|\ball\s+rights\s+reserved\b/i],
  cookie_notice: [/\bcookies?\b.*\b(experience|consent|accept|policy|opt[\s-]out|agree)\b/i, /\bwe\s+use\s+cookies\b/i],
  disclosure: [/\b(contains?|may\s+contain)\s+(affiliate|sponsored|referral)\b/i, /\baffiliate\s+(links?|commission)\b/i, /\bwe\s+may\s+earn\s+(a\s+)?commission\b/i, /\bdisclosure\s+(page|policy|statement)\b/i],
};
const CUE_ORDER = ['comment_form', 'republication_footer', 'newsletter', 'share', 'cookie_notice', 'disclosure', 'staff_credits', 'navigation', 'copyright'];

/** Prefixes that introduce a link to another story. */
const RELATED_PREFIX = /^\s*(read\s+more|related|also\s+read|see\s+also|read\s+also|more|recommended|suggested|editor['’]s\s+picks?|watch|listen|opinion)\s*[:|»›-]\s*\S/i;

const AGENCY = /\b(getty(\s+images)?|reuters|associated\s+press|AP|AFP|EPA|EPA-EFE|shutterstock|nurphoto|alamy|bloomberg|anadolu|sopa|xinhua|sipa|corbis|istock|pool|handout|courtesy|zuma|imago|dpa|tass|ria\s+novosti|rex|wireimage|afp\s+via\s+getty)\b/i;
const CREDIT_LEAD = /^\s*(\(?(photo|photograph|photos|image|images|picture|illustration|video|graphic|credit|photo\s+credit|image\s+credit)s?\s*(by|:|\/|©)|©)/i;
const AGENCY_PHOTO = /\b(AP|AFP|EPA|Reuters|Getty|UPI)\s*(Photo|Images?)\b/;
const SLASH_NAMES = /^[\p{Lu}][\p{L}.'’&-]*(\s+[\p{Lu}][\p{L}.'’&-]*)*\s*\/\s*[\p{Lu}][\p{L}.'’&-]*(\s+[\p{Lu}][\p{L}.'’&-]*)*\.?$/u;

/** Is this line a photo/image credit? Short, and either an agency name, a "Photo:" lead or "Name / Agency". */
export function isCredit(s: string): boolean {
  const t = s.trim();
  const n = wordCount(t);
  if (n === 0 || n > 14 || t.length > 120) return false;
  let score = 0;
  if (CREDIT_LEAD.test(t)) score += 2;
  if (AGENCY_PHOTO.test(t)) score += 2;
  if (AGENCY.test(t)) score += 1.5;
  if (SLASH_NAMES.test(t)) score += 1;
  if (/via\s+getty|\bimages\b/i.test(t)) score += 0.5;
  if (!endsSentence(t) || /\)\s*$/.test(t)) score += 0.5;
  if (n > 8) score -= 1;
  return score >= 2;
}

// No /i flag: with /iu, \p{Lu} matches lowercase letters too.
export const CAPTION_CREDIT = /\(((?:(?:AP|AFP|EPA|UPI|Reuters|Getty)\s*(?:Photo|Images)|Photo(?:graph)?\s*(?:by|:)|Credit\s*:|Image\s*:)[^()]{0,80})\)\s*\.?$/;

const BYLINE = /^\s*([Bb]y|BY|[Ww]ritten\s+by|[Ww]ords\s+by|[Rr]eporting\s+by)\s+(\p{Lu}[\p{L}.'’-]*)(\s*(\p{Lu}[\p{L}.'’-]*|and|&|,|de|van|von|al|bin|el))*\s*(,\s*[\p{L} ]{2,40})?\s*$/u;

// A byline without "By", as features print it under the standfirst: "Jane Doe in Basra",
// "Jane Doe, Middle East correspondent", "Jane Doe and John Roe in Kinshasa", "JANE DOE, Associated Press".
const NAME_WORD = String.raw`(?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?|\p{Lu}\.|\p{Lu}{2,}(?:-\p{Lu}{2,})?)`;
const PARTICLE = String.raw`(?:de|van|von|al|bin|ibn|el|da|du|le|la|der|dos|ben|abu)`;
const PERSON = String.raw`${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){1,3}`;
const PLACE = String.raw`\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,2}(?:,\s*\p{Lu}[\p{L}.]+)?`;
const ROLE = String.raw`(?:[\p{L}-]+\s+){0,4}(?:correspondent|editor|reporter|writer|journalist|staff|contributor|bureau\s+chief|analyst|columnist|producer|desk)s?|(?:The\s+)?(?:Associated\s+Press|AP|Reuters|AFP|Agence\s+France-Presse|Bloomberg|dpa)`;
const LOOSE_BYLINE = new RegExp(String.raw`^\s*(?:[Bb]y\s+)?(${PERSON}(?:\s*(?:,|and|&)\s*${PERSON})*)(?:\s+in\s+${PLACE}(?:\s+and\s+${PERSON}\s+in\s+${PLACE})*|\s*[,|–—]\s*(?:${ROLE})(?:\s+in\s+${PLACE})?)?\s*$`, 'u');
// compiled once, not per line (matchAll works on a copy of the global pattern)
const ROLE_ONLY = new RegExp(String.raw`^(?:${ROLE})$`, 'iu');
const AND_PERSON_IN = new RegExp(String.raw`\band\s+(${PERSON})\s+in\s+`, 'gu');
/** Words that start headlines and standfirsts but not names. */
const NOT_NAME = /^(?:The|A|An|In|On|At|As|How|Why|What|When|Where|Who|New|More|After|Before|From|With|Inside|Heavy|Fresh|Police|Army|Troops|Rebels|Gunmen|Militants|Officials|Fighting|Talks|War|Peace|UN|US|EU)$/;

/** "Jane Doe in Basra", "Jane Doe, Middle East correspondent" → the names, or null when the line is not a byline. */
export function looseByline(s: string): string[] | null {
  const t = s.trim();
  if (wordCount(t) > 14 || endsSentence(t) && !/\b\p{Lu}\.$/u.test(t)) return null;
  const m = LOOSE_BYLINE.exec(t);
  if (!m) return null;
  const role = ROLE_ONLY;
  const names = m[1].split(/\s*(?:,|\band\b|&)\s*/).map((x) => x.trim()).filter((x) => x && !role.test(x));
  if (!names.length || names.some((n) => NOT_NAME.test(n.split(/\s+/)[0]))) return null;
  // the "and Jane Roe in Y" of a two-place byline
  for (const x of t.matchAll(AND_PERSON_IN)) if (!names.includes(x[1])) names.push(x[1]);
  return names;
}

/** "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]. */
export function parseByline(s: string): string[] {
  const body = s.replace(/^\s*(by|written\s+by|words\s+by|reporting\s+by)\s+/i, '').replace(/\s*[|,]\s*(staff|reporter|correspondent|contributor|editor|writer)\b.*$/i, '');
  return body.split(/\s*(?:,|\band\b|&)\s*/).map((x) => x.trim())
    .filter((x) => x && wordCount(x) <= 5 && /^\p{Lu}/u.test(x) && !/https?:|@|\d/.test(x));
}

const MONTH = '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?';
const DATE_IN_LINE = new RegExp(`(\\d{4}-\\d{2}-\\d{2}|${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4})`, 'i');

/** Normalise a date string (ISO, "May 10, 2021", RFC 2822, ...) to YYYY-MM-DD, or null. */
export function toIsoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = String(s).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})(?:T|$)/.exec(t);
  let y: number, m: number, d: number;
  if (iso) [y, m, d] = [+iso[1], +iso[2], +iso[3]];
  else {
    const ms = Date.parse(t.replace(/(\d)(st|nd|rd|th)\b/, '$1').replace(/\bat\b.*$/, ''));
    if (Number.isNaN(ms)) return null;
    const dt = new Date(ms);
    // Date.parse reads zone-less strings as local time; the calendar date is what we want.
    [y, m, d] = /[zZ]|[+-]\d{2}:?\d{2}$|GMT|UTC/.test(t) ? [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()] : [dt.getFullYear(), dt.getMonth() + 1, dt.getDate()];
  }
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Footers that are chrome at any length: wire copyright notices ("Copyright 2024 The Associated Press.
 * All rights reserved. This material may not be published, broadcast, rewritten or redistributed.")
 * and the WordPress feed footer ("The post <title> appeared first on <Site>."), after which a feed
 * copy carries nothing of the article.
 */
export function strongFooter(s: string): { reason: string; terminal: boolean } | null {
  const t = s.trim();
  const n = wordCount(t);
  if (n <= 80 && /^\s*The\s+post\s+.{3,300}?\s+appeared\s+first\s+(?:on|in|at)\s+\S.{0,80}$/is.test(t)) return { reason: 'republication_footer', terminal: true };
  if (n <= 60 && (/^\s*(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|the\s|[\p{Lu}]))/iu.test(t)
    || /\ball\s+rights\s+reserved\b/i.test(t)
    || /\bmay\s+not\s+be\s+(?:re)?published,?\s+broadcast\b/i.test(t))) return { reason: 'copyright', terminal: false };
  return null;
}

const SOCIAL = String.raw`(?:twitter|x|facebook|instagram|telegram|whatsapp|youtube|tiktok|linkedin|threads|google\s+news|social\s+media|our\s+(?:social|channels?|pages?))`;
const FOLLOW_ON_SOCIAL = new RegExp(String.raw`^\s*(?:follow|like|find|join)\s+(?:us|\S+(?:\s+\S+)?)\s+on\s+${SOCIAL}\b`, 'i');
const JOIN_OUR_SOCIAL = new RegExp(String.raw`^\s*(?:join|follow)\s+(?:us|our)\s+(?:on\s+)?(?:\w+\s+)?${SOCIAL}`, 'i');
/**
 * Calls to action that end scraped and feed copies, at any wording length up to 30 words:
 * "Follow us on Twitter, Facebook and ...", "Sign up for ...", "Download our app", "Join our WhatsApp channel".
 */
export function promoLine(s: string): string | null {
  const t = s.trim();
  if (wordCount(t) > 30) return null;
  if (FOLLOW_ON_SOCIAL.test(t) || JOIN_OUR_SOCIAL.test(t)) return 'share';
  if (/^\s*(?:sign\s*up|subscribe|register)\s+(?:for|to|now|today|here)\b/i.test(t)) return 'newsletter';
  if (/\bdownload\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}app\b/i.test(t) && wordCount(t) <= 20) return 'navigation';
  // "Follow AP's Africa coverage at https://...", "Find more of our coverage at ..."
  if (/^\s*(?:follow|find|read|see|get)\s+(?:more\s+(?:of\s+)?)?(?:\S+['’]s|our|the)\s+(?:[\w-]+\s+){0,3}coverage\b/i.test(t) && wordCount(t) <= 20) return 'navigation';
  if (/^\s*for\s+(?:more|the\s+latest)\b.{0,80}\b(?:visit|follow|download|subscribe|click|go\s+to|log\s+on)\b/i.test(t)) return 'navigation';
  return null;
}

// All cue patterns as one alternation per flag set: some pattern matches iff its alternation does
// (the patterns have no backreferences, so joining them changes no pattern's meaning).
let cueAny: RegExp[] | null = null;
function anyCue(t: string): boolean {
  if (!cueAny) {
    const byFlags = new Map<string, string[]>();
    for (const kind of CUE_ORDER) for (const re of CUES[kind]) {
      if (!byFlags.has(re.flags)) byFlags.set(re.flags, []);
      byFlags.get(re.flags)!.push(`(?:${re.source})`);
    }
    cueAny = [...byFlags].map(([flags, alts]) => new RegExp(alts.join('|'), flags));
  }
  return cueAny.some((re) => re.test(t));
}

/** Kind of chrome a segment's cue words point to, with a score; null when it reads like prose. */
export function chromeKind(seg: Segment): { reason: string; score: number } | null {
  const t = seg.text.trim();
  const n = wordCount(t);
  if (!anyCue(t)) return null; // most segments are prose with no cue: one scan instead of 74
  const hits: Record<string, number> = {};
  let cues = 0;
  for (const kind of CUE_ORDER) for (const re of CUES[kind]) if (re.test(t)) { hits[kind] = (hits[kind] ?? 0) + 1; cues++; }
  if (!cues) return null;
  let score = 2 * cues - Math.max(0, n - 8) / 6;
  if (!endsSentence(t)) score += 0.5;
  if (/\b(you|your)\b/i.test(t)) score += 0.5;
  if (/^\s*(get|sign|subscribe|join|register|follow|click|read|see|learn|download|share|support|try)\b/i.test(t)) score += 0.5;
  if ((seg.linkDensity ?? 0) > 0.5) score += 1;
  if (n > 60) score -= 3; // a long paragraph is prose even if it mentions newsletters
  if (score < 1.5) return null;
  const reason = CUE_ORDER.reduce((best, k) => ((hits[k] ?? 0) > (hits[best] ?? 0) ? k : best), CUE_ORDER.find((k) => hits[k])!);
  return { reason, score };
}

/** Long, sentence-ending paragraph: the shape of article prose. */
const isProse = (s: string): boolean => wordCount(s) >= 18 && endsSentence(s);

/** A short line that reads like a headline: a few words, no final full stop. */
export function headlineLike(s: string, min = 3, max = 25): boolean {
  const t = s.trim();
  const n = wordCount(t);
  return n >= min && n <= max && !/[.,;:]["”’]?\s*$/.test(t) && /^[\p{Lu}\p{N}“"‘']/u.test(t);
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const isMenuItem = (t: string) => wordCount(t) >= 1 && wordCount(t) <= 3 && !endsSentence(t) && t.length <= 30;
/** Length of the run of menu-item-like lines that segment i belongs to. */
function menuRun(texts: string[], i: number): number {
  let a = i, b = i;
  while (a > 0 && isMenuItem(texts[a - 1])) a--;
  while (b < texts.length - 1 && isMenuItem(texts[b + 1])) b++;
  return b - a + 1;
}

/** A byline or date line: what follows a standfirst in a feature's header. */
const headerLine = (t: string) => (wordCount(t) <= 14 && (BYLINE.test(t) || looseByline(t) !== null))
  || (wordCount(t) <= 12 && DATE_IN_LINE.test(t) && !endsSentence(t));

/**
 * The standfirst (dek) under a plain-text title: one sentence of 4-45 words that is not a wire
 * dateline lead, either without a final full stop or followed by a byline/date line.
 */
function isStandfirst(t: string, texts: string[], i: number): boolean {
  const n = wordCount(t);
  if (n < 4 || n > 45 || /\([\p{L} .-]{2,30}\)\s*[-–—]/u.test(t) || /^[\p{Lu} ,.'’-]{3,40}\s*[-–—]\s/u.test(t)) return false;
  if (/[.!?]["”’]?\s+["“‘]?\p{Lu}/u.test(t.replace(/\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Sen|Rep|Gov|St|U\.S|U\.N|U\.K|Jr|Sr|No)\.\s/g, 'X ')) ) return false; // more than one sentence
  if (!endsSentence(t) && !/[,;:]$/.test(t)) return true;
  const next = texts.slice(i + 1).find((x) => x.trim());
  return next !== undefined && headerLine(next);
}

/** Classify segments in document order. */
export function classifySegments(segs: Segment[], opts: ClassifyOptions): Classified {
  const out: Classified = { body: [], removed: [], title: null, byline: [], credits: [], published: null };
  const verdict: (string | null)[] = segs.map(() => null); // null = body, else the removal reason
  const texts = segs.map((s) => s.text.trim());
  const firstProse = texts.findIndex(isProse);
  const lastProse = texts.length - 1 - [...texts].reverse().findIndex(isProse);
  const knownTitle = opts.knownTitle ? norm(opts.knownTitle) : null;
  const linkBlocks = segs.filter((s, i) => (s.linkDensity ?? 0) > 0.8 && i > firstProse && i < lastProse).length;
  const linkPage = linkBlocks > 5 && linkBlocks > 0.2 * Math.max(1, lastProse - firstProse);

  let terminal: number | null = null; // a feed footer: nothing after it is the article
  texts.forEach((t, i) => {
    if (!t) { verdict[i] = 'empty'; return; }
    const head = firstProse < 0 || i < firstProse;
    if (RELATED_PREFIX.test(t) && wordCount(t) <= 30 && !head) { verdict[i] = 'related_headline'; return; }
    const strong = strongFooter(t);
    if (strong && (!head || strong.reason === 'copyright')) { verdict[i] = strong.reason; if (strong.terminal && !head) terminal ??= i; return; }
    const chrome = chromeKind(segs[i]);
    if (chrome) { verdict[i] = chrome.reason; return; }
    const promo = head ? null : promoLine(t);
    if (promo) { verdict[i] = promo; return; }
    if (opts.plainText && !wordCount(t)) { verdict[i] = 'separator'; return; } // "___", "* * *" (HTML pages keep theirs, as their true bodies do)
    // A caption that ends in its credit: "Fighters at a checkpoint in Basra. Photograph: Jane Doe/AFP/Getty Images"
    const tailCredit = /[.!?]["”’]?\s+((?:Photograph|Photo|Picture|Image|Illustration|Composite|Video|Credit)s?\s*:\s*[^.!?]{2,100})$/.exec(t);
    if (tailCredit && wordCount(t) <= 60) { verdict[i] = 'caption'; out.credits.push(tailCredit[1].trim()); return; }
    if (isCredit(t)) { verdict[i] = 'credit'; out.credits.push(t); return; }
    if (knownTitle && norm(t) === knownTitle && i <= Math.max(firstProse, 3)) { verdict[i] = 'title'; return; }
    if (opts.plainText && head && out.title === null && !out.body.length && headlineLike(t, 2, 30) && !verdict.slice(0, i).includes(null)) {
      verdict[i] = 'title'; out.title = t; return;
    }
    // a byline whose name was a link or a separate element: the "By" is left on its own
    if (head && /^\s*(by|written\s+by)\s*:?\s*$/i.test(t)) { verdict[i] = 'byline'; return; }
    if (head && wordCount(t) <= 12 && BYLINE.test(t)) { verdict[i] = 'byline'; out.byline.push(...parseByline(t)); return; }
    if (head && wordCount(t) <= 12 && DATE_IN_LINE.test(t) && !endsSentence(t)) {
      verdict[i] = 'dateline'; out.published ??= toIsoDate(DATE_IN_LINE.exec(t)![0]); return;
    }
    // Plain-text header under the title: a byline without "By" ("Jane Doe in Basra") and the
    // standfirst, a one-line summary, before anything has been kept as body.
    if (opts.plainText && head && out.title !== null && !verdict.slice(0, i).includes(null)) {
      const names = looseByline(t);
      if (names) { verdict[i] = 'byline'; out.byline.push(...names); return; }
      if (isStandfirst(t, texts, i)) { verdict[i] = 'standfirst'; return; }
    }
    if (/^\[\/?[a-z_]+(\s[^\]]*)?\]/.test(t)) { verdict[i] = 'markup'; return; } // CMS shortcode residue
    if (wordCount(t) <= 8 && /^(published|updated|posted|last\s+updated)\b/i.test(t) && !endsSentence(t)) { verdict[i] = 'dateline'; return; }
    // A photo caption ending in its credit: "Workers load trims ... (AP Photo/Alan Diaz, File)".
    const cap = CAPTION_CREDIT.exec(t);
    if (cap && wordCount(t) <= 60) { verdict[i] = 'caption'; out.credits.push(cap[1]); return; }
    // Link lists glued together by the scraper ("HomeLatest NewsNollywood"): many lower→upper joins.
    // (Needs three lowercase letters before the join, so YouTube, iPhone, McDonald, DeSantis do not count.)
    if (wordCount(t) <= 40 && (t.match(/\p{Ll}{3}\p{Lu}\p{Ll}{2}/gu) ?? []).length >= 2) { verdict[i] = 'navigation'; return; }
    // HTML: a block that is (almost) all link is a link to elsewhere, not prose.
    // Not on pages built of link blocks (deal lists), where the links are the content.
    if (!linkPage && segs[i].linkDensity !== undefined && segs[i].linkDensity! > 0.8 && wordCount(t) >= 3 && wordCount(t) <= 30 && !/^h[1-6]$/.test(segs[i].tag ?? '')) {
      verdict[i] = i > lastProse ? 'navigation' : 'related_headline'; return;
    }
    if (head && opts.plainText && wordCount(t) <= 3 && !endsSentence(t)) { verdict[i] = 'navigation'; return; }
    // HTML: a run of four or more one-to-three-word lines before the story is a menu; so is a bare URL there
    // (not in tables, and not on pages without prose, where such lines are the content)
    if (i < firstProse && !opts.plainText && !/^t[dhr]$/.test(segs[i].tag ?? '')
      && ((isMenuItem(t) && menuRun(texts, i) >= 4) || /^https?:\/\/\S+$/.test(t))) { verdict[i] = 'navigation'; return; }
    // After the last prose paragraph, short unpunctuated lines are page chrome in scraped text;
    // in HTML, Readability already cut the page, so only link-heavy ones go.
    const tailChrome = opts.plainText || (segs[i].linkDensity ?? 0) > 0.5;
    if (tailChrome && i > lastProse && lastProse >= 0 && !endsSentence(t) && wordCount(t) <= 12) { verdict[i] = 'navigation'; return; }
  });

  // Inline related-story headlines: a headline-shaped line sitting between two prose paragraphs.
  // In plain text only (in HTML, subheads are marked up as h2-h6 and links are caught above).
  if (opts.plainText) {
    const nearest = (i: number, step: number) => { for (let j = i + step; j >= 0 && j < texts.length; j += step) if (verdict[j] === null) return texts[j]; return null; };
    texts.forEach((t, i) => {
      if (verdict[i] !== null) return;
      const n = wordCount(t);
      if (n < 5 || n > 20 || !headlineLike(t, 5, 20) || /[?!]["”’]?\s*$/.test(t)) return;
      const prev = nearest(i, -1), next = nearest(i, 1);
      if (prev && next && isProse(prev) && isProse(next)) verdict[i] = 'related_headline';
    });
  }

  if (terminal !== null) for (let j = terminal + 1; j < texts.length; j++) if (verdict[j] === null) verdict[j] = 'related_headline';

  // A text that is nothing but its "title" is a one-line article: keep it as body.
  if (!verdict.includes(null) && out.title !== null) { verdict[verdict.indexOf('title')] = null; out.title = null; }

  texts.forEach((t, i) => {
    if (verdict[i] === null) out.body.push(t);
    else if (verdict[i] !== 'empty') out.removed.push({ text: t, reason: verdict[i]! });
  });
  return out;
}
