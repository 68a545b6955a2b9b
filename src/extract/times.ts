// times: date expressions normalised against the publication date.
//
// Hand-written rules cover what news prose actually uses (relative expressions, bare and modified
// month names, years, decades, seasons, weekdays); chrono-node is a second source for calendar
// dates with an explicit day ("Sept. 11th, 2001", "the 5th of January"). Overlaps are settled by
// keeping the longest span, so "February of last year" wins over its "last year".
//
// Conventions (value is ISO, precision is what the words say, never finer):
// - A bare month ("in March") is the most recent such month not after publication; a future
//   marker just before it ("will", "scheduled", ...) makes it the next one instead.
// - "last August" is the most recent August strictly before the publication month; "next" mirrors it.
// - Day+month without a year: past tense before it → the most recent, future → the next one,
//   otherwise the closest to publication.
// - Weeks have no precision of their own: "this week" / "last week" / "two weeks ago" are the
//   anchor day (publication date minus 0 / 7 / 14 days), precision day.
// - Seasons are year precision (the year the season starts in). Decades are ISO 8601-1:2019
//   decade values ("199" for the 1990s) with precision null, as the schema has no "decade".
// - Without a publication date every relative expression has value null (precision kept).
import * as chrono from 'chrono-node';
import type { NlpDocument, Precision, TimeExpr } from '../types.js';

interface Ymd { y: number; m: number; d: number }
interface Resolved { value: string | null; precision: Precision | null }
interface Candidate extends Resolved { start: number; end: number; prio: number }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ABBR: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };
const SMALL_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50,
};

/** Case-insensitive first letter only: month names must stay capitalised, relative words may start a sentence. */
const ci = (w: string) => `[${w[0].toUpperCase()}${w[0].toLowerCase()}]${w.slice(1)}`;
const alt = (ws: string[], f: (w: string) => string = (w) => w) => `(?:${ws.map(f).join('|')})`;

const MONTH = `(${MONTHS.join('|')})`;
const MONTH_ANY = `(${MONTHS.join('|')}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)`;
/** An abbreviated month written with its full stop: "Nov.", "Sept.", "Aug." */
const MONTH_ABBR_DOT = '((?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.)';
const DAY = '(3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(1[89]\\d\\d|20\\d\\d)';
const WEEKDAY = `(${WEEKDAYS.join('|')})`;
const REL = `(${alt(['last', 'this', 'next'], ci)})`;
const NUMWORD = `(\\d+|${alt(Object.keys(SMALL_NUMBERS), ci)}|${alt(['a few', 'a couple of', 'several', 'many', 'some'], ci)})`;
const APPROX = `(?:${alt(['over', 'more than', 'nearly', 'almost', 'about', 'around', 'some', 'just over', 'less than', 'roughly', 'barely', 'only'], ci)}\\s+)?`;
const EDGE = `(?:${alt(['early', 'late', 'earlier', 'later'], ci)}\\s+|${ci('mid')}-?|${ci('the')}\\s+(?:end|beginning|start|middle)\\s+of\\s+)`;
// Words that, right before a bare month name, make it a date rather than a modal verb or a march.
const MONTH_CUES = new Set(['in', 'since', 'by', 'until', 'till', 'before', 'after', 'during', 'through', 'throughout', 'from',
  'to', 'of', 'early', 'late', 'mid', 'last', 'next', 'this', 'and', 'or', 'between', 'earlier', 'later', 'on', 'that', 'each',
  'every', 'around']);

const FUTURE = new Set(['will', "'ll", '’ll', 'shall', "won't", 'won’t', 'scheduled', 'upcoming', 'slated', 'next']);
// Future seen from a past moment of speech ("said talks would resume on Friday"): for a weekday, still ahead of publication.
const FUTURE_IN_PAST = new Set(['would', "'d", '’d']);
// Present forms that, before a weekday, announce a schedule ("talks resume on Friday", "the vote is on Friday").
const PRESENT_AUX = new Set(['is', 'are', "'s", '’s', 'remains', 'remain', 'begins', 'begin', 'starts', 'start', 'resumes', 'resume', 'opens', 'open', 'ends', 'closes']);
// A past participle right after one of these is passive or perfect, not a past tense: "will be held on Friday".
const PASSIVE_AUX = new Set(['be', 'been', 'being']);
// Names with a weekday in them: "Black Friday", "Super Tuesday", "Good Friday", "Bloody Sunday".
const WEEKDAY_NAMES = /^(?:Black|Super|Good|Holy|Ash|Bloody|Cyber|Easter|Palm|Maundy|Shrove|Fat|Great|Clean|Blue|Giving|Spy|Whit|Low|Plough|Mad|Man|Girl|Joe)$/;
// Newspapers and shows named after a weekday: "The Sunday Times", "Mail on Sunday", "Saturday Night Live".
const WEEKDAY_TITLES = /^\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Star|World|Independent|Tribune|Observer|Night\s+Live|Nation|Standard|Business\s+Post|Age|People|Sport)\b/;
// "plans", "set", "due" are future only as "plans to", "set to", "due to" (else nouns or past participles)
const FUTURE_BEFORE_TO = new Set(['plans', 'plan', 'planning', 'expected', 'due', 'set', 'going', 'intends', 'aims', 'hopes']);
const PAST_IRREGULAR = new Set(['was', 'were', 'had', 'did', 'said', 'told', 'took', 'came', 'went', 'began', 'saw', 'fought', 'met',
  'left', 'held', 'gave', 'made', 'won', 'lost', 'fell', 'led', 'ago', 'sent', 'struck', 'hit', 'shot', 'seized', 'broke']);

function parseDate(s: string | null): Ymd | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  return m ? { y: +m[1], m: +m[2], d: +m[3] } : null;
}
const pad = (n: number) => String(n).padStart(2, '0');
const fmtDay = (x: Ymd) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;
const day = (x: Ymd | null): Resolved => ({ value: x ? fmtDay(x) : null, precision: 'day' });
const month = (y: number | null, m: number): Resolved => ({ value: y === null ? null : `${y}-${pad(m)}`, precision: 'month' });
const year = (y: number | null): Resolved => ({ value: y === null ? null : String(y), precision: 'year' });

function addDays(x: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function addMonths(x: Ymd, n: number): { y: number; m: number } {
  const k = x.y * 12 + (x.m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthNumber(word: string): number {
  const full = MONTHS.indexOf(word);
  if (full >= 0) return full + 1;
  return MONTH_ABBR[word.replace('.', '').toLowerCase()] ?? 0;
}
function count(word: string | undefined): number | null {
  if (!word) return null;
  if (/^\d+$/.test(word)) return +word;
  return SMALL_NUMBERS[word.toLowerCase()] ?? null; // "a few", "several": vague → null
}

/**
 * Tense of the clause just before an expression: 'future', 'past' or null; 'future_in_past' for "would";
 * 'present' for a present-tense schedule verb ("resume", "is").
 */
type Tense = 'future' | 'past' | 'future_in_past' | 'present' | null;

class Context {
  constructor(readonly nlp: NlpDocument, readonly pub: Ymd | null) {}

  private tokenIndexAt(offset: number): number {
    const toks = this.nlp.tokens;
    let lo = 0, hi = toks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (toks[mid].end <= offset) lo = mid + 1; else hi = mid; }
    return lo;
  }
  /** The lowercased word right before `offset` (skipping spaces), or ''. */
  wordBefore(offset: number): string {
    const m = /([A-Za-z']+)[\s-]*$/.exec(this.nlp.text.slice(Math.max(0, offset - 30), offset));
    return m ? m[1].toLowerCase() : '';
  }
  /** The word right before `offset` as written (same line), or ''. */
  wordBeforeCased(offset: number): string {
    const m = /([A-Za-z]+)[ \t]+$/.exec(this.nlp.text.slice(Math.max(0, offset - 30), offset));
    return m ? m[1] : '';
  }
  /** A capitalised word right before `offset` in the same sentence: the expression is part of a name. */
  capitalisedBefore(offset: number): boolean {
    const i = this.tokenIndexAt(offset);
    const prev = this.nlp.tokens[i - 1];
    return Boolean(prev && prev.sentence === this.nlp.tokens[i]?.sentence && /^[A-Z][A-Za-z]/.test(prev.text)
      && !/^(On|By|Until|Since|Last|Next|This|Early|Late|And|But|Or|From|Through|Before|After|Then|Also)$/.test(prev.text)
      && !/\n/.test(this.nlp.text.slice(prev.end, offset)));
  }
  tense(start: number, detailed = false): Tense {
    const toks = this.nlp.tokens;
    const i = this.tokenIndexAt(start);
    if (i >= toks.length) return null;
    const sent = toks[i].sentence;
    let present = false;
    // nearest marker wins, looking back at most 8 tokens within the sentence
    for (let j = i - 1; j >= Math.max(0, i - 8) && toks[j].sentence === sent; j--) {
      const w = toks[j].text.toLowerCase();
      if (FUTURE.has(w) || (FUTURE_BEFORE_TO.has(w) && toks[j + 1]?.text.toLowerCase() === 'to')) return 'future';
      if (FUTURE_IN_PAST.has(w)) return detailed ? 'future_in_past' : null;
      const participle = PAST_IRREGULAR.has(w) || (toks[j].pos === 'VERB' && /ed$/.test(w));
      // "will be held", "has been postponed until": look further back for the auxiliary
      if (participle && PASSIVE_AUX.has(toks[j - 1]?.text.toLowerCase() ?? '') && !['was', 'were', 'had', 'did'].includes(w)) continue;
      if (participle) return present && detailed ? 'present' : 'past';
      if (w === 'be' || w === 'been') continue;
      if (j === i - 1 || j === i - 2) { if (PRESENT_AUX.has(w)) present = true; }
      else if (PRESENT_AUX.has(w) && toks[j + 1] && /^(?:on|due|set|expected|scheduled)$/i.test(toks[j + 1].text)) present = true;
    }
    return present && detailed ? 'present' : null;
  }

  // ---- resolution rules ----
  bareMonth(m: number, start: number): Resolved {
    const p = this.pub;
    if (!p) return month(null, m);
    if (this.tense(start) === 'future') return month(m >= p.m ? p.y : p.y + 1, m);
    return month(m <= p.m ? p.y : p.y - 1, m);
  }
  relMonth(rel: string, m: number): Resolved {
    const p = this.pub;
    if (!p) return month(null, m);
    if (rel === 'last') return month(m < p.m ? p.y : p.y - 1, m);
    if (rel === 'next') return month(m > p.m ? p.y : p.y + 1, m);
    return month(p.y, m);
  }
  /**
   * Day+month without a year. A weekday named with it ("Saturday, May 18") fixes the year when
   * exactly one nearby year fits. Else tense decides; with no tense, the closest date wins, a
   * future one counting double (a news report mostly looks back).
   */
  dayMonth(m: number, d: number, start: number, weekday?: number): Resolved | null {
    const p = this.pub;
    if (!p) return day(null);
    let cand = [p.y - 1, p.y, p.y + 1].filter((y) => validDay(y, m, d)).map((y) => ({ y, m, d }));
    if (!cand.length) return null;
    if (weekday !== undefined && weekday >= 0) {
      const fit = cand.filter((x) => new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay() === weekday);
      if (fit.length === 1) return day(fit[0]);
      if (fit.length) cand = fit;
    }
    const key = (x: Ymd) => Date.UTC(x.y, x.m - 1, x.d);
    const now = key(p);
    const tense = this.tense(start);
    const past = cand.filter((x) => key(x) <= now), future = cand.filter((x) => key(x) >= now);
    if (tense === 'past' && past.length) return day(past[past.length - 1]);
    if (tense === 'future' && future.length) return day(future[0]);
    const cost = (x: Ymd) => (key(x) < now ? now - key(x) : 2 * (key(x) - now));
    cand.sort((a, b) => cost(a) - cost(b));
    return day(cand[0]);
  }
  /**
   * A weekday: the most recent one (publication day included) unless the words point ahead.
   * "next Friday", a future clause ("will resume on Friday", "would resume on Friday", "talks resume
   * on Friday") or "this Friday" outside a past clause → the coming one (after publication;
   * "this"/present/would may be publication day itself).
   */
  weekday(rel: string, wd: number, start: number): Resolved {
    const p = this.pub;
    if (!p) return day(null);
    const pubWd = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
    const back = (pubWd - wd + 7) % 7; // days back to the most recent such weekday, 0 = publication day
    const ahead = (pubWd === wd ? 0 : (wd - pubWd + 7) % 7);
    const tense = rel === 'last' || rel === 'next' || rel === 'since' ? null : this.tense(start, true);
    if (rel === 'next') return day(addDays(p, ahead || 7));
    if (tense === 'future') return day(addDays(p, ahead)); // wire style: "will meet on Monday" in Monday's copy is that day
    if (rel === 'last') return day(addDays(p, -(back || 7)));
    // a deadline ("by Friday", "until Friday", "before Friday") lies ahead unless the clause is past
    if (tense === 'future_in_past' || tense === 'present' || ((rel === 'this' || rel === 'deadline') && tense !== 'past')) return day(addDays(p, ahead));
    return day(addDays(p, -back));
  }
  relative(rel: string, unit: string): Resolved {
    const p = this.pub;
    const k = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
    if (unit === 'year') return year(p ? p.y + k : null);
    if (unit === 'month') { if (!p) return month(null, 1); const x = addMonths(p, k); return month(x.y, x.m); }
    return day(p ? addDays(p, 7 * k) : null); // week → its anchor day
  }
  ago(n: number | null, unit: string): Resolved {
    const p = n === null ? null : this.pub;
    const u = unit.replace(/s$/, '').toLowerCase();
    if (u === 'year' || u === 'decade') return year(p ? p.y - n! * (u === 'decade' ? 10 : 1) : null);
    if (u === 'month') { if (!p) return { value: null, precision: 'month' }; const x = addMonths(p, -n!); return month(x.y, x.m); }
    return day(p ? addDays(p, -n! * (u === 'week' ? 7 : 1)) : null);
  }
  season(rel: string | null, s: string, y: number | null): Resolved {
    if (y !== null) return year(y);
    const p = this.pub;
    if (!p) return year(null);
    const sm = SEASON_START[s.toLowerCase()];
    const startKey = (yy: number) => yy * 12 + sm - 1, pubKey = p.y * 12 + p.m - 1;
    if (rel === 'last') { let yy = p.y; while (startKey(yy) + 2 >= pubKey) yy--; return year(yy); }
    if (rel === 'next') { let yy = p.y - 1; while (startKey(yy) <= pubKey) yy++; return year(yy); }
    return year(p.y);
  }
}

/** A pattern, its resolver, and optionally a literal (or a simple pattern) every match contains: the rule is skipped on texts without it. */
type Rule = [RegExp, (m: RegExpExecArray, c: Context, start: number) => Resolved | null, (string | RegExp)?];

const yearOf = (rel: string | undefined, c: Context): number | null => {
  if (!c.pub) return null;
  const r = (rel ?? '').toLowerCase();
  return r === 'last' ? c.pub.y - 1 : r === 'next' ? c.pub.y + 1 : c.pub.y;
};

const RULES: Rule[] = [
  // ISO dates
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => validDay(+m[1], +m[2], +m[3]) ? day({ y: +m[1], m: +m[2], d: +m[3] }) : null],
  // numeric dates with a year: 9/11/2001 (US order unless the first part cannot be a month)
  [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => {
    let mo = +m[1], d = +m[2];
    if (mo > 12) [mo, d] = [d, mo];
    return validDay(+m[3], mo, d) ? day({ y: +m[3], m: mo, d }) : null;
  }],
  // "9/11" without a year is the name of the 2001 attacks
  [/(?<![\d/])9\/11(?![\d/])/g, () => day({ y: 2001, m: 9, d: 11 })],
  // (Monday,) September 11(, 2001)
  [new RegExp(`\\b(?:${WEEKDAY},?\\s+)?${MONTH_ANY}\\s+${DAY}\\b(?:,?\\s+${YEAR}\\b)?`, 'g'), (m, c, s) => {
    const mo = monthNumber(m[2]), d = +m[3];
    if (m[4]) return validDay(+m[4], mo, d) ? day({ y: +m[4], m: mo, d }) : null;
    return c.dayMonth(mo, d, s, m[1] ? WEEKDAYS.indexOf(m[1]) : undefined);
  }],
  // (Monday,) (the) 11(th) (of) September (2001)
  [new RegExp(`\\b(?:${WEEKDAY},?\\s+)?(?:the\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH_ANY}\\b(?:,?\\s+${YEAR}\\b)?`, 'g'), (m, c, s) => {
    const mo = monthNumber(m[3]), d = +m[2];
    if (m[4]) return validDay(+m[4], mo, d) ? day({ y: +m[4], m: mo, d }) : null;
    return c.dayMonth(mo, d, s, m[1] ? WEEKDAYS.indexOf(m[1]) : undefined);
  }],
  // September 2001, February of 2020, (early|mid-) March of last year, February this year
  [new RegExp(`\\b${EDGE}?${MONTH_ANY}(?:,?\\s+(?:of\\s+)?${YEAR}\\b|\\s+(?:of\\s+)?${REL}\\s+year\\b)`, 'g'), (m, c) => {
    const mo = monthNumber(m[1]);
    return m[2] ? month(+m[2], mo) : month(yearOf(m[3], c), mo);
  }],
  // last August, this March, next May
  [new RegExp(`\\b${REL}\\s+${MONTH_ANY}(?![a-z])(?!\\.?\\s+\\d)`, 'g'), (m, c) => c.relMonth(m[1].toLowerCase(), monthNumber(m[2]))],
  // bare abbreviated month with its full stop: "on Nov.", "in Sept.", "late Aug." (a date cue before it is required)
  [new RegExp(`\\b${EDGE}?${MONTH_ABBR_DOT}(?!\\s*\\d)`, 'g'), (m, c, s) => {
    if (m[0] === m[1] && !MONTH_CUES.has(c.wordBefore(s))) return null;
    return c.bareMonth(monthNumber(m[1]), s);
  }, new RegExp(MONTH_ABBR_DOT)],
  // bare month: "in March", "Earlier in March", "early May", "mid-June"
  [new RegExp(`\\b${EDGE}?${MONTH}\\b(?!\\s+\\d)`, 'g'), (m, c, s) => {
    const word = m[1];
    const edged = m[0] !== word;
    const before = c.wordBefore(s);
    const after = c.nlp.text.slice(s + m[0].length, s + m[0].length + 20);
    if (!edged) {
      // "May" and "March" double as a modal verb and a noun/verb: demand a date cue before them;
      // any month followed by a capitalised word may be a first name ("April Ryan", "June Almeida")
      if ((word === 'May' || word === 'March') && !MONTH_CUES.has(before)) return null;
      if (/^\s+[A-Z][a-z]/.test(after) && !MONTH_CUES.has(before)) return null;
      if (['the', 'a', 'an'].includes(before)) return null;
    }
    return c.bareMonth(monthNumber(word), s);
  }],
  // decades: the 1990s, the early 2000s, the '90s
  [new RegExp(`\\b(?:${EDGE})?(1[89]\\d|20\\d)0s\\b|(?<=\\bthe\\s+)['’](\\d)0s\\b`, 'g'), (m) => ({
    value: m[1] ?? `19${m[2]}`, precision: null,
  }), '0s'],
  // seasons: last summer, the summer of 2019, spring 2020, this fall
  [new RegExp(`\\b(?:${REL}\\s+|${EDGE}|(?:the\\s+))?(${alt(Object.keys(SEASON_START), ci)})(?:\\s+(?:of\\s+)?${YEAR}\\b|\\s+(?:of\\s+)?${REL}\\s+year\\b)?`, 'g'), (m, c) => {
    const s = m[2].toLowerCase();
    if (m[3]) return year(+m[3]);
    if (m[4]) return year(yearOf(m[4], c));
    if (!m[1]) return null; // a bare "fall"/"spring" is too often a verb or a noun
    return c.season(m[1].toLowerCase(), s, null);
  }],
  // years: 2019, mid-2020, early 2001, the end of 2020 (counts like "about 2000 troops" are not years)
  [new RegExp(`\\b${EDGE}?${YEAR}\\b(?![,.]\\d|\\s*(?:%|percent|per cent|million|billion|thousand))`, 'g'), (m, c, s) => {
    const before = c.nlp.text.slice(Math.max(0, s - 20), s);
    if (/[$£€]\s*$|\b(?:about|some|nearly|almost|around|approximately|than|least|to|of|over|estimated)\s+$/i.test(before)
      && /^\s+[a-z]+s\b/.test(c.nlp.text.slice(s + m[0].length, s + m[0].length + 20))) return null;
    if (/[$£€#]\s*$|[A-Za-z]-?$|\d\/$|\bno\.\s*$/i.test(before)) return null; // money, "F-2020"-like codes, slashed numbers
    // 18xx is more often a count ("1800 troops") than a year unless a preposition says otherwise
    if (+m[1] < 1900 && !/^(in|since|of|by|from|until|to|and|between|before|after)$/.test(c.wordBefore(s))) return null;
    return year(+m[1]);
  }],
  // last year, this month, next week, earlier this year, the end of last year
  [new RegExp(`\\b${EDGE}?${REL}\\s+(year|month|week)\\b`, 'g'), (m, c) => c.relative(m[1].toLowerCase(), m[2])],
  // yesterday, today, tomorrow, last night, this morning
  [new RegExp(`\\b(${alt(['yesterday', 'today', 'tomorrow', 'tonight', 'last night'], ci)}|${ci('this')}\\s+(?:morning|afternoon|evening))\\b`, 'g'), (m, c, s) => {
    const w = m[1].toLowerCase();
    if (/^T/.test(m[1]) && c.capitalisedBefore(s)) return null; // "USA Today"
    if (!c.pub) return day(null);
    return day(addDays(c.pub, w === 'yesterday' || w === 'last night' ? -1 : w === 'tomorrow' ? 1 : 0));
  }],
  // weekdays: on Tuesday, last Friday, Monday's attack, next Wednesday
  [new RegExp(`\\b(?:${REL}\\s+|(?:${ci('on')}|${ci('by')}|${ci('until')}|${ci('till')}|${ci('before')}|${ci('since')})\\s+)?${WEEKDAY}\\b`, 'g'), (m, c, s) => {
    const rel = (m[1] ?? '').toLowerCase();
    const after = c.nlp.text.slice(s + m[0].length, s + m[0].length + 30);
    if (m[0] === m[2] && WEEKDAY_NAMES.test(c.wordBeforeCased(s))) return null; // "Black Friday", "Super Tuesday", "Good Friday"
    if (WEEKDAY_TITLES.test(after) || (/^on\s/i.test(m[0]) && /\bMail\s+$/.test(c.nlp.text.slice(Math.max(0, s - 8), s)))) return null; // "The Sunday Times", "Mail on Sunday"
    const prep = /^(since|by|until|till|before)\s/i.exec(m[0])?.[1].toLowerCase();
    return c.weekday(rel || (prep === 'since' ? 'since' : prep ? 'deadline' : ''), WEEKDAYS.indexOf(m[2]), s);
  }],
  // two weeks ago, over a year ago, a decade ago, several months ago (vague → null)
  [new RegExp(`\\b${APPROX}${NUMWORD}\\s+(days?|weeks?|months?|years?|decades?)\\s+ago\\b`, 'g'), (m, c) => c.ago(count(m[1]), m[2]), 'ago'],
];

// chrono is the costliest part of the stage, and every date it contributes holds a digit. It runs only
// over the stretches of text that hold one, cut at gaps where nothing chrono does can reach across:
// the word before the gap and the word after it are plain ASCII words that no chrono pattern contains
// (so no match and no merge of neighbouring results spans the gap: a result is made of pattern words,
// and merges need only connector words between two results), and the word before has 5+ letters (so
// it is no time-zone abbreviation a result could absorb). Results inside such a stretch are the same
// as those of the whole text, offsets aside; stretches without a digit yield no kept date.

/** Lower-cased words of chrono's English patterns (and of its refiners' connector patterns). */
let chronoWords: Set<string> | null = null;
function chronoVocabulary(): Set<string> {
  if (chronoWords) return chronoWords;
  const words = new Set('to until through till t at after before on of and last day end the this past next week month year gmt utc'.split(' '));
  const context = new chrono.ParsingContext('', { instant: new Date(Date.UTC(2000, 0, 1, 12)), timezone: 0 });
  for (const parser of chrono.en.casual.parsers) for (const w of parser.pattern(context).source.match(/[A-Za-z]+/g) ?? []) words.add(w.toLowerCase());
  return (chronoWords = words);
}

const isAsciiLetter = (ch: number) => (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
/** What /\s/ matches. */
const isSpace = (ch: number) => ch === 32 || (ch >= 9 && ch <= 13) || ch === 0xa0 || (ch > 0x1000 && (ch === 0x1680 || (ch >= 0x2000 && ch <= 0x200a)
  || ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f || ch === 0x3000 || ch === 0xfeff));
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Neither a letter, a digit nor a space: punctuation around a word ("(said),"). */
const isMark = (ch: number) => (ch < 128 ? !isAsciiLetter(ch) && !(ch >= 48 && ch <= 57) : !LETTER_OR_DIGIT.test(String.fromCharCode(ch))) && !isSpace(ch);

/** The run [a, b) (no spaces) is marks, ASCII letters that are no chrono word (5+ of them if `long`), marks; or, with
 *  `firstWordOnly`, starts so (whatever follows its first word). */
function inertRun(text: string, a: number, b: number, vocab: Set<string>, long: boolean, firstWordOnly: boolean): boolean {
  let i = a;
  while (i < b && isMark(text.charCodeAt(i))) i++;
  let j = i;
  while (j < b && isAsciiLetter(text.charCodeAt(j))) j++;
  if (j === i || (long && j - i < 5)) return false;
  if (!firstWordOnly) for (let k = j; k < b; k++) if (!isMark(text.charCodeAt(k))) return false;
  return !vocab.has(text.slice(i, j).toLowerCase());
}

/** Is the whitespace run [gs, ge) a cut: an inert run of 5+ letters before it and an inert word after it? */
function isCut(text: string, gs: number, ge: number, vocab: Set<string>): boolean {
  if (gs === 0 || ge >= text.length) return false;
  let a = gs;
  while (a > 0 && !isSpace(text.charCodeAt(a - 1))) a--;
  let b = ge;
  while (b < text.length && !isSpace(text.charCodeAt(b))) b++;
  return inertRun(text, a, gs, vocab, true, false) && inertRun(text, ge, b, vocab, false, true);
}

/** The first cut [gs, ge) with from <= gs < limit, or null. */
function firstCut(text: string, from: number, limit: number, vocab: Set<string>): [number, number] | null {
  for (let i = from; i < limit; i++) {
    if (!isSpace(text.charCodeAt(i))) continue;
    let ge = i + 1;
    while (ge < text.length && isSpace(text.charCodeAt(ge))) ge++;
    if (isCut(text, i, ge, vocab)) return [i, ge];
    i = ge;
  }
  return null;
}

/** The last cut [gs, ge) with ge <= before and gs >= floor, or null. */
function lastCut(text: string, before: number, floor: number, vocab: Set<string>): [number, number] | null {
  for (let i = before - 1; i >= floor; i--) {
    if (!isSpace(text.charCodeAt(i))) continue;
    let gs = i;
    while (gs > 0 && isSpace(text.charCodeAt(gs - 1))) gs--;
    if (gs >= floor && isCut(text, gs, i + 1, vocab)) return [gs, i + 1];
    i = gs;
  }
  return null;
}

/** Digit-free text longer than this between two digits is cut out (one chrono call costs ~100 characters of text). */
const SKIP = 200;

/** Stretches [start, end) of the text to run chrono over (see above): every digit is in one; each starts at the text start
 *  or right after a cut and ends at the text end or right at a cut. In text order, non-overlapping. */
export function chronoStretches(text: string): [number, number][] {
  const out: [number, number][] = [];
  const digits = /\d+/g;
  let m = digits.exec(text);
  if (!m) return out;
  const vocab = chronoVocabulary();
  let start = lastCut(text, m.index, 0, vocab)?.[1] ?? 0;
  let end = m.index + m[0].length;
  for (;;) {
    m = digits.exec(text);
    const next = m ? m.index : text.length;
    if (next - end > SKIP) {
      const cut = firstCut(text, end, next, vocab);
      if (cut) {
        out.push([start, cut[0]]);
        if (!m) return out;
        start = lastCut(text, next, cut[0], vocab)![1];
      }
    }
    if (!m) { out.push([start, text.length]); return out; }
    end = m.index + m[0].length;
  }
}

/**
 * What every date kept by chronoDates contains, by its filter: a capitalised month word, or only the ordinal suffixes
 * "st", "nd", "rd", "th" as words (chrono results start after a non-word character and end before one, so such a word
 * stands alone in the text too), or, with no words, four digits. Start offsets of their occurrences, in text order.
 */
const KEPT_DATE_HINT = /J[aA][nN]|F[eE][bB]|M[aA][rRyY]|A[pP][rR]|J[uU][nNlL]|A[uU][gG]|S[eE][pP]|O[cC][tT]|N[oO][vV]|D[eE][cC]|\d{4}|(?<![A-Za-z])(?:st|nd|rd|th)(?![A-Za-z])/g;
function keptDateHints(text: string): number[] {
  const out: number[] = [];
  KEPT_DATE_HINT.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = KEPT_DATE_HINT.exec(text));) out.push(m.index);
  return out;
}

/** Calendar dates with an explicit day that only chrono finds; lower priority than the rules. */
function chronoDates(c: Context): Candidate[] {
  const out: Candidate[] = [];
  const p = c.pub;
  const ref = p ? new Date(Date.UTC(p.y, p.m - 1, p.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
  const results: { r: chrono.ParsedResult; at: number }[] = [];
  const hints = keptDateHints(c.nlp.text);
  let h = 0;
  for (const [a, b] of chronoStretches(c.nlp.text)) {
    // a stretch with no month word, year-long number or ordinal suffix yields no kept date (see the filter below)
    while (h < hints.length && hints[h] < a) h++;
    if (h >= hints.length || hints[h] >= b) continue;
    for (const r of chrono.en.parse(c.nlp.text.slice(a, b), { instant: ref, timezone: 0 })) results.push({ r, at: a + r.index });
  }
  for (const { r, at } of results) {
    if (!r.start.isCertain('day') || !r.start.isCertain('month')) continue;
    const text = r.text.replace(/[\s,.;:]+$/, '');
    // only spelled-out months (capitalised) or slashed dates with a year; "5/3" is a score or a fraction
    if (!/\d/.test(text)) continue; // "now", "tonight": the rules handle words
    // without a month name only ISO or slashed dates; bare digit runs are tables and scores
    if (!/[A-Za-z]{3}/.test(text) && !/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})$/.test(text)) continue;
    const words = text.replace(/\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the|of|on)\b/g, '').match(/[A-Za-z]+/g) ?? [];
    if (words.length ? !words.every((w) => monthNumber(w) > 0 && /^[A-Z]/.test(w) || /^(st|nd|rd|th)$/.test(w)) : !/\d{4}/.test(text)) continue;
    if (/\d{1,2}:\d{2}|[ap]\.?m\b/i.test(text)) continue; // clock times make chrono's span too wide
    const mo = r.start.get('month')!, d = r.start.get('day')!;
    const wd = WEEKDAYS.findIndex((w) => text.includes(w));
    const res = r.start.isCertain('year') ? day({ y: r.start.get('year')!, m: mo, d }) : c.dayMonth(mo, d, at, wd >= 0 ? wd : undefined);
    if (res) out.push({ start: at, end: at + text.length, ...res, prio: 1 });
  }
  return out;
}

export function extractTimes(nlp: NlpDocument, published: string | null): TimeExpr[] {
  const c = new Context(nlp, parseDate(published));
  const cands: Candidate[] = [];
  for (const [re, resolve, need] of RULES) {
    if (need && !(typeof need === 'string' ? nlp.text.includes(need) : need.test(nlp.text))) continue;
    re.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = re.exec(nlp.text));) {
      const res = resolve(m, c, m.index);
      if (res) cands.push({ start: m.index, end: m.index + m[0].length, ...res, prio: 0 });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  try { cands.push(...chronoDates(c)); } catch { /* chrono is a bonus source; the rules stand alone */ }
  // longest first, rules before chrono; then keep non-overlapping spans
  cands.sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.prio - b.prio || a.start - b.start);
  const kept: Candidate[] = [];
  for (const x of cands) if (!kept.some((k) => x.start < k.end && k.start < x.end)) kept.push(x);
  kept.sort((a, b) => a.start - b.start);
  return kept.map((x, i) => ({
    id: `t${i + 1}`, start: x.start, end: x.end, text: nlp.text.slice(x.start, x.end), value: x.value, precision: x.precision,
  }));
}
