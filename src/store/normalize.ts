// Normalisation shared by cross-article resolution: alias keys, outlet keys, claim keys.

/** Alias key: case, diacritics, hyphens/apostrophes and a leading "the" do not distinguish names. */
export function aliasKey(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[\u2018\u2019'`´]s\b/g, '') // possessive
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/^the /, '');
}

/** Outlet key: "The Daily Beast", "dailybeast.com" and "Daily Beast" count as one outlet. */
export function outletKey(name: string | null | undefined): string | null {
  if (!name) return null;
  let s = name.toLowerCase().trim().replace(/^https?:\/\//, '').replace(/^www\./, '');
  s = s.replace(/\.(com|org|net|co\.uk|co|news|info)(\/.*)?$/, '');
  s = aliasKey(s).replace(/ /g, '');
  return s || null;
}

/** Text key for claims and anonymous source descriptions: content words only. */
export function textKey(s: string): string {
  return aliasKey(s).split(' ').filter((w) => w.length > 2 && !STOP.has(w)).join(' ');
}
const STOP = new Set(['the', 'and', 'that', 'with', 'for', 'from', 'has', 'have', 'had', 'was', 'were', 'are',
  'said', 'says', 'who', 'which', 'this', 'his', 'her', 'their', 'its', 'not', 'but', 'been', 'also']);
