// record: run the pipeline stages in order and assemble one validated analysis record.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnalysisRecord, RawDocument } from '../types.js';
import { PIPELINE_VERSION } from '../version.js';
import { cleanDocument } from '../clean/index.js';
import { analyzeText } from '../nlp/index.js';
import { recognize, MODEL_ID } from '../ner/index.js';
import { resolveEntities } from '../resolve/index.js';
import { extractTimes } from '../extract/times.js';
import { extractQuantities } from '../extract/quantities.js';
import { extractQuotes } from '../extract/quotes.js';
import { extractEvents } from '../extract/events.js';
import { extractRelations } from '../extract/relations.js';
import { extractClaims } from '../extract/claims.js';

const require = createRequire(import.meta.url);
export { PIPELINE_VERSION };
const schema = require('../../../src/record/analysis.schema.json');

export interface AnalyzeOptions { published?: string | null; uri?: string | null }

/** The whole pipeline: decoded input → analysis record. Pure apart from the clock for took_ms. */
export function analyzeDocument(raw: RawDocument, opts: AnalyzeOptions = {}): AnalysisRecord {
  const t0 = performance.now();
  const doc = cleanDocument(opts.uri !== undefined ? { ...raw, uri: opts.uri } : raw, { published: opts.published ?? null });
  const nlp = analyzeText(doc.text);
  const candidates = recognize(nlp);
  const { mentions, entities } = resolveEntities(candidates, nlp, doc);
  const times = extractTimes(nlp, doc.published);
  const quantities = extractQuantities(nlp, times);
  const ctx = { doc, nlp, mentions, entities, times, quantities };
  const attribution = extractQuotes(ctx);
  const events = extractEvents(ctx, attribution);
  const relations = extractRelations(ctx, attribution);
  const claims = extractClaims(ctx, attribution);
  const id = 'sha256:' + createHash('sha256').update(doc.text).digest('hex');
  return {
    document: { id, ...doc },
    mentions, entities, times, quantities,
    sources: attribution.sources, quotes: attribution.quotes,
    events, relations, claims,
    pipeline: { version: PIPELINE_VERSION, model: MODEL_ID, took_ms: Math.round((performance.now() - t0) * 10) / 10 },
  };
}

let validator: ReturnType<Ajv2020['compile']> | null = null;
/** Validate against the analysis schema, plus the offset invariant the schema cannot express. */
export function validateRecord(rec: unknown): string[] {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const errors: string[] = [];
  if (!validator(rec)) for (const e of validator.errors ?? []) errors.push(`${e.instancePath || '/'} ${e.message}`);
  const r = rec as AnalysisRecord;
  const text = r?.document?.text ?? '';
  const spans: [string, { start: number; end: number; text?: string }][] = [];
  for (const k of ['mentions', 'times', 'quantities', 'quotes'] as const) for (const s of r[k] ?? []) spans.push([k, s]);
  for (const [k, s] of spans) {
    if (s.start < 0 || s.end > text.length || s.start > s.end) errors.push(`${k} ${JSON.stringify(s.text)} has span out of range`);
    else if (s.text !== undefined && text.slice(s.start, s.end) !== s.text) errors.push(`${k} ${JSON.stringify(s.text)} does not match text at ${s.start}-${s.end}`);
  }
  return errors;
}
