// 32-bit hashing for feature keys. Features are never materialised as strings in the hot loop:
// a word's strings are hashed once per word type, then combined with template ids by integer mixing.

/** FNV-1a over UTF-16 code units, finished with murmur3's fmix32 for good avalanche. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return fmix(h);
}

export function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine a template id with one value hash. Never returns 0 (0 marks an empty table slot). */
export function key1(t: number, a: number): number {
  const k = fmix((a ^ Math.imul(t + 1, 0x9e3779b1)) >>> 0);
  return k === 0 ? 1 : k;
}

/** Combine a template id with two value hashes (conjunction features). */
export function key2(t: number, a: number, b: number): number {
  return key1(t, fmix((a + Math.imul(b, 0x27d4eb2d)) >>> 0));
}

/**
 * Open-addressing hash table from non-zero uint32 keys to row numbers (linear probing). Keys and
 * rows are interleaved in one array so a lookup touches one cache line.
 */
export class KeyTable {
  /** slot i: key at 2i (0 = empty), row at 2i + 1 */
  slots: Uint32Array;
  size = 0;
  private mask: number;
  constructor(capacity = 1024) {
    let n = 16; while (n < capacity * 2) n <<= 1;
    this.slots = new Uint32Array(n * 2); this.mask = n - 1;
  }
  get capacity(): number { return this.mask + 1; }
  keyAt(i: number): number { return this.slots[2 * i]; }
  rowAt(i: number): number { return this.slots[2 * i + 1]; }
  get(k: number): number {
    const s = this.slots, mask = this.mask;
    let i = k & mask;
    for (;;) {
      const x = s[2 * i];
      if (x === k) return s[2 * i + 1];
      if (x === 0) return -1;
      i = (i + 1) & mask;
    }
  }
  /** Row for k, adding it as row `size` if absent. */
  add(k: number): number {
    if ((this.size + 1) * 2 > this.capacity) this.grow();
    const s = this.slots, mask = this.mask;
    let i = k & mask;
    for (;;) {
      const x = s[2 * i];
      if (x === k) return s[2 * i + 1];
      if (x === 0) { s[2 * i] = k; s[2 * i + 1] = this.size; return this.size++; }
      i = (i + 1) & mask;
    }
  }
  set(k: number, row: number): void {
    if ((this.size + 1) * 2 > this.capacity) this.grow();
    const s = this.slots, mask = this.mask;
    let i = k & mask;
    while (s[2 * i] !== 0 && s[2 * i] !== k) i = (i + 1) & mask;
    if (s[2 * i] === 0) this.size++;
    s[2 * i] = k; s[2 * i + 1] = row;
  }
  private grow(): void {
    const old = this.slots;
    const n = this.capacity * 2;
    this.slots = new Uint32Array(n * 2); this.mask = n - 1;
    for (let i = 0; i < old.length; i += 2) {
      const k = old[i]; if (k === 0) continue;
      let j = k & this.mask;
      while (this.slots[2 * j] !== 0) j = (j + 1) & this.mask;
      this.slots[2 * j] = k; this.slots[2 * j + 1] = old[i + 1];
    }
  }
}
