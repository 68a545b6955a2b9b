// ingest: read a file (or stdin) and decode it to text, detecting HTML vs plain text and the charset.
import { readFileSync, statSync } from 'node:fs';
import { InputError, type RawDocument } from '../types.js';
import { decodeText, sniffBinary } from './charset.js';

export { decodeText, sniffBinary } from './charset.js';

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** Read one input path ('-' for stdin) into a decoded RawDocument. Throws InputError on bad input. */
export function readInput(path: string): RawDocument {
  let bytes: Buffer;
  if (path === '-') {
    try { bytes = readFileSync(0); } catch (e) { throw new InputError('<stdin>', `cannot read stdin (${(e as NodeJS.ErrnoException).code ?? e})`); }
  } else {
    let st;
    try { st = statSync(path); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(path, code === 'EACCES' ? 'permission denied' : 'no such file');
    }
    if (st.isDirectory()) throw new InputError(path, 'is a directory, not a file');
    if (!st.isFile() && !st.isFIFO() && !st.isCharacterDevice()) throw new InputError(path, 'not a regular file');
    if (st.size > MAX_INPUT_BYTES) throw new InputError(path, `file too large (${st.size} bytes; limit ${MAX_INPUT_BYTES})`);
    try { bytes = readFileSync(path); } catch (e) {
      throw new InputError(path, `cannot read file (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
  }
  return decodeBytes(bytes, path === '-' ? null : path);
}

/** Decode raw bytes (UTF-8/UTF-16 BOMs, legacy single-byte) and classify as HTML or text. */
export function decodeBytes(bytes: Buffer, uri: string | null): RawDocument {
  const name = uri ?? '<stdin>';
  if (bytes.length === 0) throw new InputError(name, 'empty file');
  if (bytes.length > MAX_INPUT_BYTES) throw new InputError(name, `file too large (${bytes.length} bytes; limit ${MAX_INPUT_BYTES})`);
  const binary = sniffBinary(bytes);
  if (binary) throw new InputError(name, `binary file (${binary}), not an article`);
  const { text, charset } = decodeText(bytes);
  const content = normalizeNewlines(text);
  if (!/\S/.test(content)) throw new InputError(name, 'empty file (only whitespace)');
  // Decoding can reveal control characters the byte sniffing could not see (UTF-16 input).
  if (controlRatio(content) > 0.05) throw new InputError(name, 'binary file (control characters), not an article');
  return { uri, content, kind: looksLikeHtml(content) ? 'html' : 'text', charset };
}

/** CRLF, lone CR and Unicode line/paragraph separators all become \n. */
export function normalizeNewlines(s: string): string {
  return s.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
}

/** HTML when it opens like a document, or when tags are dense enough that it cannot be prose. */
export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 4096).replace(/^\s*(<!--[\s\S]*?-->\s*|<\?xml[^>]*>\s*)*/, '');
  if (/^<(!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h[1-6]|table|ul|span|script|link|style)[\s>/]/i.test(head)) return true;
  const sample = s.slice(0, 65536);
  const tags = sample.match(/<\/?(p|div|br|a|span|li|h[1-6]|article|section|body|html|head|meta|img|em|strong|b|i|table|td|tr|ul|ol)\b[^<>]*>/gi) ?? [];
  return tags.length >= 5 && tags.some((t) => t.startsWith('</'));
}

function controlRatio(s: string): number {
  const n = Math.min(s.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f || c === 0xfffd) bad++;
  }
  return n ? bad / n : 0;
}
