// One unit of pipeline work, shared by worker threads and the in-process fallback (--workers 0).
import { decodeBytes } from '../ingest/index.js';
import { analyzeDocument, validateRecord } from '../record/index.js';
import { minhash } from '../store/minhash.js';

export interface Task { seq: number; uri: string; bytes: Uint8Array; published: string | null }
export type TaskResult =
  | { seq: number; ok: true; json: string; signature: Uint32Array | null }
  | { seq: number; ok: false; error: string };

export function analyzeOne(t: Task): TaskResult {
  try {
    const raw = decodeBytes(Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength), t.uri);
    const record = analyzeDocument(raw, { published: t.published, uri: t.uri });
    if (!record.document.text.trim()) return { seq: t.seq, ok: false, error: 'no article text found' };
    const errors = validateRecord(record);
    if (errors.length) return { seq: t.seq, ok: false, error: `pipeline produced an invalid record: ${errors.slice(0, 3).join('; ')}` };
    // Sent as JSON text: cloning a string is a copy, the store keeps this text as the record column,
    // and JSON.parse on the writer thread is cheaper than deserialising the object graph.
    return { seq: t.seq, ok: true, json: JSON.stringify(record), signature: minhash(record.document.text) };
  } catch (e) {
    // InputError messages already start with the input name; strip it, the caller names the input.
    const msg = (e as Error)?.message ?? String(e);
    return { seq: t.seq, ok: false, error: msg.startsWith(t.uri + ': ') ? msg.slice(t.uri.length + 2) : msg };
  }
}
