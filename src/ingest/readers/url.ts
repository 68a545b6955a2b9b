// Fetching URLs safely: timeout, size cap, at most 5 redirects followed by hand (each hop re-checked),
// and no connection to private/loopback/link-local/... addresses unless allowPrivate. The check runs
// on the addresses DNS returns (in the socket's lookup) and again on the address actually connected.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import zlib from 'node:zlib';
import { blockedReason } from './net.js';

export interface FetchOptions { allowPrivate?: boolean; timeoutMs?: number; maxBytes?: number; maxRedirects?: number }
export interface Fetched { url: string; status: number; contentType: string; body: Buffer }

export class FetchError extends Error { constructor(message: string) { super(message); this.name = 'FetchError'; } }

const UA = 'dossier/0.1 (+news analysis; offline-first)';

function safeLookup(allowPrivate: boolean) {
  return (host: string, opts: { all?: boolean; family?: number }, cb: (...a: any[]) => void) => {
    dnsLookup(host, { all: true, family: opts.family ?? 0 }, (err, addrs: LookupAddress[]) => {
      if (err) return cb(err);
      if (!allowPrivate) {
        // Any blocked answer refuses the host: a mixed answer is how DNS rebinding gets in.
        for (const a of addrs) {
          const why = blockedReason(a.address);
          if (why) return cb(new FetchError(`refused: ${host} resolves to ${a.address} (${why}); use --allow-private to permit`));
        }
      }
      if (opts.all) cb(null, addrs); else cb(null, addrs[0].address, addrs[0].family);
    });
  };
}

function once(url: URL, o: Required<FetchOptions>, deadline: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!o.allowPrivate && isIP(host)) {
      const why = blockedReason(host);
      if (why) return reject(new FetchError(`refused: ${host} is a ${why} address; use --allow-private to permit`));
    }
    const mod = url.protocol === 'https:' ? https : http;
    const left = deadline - Date.now();
    if (left <= 0) return reject(new FetchError('timed out'));
    const req = mod.request(url, {
      method: 'GET', lookup: safeLookup(o.allowPrivate) as any, agent: false,
      headers: { 'user-agent': UA, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml,text/plain;q=0.9,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br' },
    });
    const timer = setTimeout(() => req.destroy(new FetchError(`timed out after ${o.timeoutMs} ms`)), left);
    req.on('socket', (s: Socket) => {
      s.on('connect', () => {
        // The address actually connected to, whatever the name resolved to earlier.
        const why = s.remoteAddress ? blockedReason(s.remoteAddress) : 'unknown peer';
        if (why && !o.allowPrivate) req.destroy(new FetchError(`refused: connected address ${s.remoteAddress} is ${why}`));
      });
    });
    req.on('error', (e) => { clearTimeout(timer); reject(e instanceof FetchError ? e : new FetchError((e as NodeJS.ErrnoException).code ? `${(e as NodeJS.ErrnoException).code}: ${e.message}` : e.message)); });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) { res.resume(); clearTimeout(timer); return resolve({ status, headers: res.headers, body: Buffer.alloc(0) }); }
      const len = Number(res.headers['content-length'] ?? 0);
      if (len > o.maxBytes) { req.destroy(); clearTimeout(timer); return reject(new FetchError(`response too large (${len} bytes; limit ${o.maxBytes})`)); }
      const enc = String(res.headers['content-encoding'] ?? '').toLowerCase();
      let stream: NodeJS.ReadableStream = res;
      if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
      else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
      else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
      const chunks: Buffer[] = []; let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length; // capped after decompression too: no zip bombs
        if (size > o.maxBytes) { req.destroy(); (stream as any).destroy?.(); clearTimeout(timer); reject(new FetchError(`response too large (over ${o.maxBytes} bytes)`)); }
        else chunks.push(c);
      });
      stream.on('end', () => { clearTimeout(timer); resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }); });
      stream.on('error', (e: Error) => { clearTimeout(timer); reject(new FetchError(`bad response body: ${e.message}`)); });
    });
    req.end();
  });
}

/** GET a URL under the safety policy. Non-2xx final statuses are errors. */
export async function safeFetch(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const o: Required<FetchOptions> = { allowPrivate: false, timeoutMs: 15000, maxBytes: 10 << 20, maxRedirects: 5, ...opts };
  const deadline = Date.now() + o.timeoutMs;
  let cur: URL;
  try { cur = new URL(url); } catch { throw new FetchError('not a valid URL'); }
  for (let hop = 0; ; hop++) {
    if (cur.protocol !== 'http:' && cur.protocol !== 'https:') throw new FetchError(`refused: ${cur.protocol} URLs are not fetched`);
    const r = await once(cur, o, deadline);
    if (r.status >= 300 && r.status < 400 && r.headers.location) {
      if (hop >= o.maxRedirects) throw new FetchError(`too many redirects (more than ${o.maxRedirects})`);
      cur = new URL(r.headers.location, cur);
      continue;
    }
    if (r.status < 200 || r.status >= 300) throw new FetchError(`HTTP ${r.status}`);
    return { url: cur.href, status: r.status, contentType: String(r.headers['content-type'] ?? ''), body: r.body };
  }
}
