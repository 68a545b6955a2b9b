// quantities: numerals, number words and ranges with their units.
//
// Conventions for low/high (a claim's number as stated; the words around it say how sure):
// - a plain number n: low = high = n. Approximations ("about", "nearly", "some", "an estimated")
//   keep low = high = n; the hedge stays visible in `text`.
// - lower bounds ("more than", "over", "at least") → low = n, high = null;
//   upper bounds ("up to", "fewer than", "as many as") → low = null, high = n.
// - ranges ("6,000 to 10,000", "between 20 and 30", "20-30", "two or three") → low, high.
// - vague plural scales ("dozens", "hundreds", "thousands of", "tens of thousands") mean at least
//   two of the scale: low = 2 × scale, high = null (open: writers say "hundreds" for 1,500 too).
// - a bare "one"/"a" is not counted (it is mostly a pronoun or an article), except in
//   "one of the 12", in ranges ("one or two") and before a scale ("one million").
// Skipped: anything inside a time expression (years, "May 1", "two weeks ago"), clock times,
// ordinals, codes and names ("F-16", "COVID-19", "Article 5", "215 Maiwand Corps"), "9/11" and
// other slashed numbers, phone numbers.
import type { NlpDocument, Quantity, Span, TimeExpr, Token } from '../types.js';

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const SUFFIX_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, b: 1e9, bln: 1e9, tn: 1e12 };
// Currency signs and codes written before the amount ("$ 25", "USD 25", "KSh25", "Sh 25"); a space may follow.
const CURRENCIES: [RegExp, string][] = [
  [/(?:US|A|C|NZ|HK)?\$\s?/y, 'dollars'], [/USD\s?/y, 'dollars'], [/(?:€|EUR\s?)\s?/y, 'euros'], [/(?:£|GBP\s?)\s?/y, 'pounds'],
  [/¥\s?/y, 'yen'], [/(?:Rs\.?|INR|₹)\s?/y, 'rupees'], [/(?:KSh|Ksh|KShs|Kshs|KES)\.?\s?/y, 'Kenyan shillings'],
  [/(?:TSh|Tsh|TZS)\.?\s?/y, 'Tanzanian shillings'], [/(?:USh|UGX)\.?\s?/y, 'Ugandan shillings'], [/Shs?\.?\s?/y, 'shillings'],
  [/(?:₦|NGN\s?)/y, 'naira'], [/(?:CHF|SFr\.?)\s?/y, 'Swiss francs'], [/(?:FCFA|CFA)\s?/y, 'CFA francs'], [/(?:ZAR\s?)/y, 'rand'],
];
/** Where a currency prefix may start: a sign, or a code that is glued to or spaced from a numeral. */
const CURRENCY_TRIGGER = String.raw`(?:US|A|C|NZ|HK)?\$|[€£¥₹₦]|\b(?:USD|EUR|GBP|INR|KES|KShs?|Kshs?|TSh|Tsh|TZS|USh|UGX|Shs?|NGN|CHF|SFr|FCFA|CFA|ZAR|Rs)\.?\s?(?=\d)`;

const LOWER_BOUND = /\b(?:more than|over|at least|upwards of|in excess of|no fewer than|no less than|well over|just over)\s+$/i;
const UPPER_BOUND = /\b(?:fewer than|less than|under|up to|at most|no more than|as many as|as much as|just under)\s+$/i;
const APPROX = /\b(?:about|around|approximately|roughly|some|nearly|almost|an estimated|estimated|close to|a total of)\s+$/i;
// Measurement units glued to a numeral ("5km"); other letters glued to a number make it a code ("5G", "3D").
const GLUED_UNITS = /^(km|kg|mm|cm|ft|lb|lbs|mph|kph|kmh|mw|gw|kw|ha|sq)\b/i;
// A capitalised word right before a number that is still a count ("In 2 attacks", "Some 500").
const FUNCTION_WORDS = new Set(['the', 'in', 'on', 'at', 'of', 'and', 'but', 'or', 'with', 'by', 'for', 'to', 'from', 'since', 'some',
  'about', 'around', 'nearly', 'almost', 'only', 'just', 'over', 'under', 'roughly', 'approximately', 'another', 'all', 'those',
  'these', 'between', 'up', 'an', 'a', 'estimated', 'more', 'fewer', 'less', 'at', 'least', 'than', 'when', 'after', 'before', 'as',
  'while', 'if', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'last', 'first', 'killing', 'killed', 'kill', 'among', 'including']);
// A capitalised name after a number that ends in one of these is a unit's or a place's name.
const NAME_HEADS = /^(Corps|Division|Brigade|Regiment|Battalion|Squadron|Company|Street|Avenue|Road|Route|Highway|Flight|Army|Command|Wing|Fleet|Group|Unit|Center|Centre|Square|Park|Regiment|Zone|District|Sector)$/;

/** Where a quantity may start: a currency, a digit or a number word (one pattern, reset per document). */
const TRIGGER = new RegExp(String.raw`${CURRENCY_TRIGGER}|\d|` + /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens|hundreds|thousands|millions|billions|tens|several|a few|an?|half)\b/.source, 'gi');

interface Atom { start: number; end: number; value: number; scaled: boolean; vague: boolean; unit?: string; percent?: boolean; word?: string }

// sticky() runs ~1000 times per article (every number-word probe): every pattern it is given is a
// module-level sticky (/y) RegExp, so a call is just setting lastIndex and exec (no per-call RegExp,
// flags or cache key).
function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}
const HALF_SCALE = /half an? (million|billion)\b/iy;
const A_SCALE = /an? (dozen|hundred|thousand|million|billion)\b/iy;
const NUMBER_WORD = /(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen)\b/iy;
const WORD_SEP = /(?:\s+and\s+|[\s-]+)(?=[a-z])/iy;
const DECIMAL_COMMA = /(\d{1,3}),(\d{1,2})(?=[\s-]?(?:million|billion|trillion)s?\b)/iy;
const SPACED_GROUPS = /(\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+)(?![\d.,]|[\u00a0\u202f\u2009 ]\d)/y;
const DOTTED_GROUPS = /(\d{1,3}(?:\.\d{3}){2,})(?![\d.,]*\d)/y;
const NUMERAL = /(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,]*\d)/y;
const GLUED_SCALE_UNIT = /\s?(mln|bln)\.?(?=\s|$)|(bn|mn|tn|m|k|b)\b/iy;
const GLUED_SCALE = /\s?(mln|bln)\.?(?=\s|$)|(bn|mn|tn|m|k)\b/y;
const SPELLED_SCALE = /[\s-]?(hundred|thousand|million|billion|trillion)s?\b/iy;
const VAGUE = /(?:(tens|hundreds) of (thousands|millions)|(dozens|hundreds|thousands|millions|billions)|(?:several|a few) (hundred|thousand|million|billion))\b/iy;
const PERCENT = /\s?(?:%|percent\b|per cent\b|percentage points?\b)/iy;
const CONN_BETWEEN = /\s+and\s+|\s*[-–—]\s*|\s+to\s+/y;
const CONN = /\s*[-–—]\s*|\s+to\s+|\s+or\s+/y;
const OF_NUM = /\s+(?:of|out of)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+|our\s+|these\s+|those\s+)?(?=\S)/iy;

/** English number words from `at`: "twenty-five", "two hundred and fifty", "a dozen", "half a million". */
function parseWords(text: string, at: number): Atom | null {
  const half = sticky(HALF_SCALE, text, at);
  if (half) return { start: at, end: at + half[0].length, value: SCALES[half[1].toLowerCase()] / 2, scaled: true, vague: false };
  const aScale = sticky(A_SCALE, text, at);
  if (aScale) {
    const w = aScale[1].toLowerCase();
    return { start: at, end: at + aScale[0].length, value: w === 'dozen' ? 12 : SCALES[w], scaled: w !== 'dozen', vague: false };
  }
  const re = NUMBER_WORD;
  let pos = at, total = 0, current = 0, words = 0, end = at, scaled = false, first = '';
  for (;;) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const w = m[1].toLowerCase();
    if (words === 0) { if (w in SCALES || w === 'dozen') return null; first = w; }
    if (w in UNITS) {
      // only "twenty" + "five" combine; "three four times" is a correction, not 7
      const r = current % 100, v = UNITS[w];
      if (!(r === 0 || (r >= 20 && r % 10 === 0 && v < 10))) break;
      current += v;
    }
    else if (w === 'dozen') current = (current || 1) * 12;
    else if (w === 'hundred') { current = (current || 1) * 100; scaled = true; }
    else { total += (current || 1) * SCALES[w]; current = 0; scaled = true; }
    words++; end = m.index + m[0].length;
    const sep = sticky(WORD_SEP, text, end);
    if (!sep) break;
    pos = end + sep[0].length;
  }
  if (!words) return null;
  // "twenty-five" is a number, but "two-thirds" / "one-off" are not counts
  if (/^-[a-z]/i.test(text.slice(end, end + 2)) && !/^-(year|month|week|day|hour|man|member|mile|metre|meter|kilomet|strong|point|story|storey|seat|vote|hour|minute|page)/i.test(text.slice(end))) return null;
  return { start: at, end, value: total + current, scaled, vague: false, word: first };
}

/** A numeral with optional currency and scale from `at`: "6,000", "$3bn", "1.5 million", "US$3 billion". */
function parseNumeral(text: string, at: number): Atom | null {
  let pos = at, unit: string | undefined;
  for (const [re, name] of CURRENCIES) {
    const c = sticky(re, text, pos);
    if (c) { unit = name; pos += c[0].length; break; }
  }
  // "1,2 billion" (a decimal comma, as machine-translated French copy writes it) before a scale word
  const comma = sticky(DECIMAL_COMMA, text, pos);
  // "25 000" / "25\u00a0000": thousands grouped by spaces (not "in 2020 100 ...": the first group has 1-3 digits)
  const spaced = comma ? null : sticky(SPACED_GROUPS, text, pos);
  // "25.000.000": thousands grouped by full stops (two groups or more, so never a decimal)
  const dotted = comma || spaced ? null : sticky(DOTTED_GROUPS, text, pos);
  const n = comma ?? spaced ?? dotted ?? sticky(NUMERAL, text, pos);
  if (!n) return null;
  let value = comma ? parseFloat(`${n[1]}.${n[2]}`) : dotted ? parseFloat(n[1].replace(/\./g, '')) : parseFloat((n[1] + (n[2] ?? '')).replace(/[,\u00a0\u202f\u2009 ]/g, ''));
  let end = pos + n[0].length, scaled = false;
  const glued = sticky(unit ? GLUED_SCALE_UNIT : GLUED_SCALE, text, end); // "4K" is a resolution
  // "25 million", "$25-million", and the plural "25 millions" of translated copy
  const spelled = sticky(SPELLED_SCALE, text, end);
  if (spelled) { value *= SCALES[spelled[1].toLowerCase()]; end += spelled[0].length; scaled = true; }
  else if (glued && (unit || glued[2] !== 'b')) { value *= SUFFIX_SCALES[(glued[1] ?? glued[2]).toLowerCase()]; end += glued[0].length; scaled = true; }
  return { start: at, end, value: Math.round(value * 1e6) / 1e6, scaled, vague: false, unit };
}

/** "dozens", "hundreds", "tens of thousands", "hundreds of thousands", "several hundred". */
function parseVague(text: string, at: number): Atom | null {
  const m = sticky(VAGUE, text, at);
  if (!m) return null;
  const unitOf = (w: string) => (w.toLowerCase().startsWith('dozen') ? 12 : SCALES[w.toLowerCase().replace(/s$/, '')]);
  const scale = m[1] ? (m[1].toLowerCase() === 'tens' ? 10 : 100) * unitOf(m[2]) : unitOf(m[3] ?? m[4]);
  return { start: at, end: at + m[0].length, value: 2 * scale, scaled: true, vague: true };
}

function parseAtom(text: string, at: number): Atom | null {
  return parseVague(text, at) ?? parseNumeral(text, at) ?? parseWords(text, at);
}

/** Percent sign or word right after an atom; returns its end or -1. */
function percentAfter(text: string, end: number): number {
  const m = sticky(PERCENT, text, end);
  return m ? end + m[0].length : -1;
}

class Units {
  private starts: number[];
  constructor(private nlp: NlpDocument) { this.starts = nlp.tokens.map((t) => t.start); }
  tokenFrom(offset: number): number {
    let lo = 0, hi = this.starts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.starts[mid] < offset) lo = mid + 1; else hi = mid; }
    return lo;
  }
  /** The counted noun phrase starting at `offset`: adjectives/nouns/proper nouns ending in a noun, at most 4 words. */
  phraseAt(offset: number, blocked: (s: number, e: number) => boolean = () => false): Span | null {
    const toks = this.nlp.tokens;
    let i = this.tokenFrom(offset);
    if (i >= toks.length || /\S/.test(this.nlp.text.slice(offset, toks[i].start))) return null;
    const run: Token[] = [];
    let words = 0;
    for (; i < toks.length && words < 4; i++) {
      const t = toks[i];
      const prev = run[run.length - 1];
      if (t.text === '-' && prev && prev.end === t.start && toks[i + 1]?.start === t.end) { run.push(t); continue; }
      if (prev && prev.text !== '-' && /\n/.test(this.nlp.text.slice(prev.end, t.start))) break;
      const participle = t.pos === 'VERB' && /(ed|ing)$/.test(t.text) && ['NOUN', 'ADJ'].includes(toks[i + 1]?.pos ?? '');
      if ((!['ADJ', 'NOUN', 'PROPN'].includes(t.pos) && !participle) || blocked(t.start, t.end)) break;
      run.push(t); words++;
    }
    while (run.length && (run[run.length - 1].pos !== 'NOUN' && !(run[run.length - 1].pos === 'PROPN' && /[a-z]s$/.test(run[run.length - 1].text)))) run.pop();
    return run.length ? { start: run[0].start, end: run[run.length - 1].end } : null;
  }
}

export function extractQuantities(nlp: NlpDocument, times: TimeExpr[] = []): Quantity[] {
  const text = nlp.text;
  const units = new Units(nlp);
  const blocked: Span[] = [...times];
  // phone numbers: +93 20 123 4567, (202) 555-0123, 1-800-273-8255
  for (const m of text.matchAll(/(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\b\d{1,4})(?:[\s.-]\d{2,4}){2,}\b/g)) {
    if (m[0].replace(/\D/g, '').length >= 9 && !/,\d{3}/.test(m[0])) blocked.push({ start: m.index!, end: m.index! + m[0].length });
  }
  const isBlocked = (s: number, e: number) => blocked.some((b) => s < b.end && b.start < e);

  interface Found { start: number; end: number; low: number | null; high: number | null; unit: string | null; unitFromNext: boolean }
  const found: Found[] = [];
  const trigger = TRIGGER;
  trigger.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = trigger.exec(text));) {
    const at = m.index;
    const a = parseAtom(text, at);
    if (!a) continue;
    trigger.lastIndex = Math.max(trigger.lastIndex, a.end);
    const before = text.slice(Math.max(0, at - 40), at);
    // codes and names: F-16, COVID-19, G7, No. 2, #1, 3/4, 24/7, 9/11, 1st, 5G
    if (/[A-Za-z]-?$|[A-Za-z]\.$|\bno\.\s*$|#$|\d[/:.]$|\d-$/i.test(before)) continue;
    if (/^\)/.test(text.slice(a.end)) && !/\($/.test(before)) continue; // list items: "1) ..."
    if (/(?:^|\n)\s*$/.test(before) && /^\.\s/.test(text.slice(a.end))) continue; // list items: "1. ..." 
    if (/^(?:[/:]\d|(?:st|nd|rd|th)\b|\p{L})/u.test(text.slice(a.end)) && !GLUED_UNITS.test(text.slice(a.end))) continue;
    // tables and score lines ("5040 5 1 17", "7-6 (5)"): numbers next to numbers, or alone in brackets
    // (a bracketed amount with a currency or a scale is a conversion: "€25 million ($27 million)")
    if (/\d[ \t]+$/.test(before) || /^[ \t]+\d/.test(text.slice(a.end)) || (/\($/.test(before) && /^\)/.test(text.slice(a.end)) && !a.unit && !a.scaled)) continue;
    if (/^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|ET\b|EST\b|hrs\b|o'clock\b)/i.test(text.slice(a.end))) continue;
    // "Article 5", "Resolution 2254", "Boeing 737": a capitalised word right before the number names it
    const prevWord = /([A-Za-z]\w*)\s+$/.exec(before);
    // (an amount with a scale word is never a name or a code: "in North Kivu 2 million people")
    if (prevWord && /^[A-Z]/.test(prevWord[1]) && !FUNCTION_WORDS.has(prevWord[1].toLowerCase()) && !a.unit && !a.scaled) {
      const k = units.tokenFrom(at - prevWord[0].length);
      const tok = nlp.tokens[k];
      const sentenceFirst = tok && nlp.sentences[tok.sentence]?.firstToken === k;
      if (!sentenceFirst) continue;
    }

    let start = at, end = a.end, low: number | null = a.value, high: number | null = a.vague ? null : a.value;
    let unit: string | null = a.unit ?? null;
    let pct = percentAfter(text, end);
    let ranged = false;
    // ranges: "6,000 to 10,000", "20-30", "two or three", "between 20 and 30"
    const betweenM = /\b(between|from)\s+$/i.exec(before);
    const conn = sticky(betweenM?.[1].toLowerCase() === 'between' ? CONN_BETWEEN : CONN, text, pct >= 0 ? pct : end);
    if (conn && !a.vague) {
      const b = parseAtom(text, conn.index + conn[0].length);
      if (b && !b.vague && !(conn[0].trim() === 'or' && a.scaled !== b.scaled)) {
        let lo = a.value;
        if (b.scaled && !a.scaled) {
          // "1 to 2 million": the second number's scale applies to the first
          const s = 10 ** (3 * Math.floor(Math.log10(b.value) / 3));
          if (a.value * s < b.value) lo = a.value * s;
        }
        if (b.value > lo) { low = lo; high = b.value; end = b.end; unit = unit ?? b.unit ?? null; ranged = true; pct = percentAfter(text, end); if (betweenM) start = at - betweenM[0].length; }
        else if (/[-–—]/.test(conn[0])) continue; // "3-1": a score, not a range
      }
    }
    // "one" and the article "a" count only in ranges, before a scale or in "one of the 12"
    if (a.word === 'one' && !a.scaled && !ranged && !/^\s+(?:of|out of)\s+(?:the\s+)?\d/i.test(text.slice(a.end))) continue;
    if (!ranged && !betweenM) {
      const lb = LOWER_BOUND.exec(before), ub = UPPER_BOUND.exec(before), ap = APPROX.exec(before);
      if (lb) { high = null; start = at - lb[0].length; }
      else if (ub) { low = null; start = at - ub[0].length; }
      else if (ap) start = at - ap[0].length;
    }
    if (pct >= 0) { end = pct; unit = '%'; }
    trigger.lastIndex = Math.max(trigger.lastIndex, end);
    if (isBlocked(at, end)) continue;

    // "215 Maiwand Corps": a number directly followed by a capitalised name is part of the name
    const after = text.slice(end);
    const caps = /^\s+((?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*)/.exec(after);
    if (!unit && caps) {
      const last = caps[1].split(/\s+/).pop()!;
      const rest = after.slice(caps[0].length), gap = rest.length - rest.trimStart().length;
      const nextLower = /^\s+[a-z]/.test(rest) && units.phraseAt(end + caps[0].length + gap) !== null; // "Taliban fighters"
      if (NAME_HEADS.test(last) || (!/[a-z]s$/.test(last) && !nextLower && /\bthe\s+$/i.test(before) && !a.scaled)) continue;
    }
    let unitFromNext = false;
    if (!unit) {
      const ofNum = sticky(OF_NUM, text, end);
      if (ofNum && /^(?:\d|(?:a |an )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen))/i.test(text.slice(ofNum.index + ofNum[0].length)) && !a.vague) unitFromNext = true;
      else {
        const gl = GLUED_UNITS.exec(text.slice(end));
        const hyph = /^-([a-z]+(?:-[a-z]+)*)/.exec(text.slice(end));
        const skip = ofNum && (a.vague || /\b(?:the|his|her|their|its|our|these|those)\s+$/i.test(ofNum[0])) ? ofNum[0].length : /^\s+/.exec(after)?.[0].length ?? 0;
        const ph = gl ? { start: end, end: end + gl[0].length } : hyph ? { start: end + 1, end: end + hyph[0].length } : units.phraseAt(end + skip, isBlocked);
        if (ph) unit = text.slice(ph.start, ph.end);
      }
    }
    found.push({ start, end, low, high, unit, unitFromNext });
  }
  // "five of the 12 insurgents": the part takes the whole's unit
  for (let i = found.length - 1; i >= 0; i--) if (found[i].unitFromNext) found[i].unit = found[i + 1]?.unit ?? null;
  return found.map((f, i) => ({ id: `n${i + 1}`, start: f.start, end: f.end, text: text.slice(f.start, f.end), low: f.low, high: f.high, unit: f.unit }));
}
