// Quality flags over the cleaned body: signs of machine translation, unbalanced quotation marks,
// truncation and garbled names. Offsets are UTF-16, half-open, into the cleaned text.
import type { QualityFlag } from '../types.js';

/** Exonyms/transliterations a French (or Spanish) source uses where English copy would not. */
// No lookbehind for the left word boundary: V8 cannot scan ahead for the names' first letters past
// one, and a worker often runs this regexp in V8's interpreter (its compiled code is discarded by
// collections under the worker's heap cap), where it cost ~0.4 ms per article. `foreignNames` checks
// the character before each match instead.
const FOREIGN_NAMES = /(?:Ben Laden|Oussama|Al-Qaïda|Al Qaïda|Qaïda|Kaboul|Pékin|Moscou|Londres|Téhéran|Daech|Etats-Unis|États-Unis|Syrie|Irak|Iraq\s+et|Pakistan\s+et|Arabie saoudite|Bachar|Mouammar|Kadhafi|Yémen|Liban|Tchétchénie)(?!\p{L})/gu;
const ENDS_IN_LETTER = /\p{L}$/u;

/** FOREIGN_NAMES matches not preceded by a letter (as `(?<!\p{L})` would have it). */
function foreignNames(text: string): QualityFlag[] {
  const out: QualityFlag[] = [];
  FOREIGN_NAMES.lastIndex = 0;
  for (let m; (m = FOREIGN_NAMES.exec(text));) {
    // Two code units: the letter before may be outside the BMP.
    if (m.index > 0 && ENDS_IN_LETTER.test(text.slice(Math.max(0, m.index - 2), m.index))) { FOREIGN_NAMES.lastIndex = m.index + 1; continue; }
    out.push({ kind: 'machine_translation', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
/** French-style doubled consonants in English words: mentionned, traditionnal, developped, adress. */
const DOUBLED = /\b(\w+ionn(?:ed|al|ally|ing)|develop{2}\w*|adress(?:ed|es|ing)?|litterature|responsability|personnal(?:ly)?|exemples?|appartment|comitted|agressive|occurr?ance)\b/giu;
/** Inverted speech tags translated word for word: ", did he declare", "report says declared". */
const INVERTED = [
  /[,”"]\s*(?:did|does|has|had)\s+(?:he|she|they|it)\s+(?:declare|say|add|explain|indicate|specify|tell|insist|affirm|confide)d?\b/giu,
  /\b(?:says|said|say)\s+(?:declared|said|added|explained|stated|affirmed|indicated)\b/giu,
  /[,.]\s*(?:declared|affirmed|specified|indicated|confided)\s+(?:he|she|they)\b/giu,
];
/** A full stop straight after a function word, before a capital: "of the. Afghan Army". */
const STRAY_STOP = /\b(?:the|an|of the|of|from|and|with the)\.\s+\p{Lu}/gu;
/** A closing quotation mark separated from its sentence: "them, ”said". */
const DETACHED_CLOSE = /[,.!?]\s+”/gu;

export interface Paragraph { text: string; start: number }

/** Lay paragraphs out as they appear in the cleaned text (joined by blank lines). */
export function layout(paragraphs: string[]): Paragraph[] {
  let pos = 0;
  return paragraphs.map((text) => { const p = { text, start: pos }; pos += text.length + 2; return p; });
}

function matches(res: RegExp[], kind: string, text: string): QualityFlag[] {
  const out: QualityFlag[] = [];
  for (const re of res) for (const m of text.matchAll(re)) out.push({ kind, text: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

// DOUBLED and INVERTED are ASCII words under /iu, which V8 matches 3-30x slower than under /i. The two
// flag sets differ only on ſ (U+017F) and the Kelvin sign (U+212A), which /iu folds to s and k (also in
// \w and \b); on a text without either, the /i twins find exactly the same matches.
const DOUBLED_I = new RegExp(DOUBLED.source, 'gi');
const INVERTED_I = INVERTED.map((re) => new RegExp(re.source, 'gi'));

export function machineTranslationFlags(text: string): QualityFlag[] {
  const asciiFold = !text.includes('\u017f') && !text.includes('\u212a');
  const res = asciiFold ? [DOUBLED_I, ...INVERTED_I, STRAY_STOP, DETACHED_CLOSE] : [DOUBLED, ...INVERTED, STRAY_STOP, DETACHED_CLOSE];
  return [...foreignNames(text), ...matches(res, 'machine_translation', text)]
    .sort((a, b) => a.start! - b.start!);
}

/**
 * Per paragraph, “ and ” must pair up and straight " marks must be even. A paragraph left open
 * is fine when the next one re-opens the quote (the convention for multi-paragraph quotes).
 */
export function unbalancedQuoteFlags(paras: Paragraph[]): QualityFlag[] {
  const out: QualityFlag[] = [];
  paras.forEach((p, i) => {
    const open = (p.text.match(/“/g) ?? []).length, close = (p.text.match(/”/g) ?? []).length;
    const straight = (p.text.match(/"/g) ?? []).length;
    const continued = open === close + 1 && /^\s*[“"]/.test(paras[i + 1]?.text ?? '');
    const straightContinued = straight % 2 === 1 && /^\s*"/.test(p.text) && /^\s*"/.test(paras[i + 1]?.text ?? '');
    if ((open !== close && !continued) || (straight % 2 === 1 && !straightContinued)) {
      out.push({ kind: 'unbalanced_quotes', text: p.text.length > 80 ? p.text.slice(0, 77) + '...' : p.text, start: p.start, end: p.start + p.text.length });
    }
  });
  return out;
}

/** The body stops mid-sentence, or trails off with an ellipsis (a paywall or a cut-off feed). */
export function truncationFlags(paras: Paragraph[]): QualityFlag[] {
  const last = paras[paras.length - 1];
  if (!last) return [];
  const t = last.text.trimEnd();
  const tail = t.slice(-40);
  const endsOk = /[.!?](?:\s*["”’'»)\]“]+)?$/.test(t) || /["”»]$/.test(t);
  const ellipsis = /(\.\.\.|…)\s*["”’]?$/.test(t);
  if (endsOk && !ellipsis) return [];
  return [{ kind: 'truncated', text: tail, start: last.start + t.length - tail.length, end: last.start + t.length }];
}

/** Mojibake, replacement characters, digits inside names, stray capitals inside words. */
const GARBLE = [
  /\S*(?:Ã[\u0080-\u00BF]|â€[\u0080-\u00BF™œ\u009d]|Â[\u00A0-\u00BF])\S*/gu,
  /\S*\uFFFD\S*/gu,
  /\b\p{Lu}\p{Ll}+\d+\p{Ll}+\b/gu,
  /\b(?!(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Al|El|Bin|Ibn|Abu|Du|O)\p{Lu})\p{Lu}\p{Ll}{1,}\p{Lu}\p{Ll}{2,}\b/gu,
];
const CAMEL_OK = /^(YouTube|PayPal|WhatsApp|LinkedIn|iPhone|TikTok|FedEx|JetBlue|PowerPoint|WikiLeaks|SpaceX|BlackRock|GlaxoSmithKline|HarperCollins|BuzzFeed|PlayStation|MasterCard|SoftBank|WeChat|WeWork|GoFundMe|OpenAI|DeepMind|FaceTime|InfoWars|QAnon)$/;

// The mojibake and replacement-character patterns backtrack over every word of the text, yet can
// only match where their marker characters occur: run them only on texts that contain one (the
// result is the same; most texts have none).
const GARBLE_MARKED = (i: number, text: string) =>
  i === 0 ? text.includes('Ã') || text.includes('â€') || text.includes('Â') : i === 1 ? text.includes('\uFFFD') : true;

export function garbledNameFlags(text: string): QualityFlag[] {
  return matches(GARBLE.filter((_, i) => GARBLE_MARKED(i, text)), 'garbled_name', text).filter((f) => !CAMEL_OK.test(f.text));
}

const WEIGHT: Record<string, number> = { machine_translation: 0.35, unbalanced_quotes: 0.15, truncated: 0.25, garbled_name: 0.2 };

/** 1 for a clean body; each kind of flag takes up to its weight, more instances take more. */
export function qualityScore(flags: QualityFlag[]): number {
  const counts = new Map<string, number>();
  for (const f of flags) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  let score = 1;
  for (const [kind, n] of counts) score -= (WEIGHT[kind] ?? 0.1) * (1 - 0.6 ** n);
  return Math.max(0, Math.round(score * 1000) / 1000);
}

export function assessQuality(paragraphs: string[]): { score: number; flags: QualityFlag[] } {
  const paras = layout(paragraphs);
  const text = paragraphs.join('\n\n');
  const flags = [
    ...machineTranslationFlags(text), ...unbalancedQuoteFlags(paras), ...truncationFlags(paras), ...garbledNameFlags(text),
  ];
  return { score: qualityScore(flags), flags };
}
