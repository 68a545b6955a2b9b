// CoNLL-2003 column files: reading, writing the `token<TAB>tag` output, and entity-level scoring
// the way conlleval does it (exact span and type).
import { readFileSync } from 'node:fs';

export type ConllLine =
  | { kind: 'doc'; raw: string }
  | { kind: 'blank' }
  | { kind: 'tok'; token: string; gold: string | null };

export interface ConllSentence { tokens: string[]; tags: (string | null)[] }
export interface ConllDoc { sentences: ConllSentence[] }

/** Split a CoNLL file into lines; only the first column is required, the last is read as gold when there are ≥ 2. */
export function parseConllLines(text: string): ConllLine[] {
  const out: ConllLine[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const t = line.trim();
    if (!t) { out.push({ kind: 'blank' }); continue; }
    if (t.startsWith('-DOCSTART-')) { out.push({ kind: 'doc', raw: t }); continue; }
    const cols = t.split(/\s+/);
    out.push({ kind: 'tok', token: cols[0], gold: cols.length >= 2 ? cols[cols.length - 1] : null });
  }
  // a trailing newline yields one empty last line: not a sentence break of its own
  if (out.length && out[out.length - 1].kind === 'blank' && text.endsWith('\n')) out.pop();
  return out;
}

/** Group lines into documents and sentences (a file without -DOCSTART- is one document). */
export function conllDocs(lines: ConllLine[]): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc | null = null, sent: ConllSentence | null = null;
  for (const l of lines) {
    if (l.kind === 'doc') { doc = { sentences: [] }; docs.push(doc); sent = null; continue; }
    if (l.kind === 'blank') { sent = null; continue; }
    if (!doc) { doc = { sentences: [] }; docs.push(doc); }
    if (!sent) { sent = { tokens: [], tags: [] }; doc.sentences.push(sent); }
    sent.tokens.push(l.token); sent.tags.push(l.gold);
  }
  return docs.filter((d) => d.sentences.length);
}

export function readConll(path: string): ConllDoc[] {
  return conllDocs(parseConllLines(readFileSync(path, 'utf8')));
}

/** Write `token<TAB>tag` lines in the input's layout: blank lines kept, -DOCSTART- passed through. */
export function writeConll(lines: ConllLine[], tags: string[]): string {
  const out: string[] = [];
  let k = 0;
  for (const l of lines) {
    if (l.kind === 'doc') out.push(l.raw);
    else if (l.kind === 'blank') out.push('');
    else out.push(`${l.token}\t${tags[k++]}`);
  }
  return out.join('\n') + '\n';
}

export interface Chunk { start: number; end: number; type: string }

/** Entity chunks of one sentence's IOB tags (IOB1 or IOB2, as conlleval reads them); end exclusive. */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | null = null;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] ?? 'O';
    const pre = tag === 'O' ? 'O' : tag.slice(0, 1);
    const type = tag === 'O' ? '' : tag.slice(2);
    const startsNew = pre === 'B' || (pre === 'I' && (!cur || cur.type !== type));
    if (cur && (pre === 'O' || startsNew)) { cur.end = i; out.push(cur); cur = null; }
    if (startsNew) cur = { start: i, end: i + 1, type };
  }
  if (cur) { cur.end = tags.length; out.push(cur); }
  return out;
}

export interface Prf { tp: number; fp: number; fn: number; p: number; r: number; f1: number }
export interface Scores { overall: Prf; byType: Record<string, Prf>; tokens: number; accuracy: number }

/** Entity-level precision/recall/F1 over sentences of gold and predicted tags. */
export function score(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): Scores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const c = (t: string) => { let x = counts.get(t); if (!x) counts.set(t, (x = { tp: 0, fp: 0, fn: 0 })); return x; };
  let tokens = 0, correct = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = chunks(gold[s]), p = chunks(pred[s]);
    for (let i = 0; i < gold[s].length; i++) { tokens++; if (gold[s][i] === pred[s][i]) correct++; }
    const gk = new Set(g.map((x) => `${x.start}:${x.end}:${x.type}`));
    const pk = new Set(p.map((x) => `${x.start}:${x.end}:${x.type}`));
    for (const x of p) { const k = `${x.start}:${x.end}:${x.type}`; if (gk.has(k)) c(x.type).tp++; else c(x.type).fp++; }
    for (const x of g) if (!pk.has(`${x.start}:${x.end}:${x.type}`)) c(x.type).fn++;
  }
  const prf = (tp: number, fp: number, fn: number): Prf => {
    const p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
    return { tp, fp, fn, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  };
  const byType: Record<string, Prf> = {};
  let TP = 0, FP = 0, FN = 0;
  for (const [t, x] of [...counts].sort()) { byType[t] = prf(x.tp, x.fp, x.fn); TP += x.tp; FP += x.fp; FN += x.fn; }
  return { overall: prf(TP, FP, FN), byType, tokens, accuracy: tokens ? correct / tokens : 0 };
}

export function formatScores(s: Scores): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const row = (name: string, x: Prf) => `${name.padEnd(8)} ${pct(x.p)} ${pct(x.r)} ${pct(x.f1)}  ${String(x.tp + x.fn).padStart(5)} gold ${String(x.tp + x.fp).padStart(5)} found`;
  return [`type          P      R     F1`, row('overall', s.overall), ...Object.entries(s.byType).map(([t, x]) => row(t, x)),
    `token accuracy ${pct(s.accuracy)} over ${s.tokens} tokens`].join('\n');
}
