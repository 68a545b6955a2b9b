// Near-duplicate detection: MinHash over word 3-shingles, LSH banding for candidate lookup.
// 64 hashes in 16 bands of 4 rows: pairs with Jaccard ≥ ~0.6 share a band with probability > 0.9,
// pairs below ~0.3 rarely do; candidates are then checked on the full signature.

export const NUM_HASHES = 64;
export const BANDS = 16;
export const ROWS = NUM_HASHES / BANDS;
/** Estimated Jaccard at or above which two articles are one cluster (republished / lightly edited). */
export const CLUSTER_THRESHOLD = 0.5;
const SHINGLE = 3;

function fmix32(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16; return h >>> 0;
}
/** FNV-1a of the words joined by single spaces, without building the joined string. */
function shingleHash(words: string[], i: number): number {
  let h = 0x811c9dc5;
  for (let w = i; w < i + SHINGLE; w++) {
    if (w > i) h = Math.imul(h ^ 32, 0x01000193); // the space between words
    const s = words[w];
    for (let j = 0; j < s.length; j++) { h ^= s.charCodeAt(j); h = Math.imul(h, 0x01000193); }
  }
  return h >>> 0;
}
const SEEDS = Uint32Array.from({ length: NUM_HASHES }, (_, i) => fmix32(0x9e3779b9 * (i + 1)));

/** MinHash signature of the text's word shingles; null for texts too short to compare. */
export function minhash(text: string): Uint32Array | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < SHINGLE + 5) return null;
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const x = shingleHash(words, i);
    for (let k = 0; k < NUM_HASHES; k++) {
      const h = fmix32(x ^ SEEDS[k]);
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < NUM_HASHES; k++) if (a[k] === b[k]) same++;
  return same / NUM_HASHES;
}

/** One key per band: band index plus a hash of its rows. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = fmix32(h ^ sig[b * ROWS + r]) ;
    keys.push(b.toString(36) + ':' + h.toString(36));
  }
  return keys;
}

export const sigToHex = (s: Uint32Array): string => Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('hex');
export const hexToSig = (h: string): Uint32Array => {
  const b = Buffer.from(h, 'hex'); const out = new Uint32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
};
