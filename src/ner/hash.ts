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

/** Open-addressing hash table from non-zero uint32 keys to row numbers (linear probing). */
export class KeyTable {
  keys: Uint32Array;
  rows: Int32Array;
  size = 0;
  private mask: number;
  constructor(capacity = 1024) {
    let n = 16; while (n < capacity * 2) n <<= 1;
    this.keys = new Uint32Array(n); this.rows = new Int32Array(n); this.mask = n - 1;
  }
  get(k: number): number {
    const keys = this.keys, mask = this.mask;
    let i = k & mask;
    for (;;) {
      const x = keys[i];
      if (x === k) return this.rows[i];
      if (x === 0) return -1;
      i = (i + 1) & mask;
    }
  }
  /** Row for k, adding it as row `size` if absent. */
  add(k: number): number {
    if (this.size * 2 >= this.keys.length) this.grow();
    const keys = this.keys, mask = this.mask;
    let i = k & mask;
    for (;;) {
      const x = keys[i];
      if (x === k) return this.rows[i];
      if (x === 0) { keys[i] = k; this.rows[i] = this.size; return this.size++; }
      i = (i + 1) & mask;
    }
  }
  set(k: number, row: number): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const keys = this.keys, mask = this.mask;
    let i = k & mask;
    while (keys[i] !== 0 && keys[i] !== k) i = (i + 1) & mask;
    if (keys[i] === 0) this.size++;
    keys[i] = k; this.rows[i] = row;
  }
  private grow(): void {
    const ok = this.keys, or = this.rows;
    const n = ok.length * 2;
    this.keys = new Uint32Array(n); this.rows = new Int32Array(n); this.mask = n - 1;
    for (let i = 0; i < ok.length; i++) {
      const k = ok[i]; if (k === 0) continue;
      let j = k & this.mask;
      while (this.keys[j] !== 0) j = (j + 1) & this.mask;
      this.keys[j] = k; this.rows[j] = or[i];
    }
  }
}
