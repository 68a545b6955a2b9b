// One bounded memo for pure string functions that the pipeline calls with the same arguments many
// times per document (stems, normalised keys, lexicon lookups, compiled patterns). When full it is
// simply emptied: the hot working set refills in a few documents and memory stays bounded.
// One Map probe per call: an undefined result is stored as a marker, so a hit never needs has() + get().
const UNDEFINED = Symbol('undefined');
export function memoize<R>(fn: (key: string) => R, limit = 50_000): (key: string) => R {
  const cache = new Map<string, R | typeof UNDEFINED>();
  return (key: string): R => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit === UNDEFINED ? (undefined as R) : hit;
    const value = fn(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value === undefined ? UNDEFINED : value);
    return value;
  };
}
