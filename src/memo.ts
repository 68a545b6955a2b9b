// One bounded memo for pure string functions that the pipeline calls with the same arguments many
// times per document (stems, normalised keys, lexicon lookups, compiled patterns). When full it is
// simply emptied: the hot working set refills in a few documents and memory stays bounded.
export function memoize<R>(fn: (key: string) => R, limit = 50_000): (key: string) => R {
  const cache = new Map<string, R>();
  return (key: string): R => {
    if (cache.has(key)) return cache.get(key)!;
    const value = fn(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
