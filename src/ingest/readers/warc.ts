// A small streaming WARC reader (.warc and .warc.gz, including per-record gzip members): yields the
// HTML/text payloads of response and resource records, one record in memory at a time.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import zlib from 'node:zlib';

export const MAX_RECORD_BYTES = 50 << 20;
export type WarcItem = { uri: string; bytes: Buffer; date: string | null } | { error: string };

/** Pull-based reader over an async byte stream: lines and exact byte counts. */
class Bytes {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  offset = 0; // bytes consumed so far (of the decompressed stream)
  constructor(private it: AsyncIterator<Buffer>) {}
  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) { this.done = true; return false; }
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    return true;
  }
  async line(): Promise<string | null> {
    for (;;) {
      const i = this.buf.indexOf(10);
      if (i >= 0) { const l = this.buf.subarray(0, i).toString('utf8'); this.take(i + 1); return l.replace(/\r$/, ''); }
      if (this.buf.length > 65536) throw new Error('header line longer than 64 KiB');
      if (!(await this.fill())) { if (!this.buf.length) return null; const l = this.buf.toString('utf8'); this.take(this.buf.length); return l; }
    }
  }
  async read(n: number, keep: boolean): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    while (n > 0) {
      if (!this.buf.length && !(await this.fill())) throw new Error(`truncated record (${n} bytes missing)`);
      const k = Math.min(n, this.buf.length);
      if (keep) parts.push(Buffer.from(this.buf.subarray(0, k)));
      this.take(k); n -= k;
    }
    return keep ? Buffer.concat(parts) : null;
  }
  private take(n: number) { this.buf = this.buf.subarray(n); this.offset += n; }
}

function dechunk(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  for (;;) {
    const eol = b.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = parseInt(b.subarray(i, eol).toString('latin1').split(';')[0].trim(), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(b.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

function headers(lines: string[]): Map<string, string> {
  const h = new Map<string, string>();
  for (const l of lines) { const i = l.indexOf(':'); if (i > 0) h.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()); }
  return h;
}

const TEXTUAL = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

/** Split an HTTP response block into status, headers and decoded body. */
function httpPayload(block: Buffer): { status: number; type: string; body: Buffer } | null {
  let end = block.indexOf('\r\n\r\n'); let sepLen = 4;
  if (end < 0) { end = block.indexOf('\n\n'); sepLen = 2; }
  if (end < 0) return null;
  const head = block.subarray(0, end).toString('latin1').split(/\r?\n/);
  const m = head[0].match(/^HTTP\/\S+\s+(\d{3})/);
  if (!m) return null;
  const h = headers(head.slice(1));
  let body = block.subarray(end + sepLen);
  if (/chunked/i.test(h.get('transfer-encoding') ?? '')) body = dechunk(body);
  const enc = (h.get('content-encoding') ?? '').toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') body = zlib.gunzipSync(body);
  else if (enc === 'deflate') body = zlib.inflateSync(body);
  else if (enc === 'br') body = zlib.brotliDecompressSync(body);
  return { status: Number(m[1]), type: h.get('content-type') ?? '', body };
}

/** Stream the article payloads of a WARC file. Corruption ends the file with an error item naming the offset. */
export async function* readWarc(path: string): AsyncGenerator<WarcItem> {
  const fh = await open(path, 'r');
  const magic = Buffer.alloc(2);
  await fh.read(magic, 0, 2, 0); await fh.close();
  const raw = createReadStream(path);
  // Node's gunzip reads concatenated members, so per-record-gzipped .warc.gz works too.
  const stream = magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(zlib.createGunzip()) : raw;
  if (stream !== raw) raw.on('error', (e) => stream.destroy(e));
  const r = new Bytes(stream[Symbol.asyncIterator]());
  let records = 0;
  try {
    for (;;) {
      let first = await r.line();
      while (first === '') first = await r.line(); // blank lines between records
      if (first === null) break;
      const at = r.offset;
      if (!/^WARC\/\d/.test(first)) throw new Error(`corrupt WARC at byte ${at}: expected a WARC/1.x record, got ${JSON.stringify(first.slice(0, 40))}`);
      const lines: string[] = [];
      for (let l = await r.line(); l !== null && l !== ''; l = await r.line()) lines.push(l);
      const h = headers(lines);
      const len = Number(h.get('content-length'));
      if (!Number.isInteger(len) || len < 0) throw new Error(`corrupt WARC at byte ${at}: record without a valid Content-Length`);
      const type = (h.get('warc-type') ?? '').toLowerCase();
      const uri = (h.get('warc-target-uri') ?? h.get('warc-record-id') ?? `${path}#${records}`).replace(/^<|>$/g, '');
      const date = h.get('warc-date')?.slice(0, 10) ?? null;
      const wanted = type === 'response' || (type === 'resource' && TEXTUAL.test(h.get('content-type') ?? ''));
      records++;
      if (len > MAX_RECORD_BYTES) { await r.read(len, false); if (wanted) yield { error: `${uri}: record too large (${len} bytes)` }; continue; }
      const block = await r.read(len, wanted);
      if (!wanted) continue;
      if (type === 'resource') { yield { uri, bytes: block!, date }; continue; }
      const ctype = h.get('content-type') ?? '';
      if (!/application\/http/i.test(ctype) && ctype) continue;
      let p;
      try { p = httpPayload(block!); } catch (e) { yield { error: `${uri}: cannot decode payload: ${(e as Error).message}` }; continue; }
      if (!p || p.status !== 200 || !TEXTUAL.test(p.type) || !p.body.length) continue; // redirects, images, scripts
      yield { uri, bytes: p.body, date };
    }
  } catch (e) {
    const msg = (e as Error).message;
    yield { error: /corrupt WARC/.test(msg) ? msg : `corrupt WARC after ${records} records: ${msg}` };
  } finally {
    stream.destroy();
  }
}
