// Word lists for attribution: speech cues, pronouns, source roles. Kept general (news prose), not tied to any article.

/** Verbs that attach a quote to its speaker ("said", "told"), present and past forms. */
export const CUE_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'explained', 'explains', 'confirmed', 'confirms', 'reported', 'reports',
  'argued', 'argues', 'claimed', 'claims', 'stated', 'states', 'declared', 'declares', 'noted', 'notes', 'warned', 'warns',
  'insisted', 'insists', 'denied', 'denies', 'acknowledged', 'acknowledges', 'admitted', 'admits', 'estimated', 'estimates',
  'asserted', 'asserts', 'mentioned', 'mentions', 'wrote', 'writes', 'tweeted', 'announced', 'announces', 'continued', 'continues',
  'asked', 'asks', 'replied', 'replies', 'responded', 'responds', 'recalled', 'recalls', 'stressed', 'stresses', 'emphasized',
  'emphasised', 'revealed', 'disclosed', 'testified', 'predicted', 'cautioned', 'conceded', 'concluded', 'alleged', 'alleges',
  'suggested', 'suggests', 'believes', 'believed', 'observed', 'remarked', 'quipped', 'maintained', 'maintains', 'agreed',
  'urged', 'vowed', 'pledged', 'promised', 'threatened', 'accused', 'echoed', 'described', 'spoke', 'speaks', 'commented',
  'complained', 'recounted', 'boasted', 'assured', 'reiterated', 'contended', 'countered', 'pointed',
]);
/** Cue verbs that introduce reported speech with a following clause ("confirmed that ..."). */
export const REPORT_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'explained', 'explains', 'confirmed', 'confirms', 'reported', 'reports', 'argued',
  'argues', 'claimed', 'claims', 'stated', 'states', 'declared', 'noted', 'notes', 'warned', 'warns', 'insisted', 'insists', 'denied',
  'denies', 'acknowledged', 'admitted', 'estimated', 'estimates', 'asserted', 'asserts', 'mentioned', 'wrote', 'announced',
  'announces', 'stressed', 'emphasized', 'emphasised', 'revealed', 'disclosed', 'testified', 'predicted', 'conceded', 'concluded',
  'alleged', 'alleges', 'suggested', 'believes', 'believed', 'maintained', 'maintains', 'agreed', 'contended', 'reiterated',
  'recalled', 'assured', 'cautioned',
]);
/** Verbs that deny rather than assert. */
export const DENIAL_VERBS = new Set(['denied', 'denies', 'rejected', 'rejects', 'dismissed', 'disputed', 'refuted']);

/** A cue verb, tolerating misspelt -ed forms common in translated copy ("mentionned"). */
export function isCueVerb(w: string, loose = false): boolean {
  const l = w.toLowerCase();
  if (CUE_VERBS.has(l)) return true;
  if (/^(mention+e?d|sa[iy]d)$/.test(l)) return true;
  // in a tag right after a quote ("..., he quipped") any past-tense verb is a speech verb
  return loose && /^[a-z]{3,}ed$/.test(l);
}

export const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it']);

/** Heads of source descriptions. Documents are attributable (not anonymous) when an organisation issues them. */
export const DOCUMENT_HEADS = new Set(['report', 'statement', 'document', 'study', 'assessment', 'letter', 'memo', 'survey',
  'communique', 'communiqué', 'release', 'analysis', 'filing', 'indictment', 'complaint', 'cable', 'review', 'audit', 'briefing', 'paper']);
export const ROLE_HEADS = new Set([
  'official', 'officer', 'soldier', 'diplomat', 'minister', 'member', 'spokesman', 'spokeswoman', 'spokesperson', 'commander',
  'fighter', 'analyst', 'expert', 'fellow', 'researcher', 'professor', 'scholar', 'source', 'resident', 'witness', 'leader', 'general',
  'colonel', 'captain', 'major', 'lieutenant', 'sergeant', 'militant', 'insurgent', 'villager', 'aide', 'adviser', 'advisor', 'envoy',
  'ambassador', 'lawmaker', 'senator', 'legislator', 'president', 'governor', 'mayor', 'chief', 'director', 'negotiator', 'journalist',
  'reporter', 'doctor', 'nurse', 'activist', 'elder', 'cleric', 'mullah', 'student', 'teacher', 'farmer', 'worker', 'man', 'woman',
  'person', 'people', 'personnel', 'police', 'policeman', 'spy', 'agent', 'operative', 'veteran', 'employee', 'staffer', 'consultant',
  'economist', 'lawyer', 'attorney', 'prosecutor', 'judge', 'investigator', 'monitor', 'observer', 'specialist', 'head', 'deputy',
  'secretary', 'chairman', 'chairwoman', 'representative', 'delegate', 'guard', 'trader', 'shopkeeper', 'driver', 'refugee', 'survivor',
  'relative', 'father', 'mother', 'brother', 'sister', 'son', 'daughter', 'officials', 'authorities', 'authority', 'ministry', 'agency',
  'group', 'government', 'military', 'army', 'forces', 'committee', 'council', 'panel', 'organisation', 'organization', 'campaigner',
  'scientist', 'engineer', 'executive', 'ceo', 'founder', 'manager', 'coach', 'author', 'editor', 'premier', 'commissioner', 'sheriff',
  'inspector', 'chancellor', 'historian', 'physician', 'surgeon', 'pilot', 'priest', 'bishop', 'imam', 'rabbi', 'pastor', 'strategist',
  'pollster', 'administrator', 'owner', 'superintendent', 'attaché', 'counsel', 'solicitor', 'paramedic', 'firefighter', 'trooper',
  ...DOCUMENT_HEADS,
]);
/** Singular of a role head ("officials" → "official", "authorities" → "authority"). */
export function singular(w: string): string {
  const l = w.toLowerCase();
  if (l === 'people' || l === 'personnel' || l === 'police' || l === 'forces') return l;
  if (l.endsWith('ies')) return l.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(l)) return l;
  if (l.endsWith('men')) return l.slice(0, -3) + 'man';
  if (l.endsWith('s') && ROLE_HEADS.has(l.slice(0, -1))) return l.slice(0, -1);
  if (l.endsWith('es') && ROLE_HEADS.has(l.slice(0, -2))) return l.slice(0, -2); // "witnesses"

  return l;
}
export function isPluralHead(w: string): boolean {
  const l = w.toLowerCase();
  return l === 'people' || l === 'personnel' || l === 'police' || l === 'forces' || l === 'authorities' || (singular(l) !== l && !l.endsWith('ss'));
}

/** Words that open a description but are not part of what it denotes. */
export const DETERMINERS = new Set(['a', 'an', 'the', 'another', 'one', 'two', 'three', 'several', 'some', 'many', 'other', 'various',
  'both', 'a few', 'few', 'his', 'her', 'their', 'its', 'our', 'this', 'that', 'these', 'those', 'multiple', 'numerous', 'most']);

/** Abbreviations whose period does not end a sentence: titles, months, and common short forms. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'cdr', 'sgt', 'cpl', 'pvt',
  'adm', 'brig', 'gov', 'sen', 'rep', 'rev', 'hon', 'pres', 'supt', 'insp', 'det', 'st', 'jr', 'sr', 'mt', 'ft', 'no', 'vs', 'inc',
  'corp', 'co', 'ltd', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est', 'dept',
  'govt', 'amb', 'sec', 'gens', 'reps', 'sens']);

/** Whether the period at `i` belongs to an abbreviation or an initial ("U.S.", "J.", "Cmdr.", "Nov.") rather than ending a sentence. */
export function isAbbreviationPeriod(text: string, i: number): boolean {
  if (text[i] !== '.') return false;
  const m = /(?:^|[^\p{L}.])((?:\p{L}\.)*)(\p{L}+)$/u.exec(text.slice(Math.max(0, i - 20), i));
  if (!m) return false;
  const word = m[2];
  // "U.S", "U.N", "J": initials; a chain of them still ends a sentence before an obvious sentence opener ("in the U.S. The ...")
  if ((m[1] && word.length === 1) || (word.length === 1 && /\p{Lu}/u.test(word))) {
    return !(m[1] && SENTENCE_OPENERS.test(text.slice(i + 1, i + 12)));
  }
  return ABBREVIATIONS.has(word.toLowerCase()) && /^\p{Lu}/u.test(word);
}
const SENTENCE_OPENERS = /^\s+(?:The|He|She|It|They|We|I|But|And|In|A|An|This|That|There|His|Her|Their|On|At|After)\b/;

/** Index just past the first sentence end in text[from, to) (".", "!", "?" before a space or the end, abbreviations skipped), or -1. */
export function sentenceEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?') && (i + 1 >= to || /\s/.test(text[i + 1])) && !isAbbreviationPeriod(text, i)) return i + 1;
  }
  return -1;
}

/** Nouns for places: never a speaker ("the country had admitted ..."). */
export const PLACE_NOUNS = new Set(['country', 'city', 'town', 'village', 'region', 'area', 'province', 'state', 'nation', 'district',
  'capital', 'territory', 'island', 'county', 'neighbourhood', 'neighborhood', 'camp', 'border', 'world', 'continent', 'site']);

/** Heads naming an institution: a description with one of these and a named owner ("Nadia Cruz's office", "China's commerce
 *  ministry") is an on-the-record institutional source, not an anonymous person. */
export const INSTITUTION_HEADS = new Set(['office', 'ministry', 'department', 'agency', 'government', 'administration', 'campaign',
  'committee', 'council', 'embassy', 'court', 'military', 'army', 'police', 'company', 'firm', 'organisation', 'organization', 'authority',
  'authorities', 'commission', 'cabinet', 'presidency', 'parliament', 'prosecutor\'s office', 'spokesperson\'s office', 'team',
  'secretariat', 'bureau', 'service', 'command', 'mission', 'coalition', 'party', 'forces', 'group']);
