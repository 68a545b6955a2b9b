// Byte-level sniffing: binary formats that are not articles, and the character encoding of text.
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Magic numbers of formats people feed us by mistake (name shown to the user). */
const MAGIC: [string, number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['gzip', [0x1f, 0x8b]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['WebP/RIFF', [0x52, 0x49, 0x46, 0x46]],
];

type Bom = { charset: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number };
function bomOf(b: Buffer): Bom | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte. Returns the byte order or null. */
function bomlessUtf16(b: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) evenNul++; if (b[i + 1] === 0) oddNul++; }
  const pairs = n / 2;
  if (oddNul > 0.7 * pairs && evenNul < 0.05 * pairs) return 'utf-16le';
  if (evenNul > 0.7 * pairs && oddNul < 0.05 * pairs) return 'utf-16be';
  return null;
}

/** Name of the binary format when the bytes are clearly not text, else null. */
export function sniffBinary(b: Buffer): string | null {
  for (const [name, magic] of MAGIC) if (b.length >= magic.length && magic.every((x, i) => b[i] === x)) return name;
  const bom = bomOf(b);
  if (bom && bom.charset !== 'utf-8') return null; // UTF-16: NULs are expected; checked after decoding
  if (bomlessUtf16(b)) return null;
  const n = Math.min(b.length, 65536);
  let nul = 0, ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) nul++;
    else if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 0x1b) || c === 0x7f) ctrl++;
  }
  if (nul > 0) return 'contains NUL bytes';
  if (ctrl / n > 0.05) return 'control characters';
  return null;
}

/** WHATWG maps these legacy labels to windows-1252, which is a superset of ISO-8859-1 in practice. */
function canonical(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'windows-1252', 'x-cp1252', 'cp819', 'ibm819'].includes(l)) return 'windows-1252';
  if (['utf8', 'utf-8', 'unicode-1-1-utf-8'].includes(l)) return 'utf-8';
  return iconv.encodingExists(l) ? l : null;
}

/** charset declared by an HTML <meta charset> or http-equiv Content-Type in the first 4 KB. */
export function declaredCharset(b: Buffer): string | null {
  const head = b.subarray(0, 4096).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? canonical(m[1]) : null;
}

function isValidUtf8(b: Buffer): boolean {
  try { new TextDecoder('utf-8', { fatal: true }).decode(b); return true; } catch { return false; }
}

/**
 * Decode bytes to a JS string. Order of trust: BOM, valid UTF-8 (pure ASCII included),
 * a charset the HTML declares, then a statistical detector; windows-1252 as last resort.
 */
export function decodeText(b: Buffer): { text: string; charset: string } {
  const bom = bomOf(b);
  if (bom) return { text: iconv.decode(b.subarray(bom.length), bom.charset), charset: bom.charset };
  const u16 = bomlessUtf16(b);
  if (u16) return { text: iconv.decode(b, u16), charset: u16 };
  if (isValidUtf8(b)) return { text: b.toString('utf8'), charset: 'utf-8' };
  const declared = declaredCharset(b);
  if (declared) return { text: iconv.decode(b, declared), charset: declared };
  const guess = chardet.detect(b.subarray(0, 65536));
  const detected = guess ? canonical(guess) : null;
  const charset = detected && detected !== 'utf-8' && !detected.startsWith('utf-16') && !detected.startsWith('utf-32') ? detected : 'windows-1252';
  return { text: iconv.decode(b, charset), charset };
}
