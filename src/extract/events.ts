// events: typed occurrences with participants, place, time and evidence.
//
// A trigger lexicon (stems, so inflections match) finds candidate words; guards drop noun-phrase
// false triggers ("captured fighters" as an adjective, "deal" as a verb). Participants come from
// the nearest actor left of the trigger (subject; patient in the passive), right of it (object),
// and prepositional phrases ("by", "alongside", "to", "against"). The place is the locative
// phrase attached to the trigger, the time the nearest time expression of the sentence. Repeated
// mentions of one event merge.
import type { EventRecord, EventType, ExtractionContext, Participant, Role, Span } from '../types.js';
import type { Attribution } from './quotes.js';
import { DocIndex, byFirstStem, stem, sentenceSpan, type Arg } from './patterns.js';
import { isCapital, lookupNorp, type Place } from '../gazetteer/index.js';

interface Trigger {
  type: EventType;
  /** words (alternatives separated by |), matched by stem */
  seq: string[];
  /** 'N' noun only, 'V' verb only */
  pos?: 'N' | 'V';
  conf: number;
  guard?: (d: DocIndex, i: number, j: number) => boolean;
}

const ATTACK_VERBS = 'attack|fight|strike|target|kill|continue|wage|retaliate|avenge|bomb|destroy|hit';
const TRIGGERS: Trigger[] = [
  { type: 'airstrike', seq: ['airstrike|airstrikes|airstrik'], conf: 0.9 },
  { type: 'airstrike', seq: ['air|drone|aerial', 'strike|raid|attack|bombardment|bombing'], conf: 0.9 },
  { type: 'explosion', seq: ['suicide', 'bombing|attack|blast|bomber'], conf: 0.9 },
  { type: 'explosion', seq: ['ied|car|roadside', 'blast|explosion|bomb|attack'], conf: 0.85 },
  { type: 'explosion', seq: ['explosion|blast|bombing|explode|detonate'], conf: 0.8, guard: notModifier },
  { type: 'pledge_of_allegiance', seq: ['pledge|swear|declare|give', 'allegiance|loyalty|bayat'], conf: 0.9 },
  { type: 'pledge_of_allegiance', seq: ['pledge|swear|declare|give', 'their|its|his', 'allegiance|loyalty'], conf: 0.9 },
  { type: 'threat', seq: ['reserve', 'the', 'right', 'to', ATTACK_VERBS], conf: 0.8 },
  { type: 'threat', seq: ['vow|promise|threaten|pledge|warn', 'to', ATTACK_VERBS], conf: 0.75, guard: warlike },
  { type: 'threat', seq: ['threaten'], pos: 'V', conf: 0.7, guard: armedThreat },
  { type: 'recruitment', seq: ['recruitment', 'drive|campaign'], conf: 0.9 },
  { type: 'recruitment', seq: ['recruit|recruitment|enlist|conscript'], conf: 0.8, guard: notAdjectival },
  { type: 'recruitment', seq: ['join'], pos: 'V', conf: 0.5, guard: joinsGroup },
  { type: 'training', seq: ['train'], conf: 0.8, guard: realTraining },
  { type: 'agreement', seq: ['peace|ceasefire', 'deal|agreement|accord'], conf: 0.9 },
  { type: 'agreement', seq: ['deal|agreement|accord|ceasefire|truce|treaty|armistice'], pos: 'N', conf: 0.8, guard: realDeal },
  { type: 'agreement', seq: ['declaration|pact|memorandum|roadmap|protocol'], pos: 'N', conf: 0.7, guard: (d, i) => realDeal(d, i) && concluded(d, i) },
  { type: 'withdrawal', seq: ['pull|pulled', 'out'], pos: 'V', conf: 0.7 },
  { type: 'withdrawal', seq: ['withdrawal|withdraw|pullout|drawdown'], conf: 0.85 },
  { type: 'negotiation', seq: ['peace', 'talks|process|negotiations'], conf: 0.9 },
  { type: 'negotiation', seq: ['talks|negotiation|negotiate|mediate'], conf: 0.75, guard: realTalks },
  { type: 'protest', seq: ['protest|protester|protestor|demonstration|demonstrator|rally|sit-in'], conf: 0.8, guard: streetProtest },
  { type: 'capture', seq: ['capture|arrest|detain|detention|abduct|kidnap|apprehend|seize'], conf: 0.85, guard: (d, i) => notAdjectival(d, i) && takesPeople(d, i) },
  { type: 'capture', seq: ['taken|took', 'prisoner|captive|hostage'], conf: 0.85 },
  { type: 'capture', seq: ['take|took|taken|taking'], pos: 'V', conf: 0.8, guard: takesPrisoner },
  { type: 'killing', seq: ['shot|shoot', 'dead'], conf: 0.9 },
  { type: 'killing', seq: ['stab|shot|beat|hack|burn|bludgeon', 'to', 'death'], conf: 0.9 },
  { type: 'killing', seq: ['deadly|fatal|fatally', 'stabbing|shooting|stabbed|shot|attack|assault|beating'], conf: 0.85 },
  { type: 'killing', seq: ['die|died|dies|death|deaths|fatalities|fatality'], conf: 0.7, guard: violentDeath },
  { type: 'capture', seq: ['grab|grabbed|snatch|snatched'], pos: 'V', conf: 0.7, guard: seizesPerson },
  { type: 'withdrawal', seq: ['troops|forces|soldiers|military', 'leave|leaves|left|leaving|exit|exits|quit'], conf: 0.75, guard: leavesPlace },
  { type: 'killing', seq: ['kill|assassinate|murder|behead|slay|assassination|execute'], conf: 0.85, guard: notAdjectival },
  { type: 'armed_clash', seq: ['gun|fierce|heavy', 'battle|fighting|clash'], conf: 0.85 },
  { type: 'armed_clash', seq: ['exchange|exchanged', 'fire'], conf: 0.8 },
  { type: 'armed_clash', seq: ['clash|fight|battle|firefight|skirmish|attack|ambush|assault|offensive|shelling'], conf: 0.7, guard: realClash },
];

const STEMMED = TRIGGERS.map((t) => ({ ...t, alts: t.seq.map((w) => new Set(w.split('|').map(stem))) }))
  .sort((a, b) => b.seq.length - a.seq.length);
/** The triggers a token can start, by its stem (most tokens start none). */
const BY_FIRST = byFirstStem(STEMMED);

const isVerb = (d: DocIndex, i: number) => d.tokens[i].pos === 'VERB' || d.tokens[i].pos === 'AUX';
const isNoun = (d: DocIndex, i: number) => d.tokens[i].pos === 'NOUN' || d.tokens[i].pos === 'PROPN';

/** "from captured fighters", "the trained men": a participle used as an adjective is no event. */
function notAdjectival(d: DocIndex, i: number): boolean {
  const w = d.lower(i);
  const prev = d.tokens[i - 1];
  const next = d.tokens[i + 1];
  if (/ed$/.test(w) && prev && /^(DET|ADP|ADJ|NUM)$/.test(prev.pos) && next && next.pos === 'NOUN' && !/^(the|a|an)$/i.test(prev.text)) return false;
  if (/ed$/.test(w) && prev && /^(the|a|an)$/i.test(prev.text) && next?.pos === 'NOUN') return false;
  if (/^(recruits|recruiter|recruiters)$/.test(w) && d.tokens[i].pos === 'NOUN') return false;
  return true;
}
/** "seized weapons", "captured the town": taking things or places is no capture of people. */
const THING_NOUN = /^(weapons?|arms|ammunition|guns?|rifles?|vehicles?|cars?|trucks?|equipment|drugs|cash|money|documents?|control|territory|towns?|cit(?:y|ies)|villages?|bases?|airports?|positions?|areas?|hills?|roads?|bridges?|buildings?|assets|property|goods|cargo|shipments?|explosives|materials?|land|ground|mines?|oil|fuel|gold|ammo|tanks?|boats?|ships?|aircraft|drones?|passports?|phones?|computers?|stockpiles?|caches?|headquarters|checkpoints?|crossings?|outposts?|garrisons?|camps?|stronghold|strongholds|capital|port|border)$/i;
function takesPeople(d: DocIndex, i: number): boolean {
  if (!/^(seiz|captur)/.test(d.stems[i])) return true;
  for (let k = i + 1; k <= i + 5 && k < d.tokens.length; k++) {
    const m = d.mentionAt[k];
    if (m) return !d.isPlaceMention(m);
    if (THING_NOUN.test(d.tokens[k].text)) return false;
    if (d.tokens[k].pos === 'NOUN' || d.tokens[k].pos === 'VERB' || d.tokens[k].pos === 'ADP' || /^[,.;]$/.test(d.tokens[k].text)) return true;
  }
  return true;
}
/** "a letter of protest", "lodged a formal protest", "in protest at": a diplomatic note or a motive, not demonstrators in the street. */
function streetProtest(d: DocIndex, i: number): boolean {
  if (!/^protest/.test(d.lower(i)) || /^protest(er|or)s?$/.test(d.lower(i))) return true;
  const before = d.text.slice(d.tokens[Math.max(0, i - 4)].start, d.tokens[i].start);
  if (/\b(letters?|notes?|note\s+verbale|complaints?)\s+of\s+$/i.test(before)) return false;
  if (/\b(lodg\w*|fil\w*|register\w*|submit\w*|deliver\w*|issu\w*|sen[dt]\w*)\s+(?:a|an|its|their|his|her)?\s*(?:formal|strong|official|diplomatic|strongly[- ]worded)?\s*$/i.test(before)) return false;
  if (/^(letter|note|notes|letters|note verbale)$/i.test(d.tokens[i + 1]?.text ?? '')) return false;
  if (/\bin\s+$/i.test(before) && /^(at|against|over|of)$/i.test(d.tokens[i + 1]?.text ?? '')) return false;
  return true;
}
/** "took 40 soldiers prisoner", "were taken hostage": people made prisoners, the object between verb and noun. */
function takesPrisoner(d: DocIndex, i: number): boolean {
  const s = d.sentenceOfToken(i);
  for (let k = i + 1; k <= Math.min(s.lastToken, i + 7); k++) {
    if (/^(prisoners?|captives?|hostages?)$/i.test(d.tokens[k].text)) return k > i + 1 && !/^(of|the|a|an)$/i.test(d.lower(k - 1));
    if (/^[,;:.]$/.test(d.tokens[k].text) || (d.tokens[k].pos === 'VERB' && k > i + 1)) return false;
  }
  return false;
}
/** "explosion" as a modifier of another noun ("blast walls") is no event. */
function notModifier(d: DocIndex, i: number): boolean {
  return !/^(wall|walls|radius|proof|resistant|shield)$/i.test(d.tokens[i + 1]?.text ?? '');
}
/** "vowed to continue the war" is a threat; "promised to continue talks" is not. */
function warlike(d: DocIndex, _i: number, j: number): boolean {
  if (stem(d.lower(j)) !== stem('continue')) return true;
  for (let k = j + 1; k <= j + 4 && k < d.tokens.length; k++) if (/^(war|fight|fighting|attacks?|jihad|struggle|campaign|insurgency)$/i.test(d.tokens[k].text)) return true;
  return false;
}
/** "to join them", "joined al-Qaeda": joining a group, not a meeting or a conversation. */
function joinsGroup(d: DocIndex, i: number): boolean {
  const n = d.tokens[i + 1];
  if (!n) return false;
  if (/^(them|us|him|it)$/i.test(n.text)) return true;
  const m = d.mentionAt[i + 1] ?? (/^the$/i.test(n.text) ? d.mentionAt[i + 2] : undefined);
  return !!m && (d.entity(m)?.type ?? m.type) === 'ORG';
}
/** "training the Taliban", "training of fighters": not "training camp", not a railway train. */
function realTraining(d: DocIndex, i: number): boolean {
  const next = d.lower(i + 1);
  if (/^(camp|camps|ground|grounds|station|manual|facility|facilities)$/.test(next)) return false;
  if (isVerb(d, i)) return true;
  return /^(of|for|in)$/.test(next) || d.lower(i).startsWith('training');
}
/** "died", "the deaths": a violent death, told by violence words in the sentence ("during protests", "gunshot", "stabbing"). */
const VIOLENCE = /^(shot|shooting|shootings|gunfire|gunshot|gunshots|gunmen|gunman|stabbing|stabbed|stabbings|clash|clashes|protest|protests|attack|attacks|attacked|bomb|bombing|blast|explosion|airstrike|airstrikes|violence|violent|fighting|killed|killing|wounded|injured|skirmishes|riot|riots|raid|ambush|crossfire|fire|beaten|assault|massacre)$/i;
function violentDeath(d: DocIndex, i: number): boolean {
  const w = d.lower(i);
  if (/^(death)$/.test(w) && /^(penalty|sentence|row|toll|threat|threats|squad|certificate)$/i.test(d.tokens[i + 1]?.text ?? '')) return false;
  if (/^(die|dies)$/.test(w)) return false;
  const s = d.sentenceOfToken(i);
  for (let k = s.firstToken; k <= s.lastToken; k++) if (k !== i && VIOLENCE.test(d.tokens[k].text)) return true;
  return false;
}
/** "grabbed the girl": seizing a person, not an object. */
const PERSON_NOUN = /^(girl|girls|boy|boys|child|children|kid|kids|woman|women|man|men|teen|teenager|teenagers|toddler|baby|infant|victim|victims|daughter|son|wife|husband|student|students|hostage|hostages|journalist|journalists|tourist|tourists|worker|workers|civilian|civilians|her|him|them)$/i;
function seizesPerson(d: DocIndex, i: number): boolean {
  for (let k = i + 1; k <= i + 4 && k < d.tokens.length; k++) {
    if (PERSON_NOUN.test(d.tokens[k].text)) return true;
    const m = d.mentionAt[k];
    if (m) return (d.entity(m)?.type ?? m.type) === 'PERSON';
    if (!/^(DET|ADJ|NUM|PRON)$/.test(d.tokens[k].pos)) return false;
  }
  return false;
}
/** "troops leave Syria": armed forces leaving a place. */
function leavesPlace(d: DocIndex, _i: number, j: number): boolean {
  if (!isVerb(d, j)) return false;
  for (let k = j + 1; k <= j + 3 && k < d.tokens.length; k++) {
    const m = d.mentionAt[k];
    if (m) return d.isPlaceMention(m);
    if (!/^(the)$/i.test(d.tokens[k].text)) return false;
  }
  return false;
}
/** "threatened the government", "threatened to attack": a threat against an organised actor or of violence, not "threatening the girl". */
function armedThreat(d: DocIndex, i: number): boolean {
  const next = d.lower(i + 1);
  if (next === 'to') return true;
  if (next === 'with') return true;
  for (let k = i + 1; k <= i + 3 && k < d.tokens.length; k++) {
    const m = d.mentionAt[k];
    if (m) { const t = d.entity(m)?.type ?? m.type; return t === 'ORG' || t === 'GPE' || t === 'NORP'; }
    if (!/^(DET|ADJ)$/.test(d.tokens[k].pos)) return false;
  }
  return false;
}
/** "deal" as a noun, and not "a great deal of". */
function realDeal(d: DocIndex, i: number): boolean {
  if (/^to$/i.test(d.tokens[i - 1]?.text ?? '')) return false;
  if (/^(great|good)$/i.test(d.tokens[i - 1]?.text ?? '') && /^of$/i.test(d.tokens[i + 1]?.text ?? '')) return false;
  return d.tokens[i].pos !== 'VERB';
}
/** "talks" the noun (not "talks to reporters"), "negotiating team" is a modifier. */
function realTalks(d: DocIndex, i: number): boolean {
  const w = d.lower(i);
  if (/^talk/.test(w)) return w === 'talks' && (d.tokens[i].pos === 'NOUN' || /^(between|with|on|over|in|resumed|collapsed|stalled|broke|began|ended)$/i.test(d.tokens[i + 1]?.text ?? '')) && !/^(to|about)$/i.test(d.tokens[i + 1]?.text ?? '');
  return !/^(team|teams|position|table|skills)$/i.test(d.tokens[i + 1]?.text ?? '');
}
/** "fighting", "clashes", "attacked": not "fighter", not "the war" words, not "heart attack". */
function realClash(d: DocIndex, i: number): boolean {
  const w = d.lower(i);
  if (/^(fighter|fighters|attacker|attackers)$/.test(w)) return false;
  if (/^(heart|panic|cyber)$/i.test(d.tokens[i - 1]?.text ?? '')) return false;
  return true;
}

const FORCE_NOUN = /^(forces|troops|soldiers|army|police|officials|militants|fighters|authorities|government|military|militias?|rebels|gunmen|jihadists|insurgents|paratroopers|commandos|peacekeepers|navy|officers|policemen|units?|battalions?)$/i;
/** Light verbs that make a nominal trigger's subject its agent: "carried out a recruitment drive". */
const LIGHT_VERB = new Set(['carri', 'carry', 'launch', 'conduct', 'stag', 'hold', 'held', 'sign', 'reach', 'mak', 'strik', 'order', 'announc', 'led', 'lead', 'perform', 'execut', 'wag', 'begin', 'start', 'enter', 'claim'].map(stem));
const BE = /^(is|are|was|were|be|been|being|get|got|gets|getting)$/i;
const MODAL = /^(will|would|could|might|may|shall|should|must|can|'ll|wo)$/i;
const HYPO_CUE = /^(if|unless|plan|plans|planned|planning|intend|intends|intended|promise|promised|promises|vow|vowed|threaten|threatened|want|wants|wanted|seek|seeks|sought|aim|aims|hope|hopes|set|proposed|propose|impending|upcoming|possible|potential|future|expected|supposed|prospective|would-be|any|require|required|requires|demand|demands|demanded|urge|urged|urges)$/i;
const HYPO_AFTER = /^(date|deadline|plan|plans|timeline|timetable|schedule)$/i;
const NEG = /^(not|n't|never|no|cannot|neither|nor|denied|deny|denies|without)$/i;
const PLACE_PREP = /^(in|at|near|inside|outside|across|throughout|into|around|on|aboard|along|down|through)$/i;

interface Draft extends EventRecord { parts: Participant[]; sentence: number; concluded?: boolean; tv?: string; explicitPlace?: string | null; para: number; mediators?: Set<string> }

export function extractEvents(ctx: ExtractionContext, attr: Attribution): EventRecord[] {
  const d = new DocIndex(ctx, attr);
  const drafts: Draft[] = [];
  const used = new Uint8Array(d.tokens.length);
  for (let i = 0; i < d.tokens.length; i++) {
    if (used[i]) continue;
    const starts = BY_FIRST.get(d.stems[i]);
    if (!starts) continue;
    for (const t of starts) {
      const j = matchAt(d, t, i);
      if (j < 0) continue;
      const ev = buildEvent(d, t, i, j, drafts[drafts.length - 1]);
      for (let k = i; k <= j; k++) used[k] = 1;
      if (ev) drafts.push(ev);
      break;
    }
  }
  placeFromContext(d, drafts);
  return finish(dropEchoes(attackersKill(merge(settleDeals(drafts)))));
}

const CONCLUDED = new Set(['sign', 'reach', 'strik', 'struck', 'seal', 'conclud', 'ink', 'broker', 'finaliz', 'finalis', 'clinch', 'ratifi', 'approv', 'announc', 'agre', 'declar', 'accept', 'adopt'].map(stem));
/**
 * Only a concluded deal is an agreement. One that is planned, hoped for or expected ("a deal could be
 * signed", "any deal") is the talks toward it, and so is an unsigned deal in an article about talks.
 */
function settleDeals(drafts: Draft[]): Draft[] {
  const talks = drafts.some((e) => e.type === 'negotiation');
  for (const e of drafts) {
    if (e.type !== 'agreement') continue;
    if (e.hypothetical || (talks && !e.concluded)) { e.type = 'negotiation'; e.hypothetical = false; }
  }
  return drafts;
}

/** End token of a trigger match starting at i, or -1. The head (for POS checks) is the last word. */
function matchAt(d: DocIndex, t: (typeof STEMMED)[number], i: number): number {
  let k = i;
  for (let w = 0; w < t.alts.length; w++, k++) {
    // allow hyphen tokens inside compounds ("sit - in", "drone-strike")
    while (k < d.tokens.length && d.tokens[k].text === '-' && w > 0) k++;
    if (k >= d.tokens.length || d.tokens[k].sentence !== d.tokens[i].sentence) return -1;
    if (!t.alts[w].has(d.stems[k])) return -1;
  }
  const j = k - 1;
  const head = t.seq.length === 1 ? i : j;
  if (t.pos === 'N' && !isNoun(d, head)) return -1;
  if (t.pos === 'V' && isNoun(d, head) && d.tokens[head].pos !== 'VERB') return -1;
  if (t.guard && !t.guard(d, i, j)) return -1;
  return j;
}

function buildEvent(d: DocIndex, t: Trigger, i: number, j: number, prev?: Draft): Draft | null {
  const sen = d.sentenceOfToken(i);
  const head = d.tokens[i];
  const nominal = isNoun(d, i) && !/(ing|ed)$/.test(d.lower(i));
  const passive = isPassive(d, i);
  const parts: Participant[] = [];
  const taken = new Set<string>();
  const add = (role: Role, a: Arg | null) => {
    if (!a) return;
    // "the army said it had captured": the pronoun is the body that speaks, not an earlier group
    if (a.tokens[0] === a.tokens[1] && /^(it|they)$/i.test(d.tokens[a.tokens[0]].text)) {
      const said = /\b((?:the\s+)?(?:army|military|armed\s+forces|police|government|junta|ministry))\s+(?:also\s+|later\s+)?(?:said|says|claimed|claims|announced|announces|reported|added|stated)\s+(?:that\s+)?$/i
        .exec(d.text.slice(Math.max(0, d.tokens[a.tokens[0]].start - 60), d.tokens[a.tokens[0]].start));
      if (said) a = { description: said[1], tokens: a.tokens };
    }
    // "the army", "soldiers", "the armed forces of X (FAV)": the article's army
    const army = armyFor(d, a);
    if (army) a = { ...a, entity: army };
    // whatever follows "in", "at", "near" is a setting, not a participant ("fighting in X")
    if (a.mention && a.entity && /^(in|at|near|inside|outside|around|throughout)$/i.test(prevPrep(d, { tokens: d.tokenRange(a.mention) } as Arg))) return;
    // "the Dresk attack killed": a town modifying a common noun is that thing's setting, not an actor
    if (a.mention && a.entity) {
      const pe = d.entityById.get(a.entity);
      const nx = d.tokens[d.tokenRange(a.mention)[1] + 1];
      if (pe?.type === 'GPE' && pe.geo?.feature !== 'country' && pe.id !== armyOf(d)?.id && nx
        && /^(attacks?|strikes?|airstrikes?|raids?|bombings?|blasts?|explosions?|assaults?|massacres?|ambush|clash(?:es)?|fighting|shelling|offensive|killings?|shootings?)$/i.test(nx.text)) return;
    }
    if (a.entity) {
      if (taken.has(a.entity)) return;
      // a news outlet reports the event; a bare nationality ("Congolese") is no actor without its force noun
      if (outlets(d).has(a.entity)) return;
      if (d.entityById.get(a.entity)?.type === 'NORP' && !a.description) {
        const next = a.mention ? d.tokens[d.tokenRange(a.mention)[1] + 1] : undefined;
        // "a Velorian drone strike": the nationality of a strike or attack is its state, when the article names it
        const state = a.mention && (t.type === 'airstrike' || t.type === 'explosion' || t.type === 'armed_clash') && role === agentRole && a.mention.end <= head.start ? countryOf(d, a.mention.text) : null;
        if (state && !taken.has(state)) { taken.add(state); parts.push({ role, entity: state }); return; }
        if (!next || !FORCE_NOUN.test(next.text) || !a.mention) return;
        a = { ...a, description: d.text.slice(a.mention.start, next.end) };
      }
      // places are settings, not participants ("a stabbing on a Bay Area train"); a country may act
      const e = d.entityById.get(a.entity!);
      // "talks between Moscow and Kyiv", "Moscow launched": a capital acting is its state
      if (e && role === 'agent' && e.type === 'GPE' && e.geo && isCapital(e.geo as unknown as Place) && !(a.mention && d.isLocative(a.mention))) {
        const st = d.ctx.entities.find((c) => c.type === 'GPE' && c.geo?.feature === 'country' && c.geo.country === e.geo!.country);
        const id = st?.id ?? e.id;
        if (!taken.has(id)) { taken.add(id); parts.push({ role, entity: id }); }
        return;
      }
      if (e && e.id !== armyOf(d)?.id && (e.type === 'LOC' || (e.type === 'GPE' && e.geo && e.geo.feature !== 'country'))) {
        // "attacked El Dresk", "shelled the town of X": the place attacked is where it happened
        if (role === patient && PHYSICAL.has(t.type)) objectPlace ??= e.id;
        if (!a.description) return;
        a = { ...a, entity: null };
      } else taken.add(a.entity!);
    }
    if (!a.entity && !a.description) return;
    // the wire agency of a dateline "(AP) —" reports the event, it takes no part in it
    if (a.mention && /^\s*\)\s*[—–-]/.test(d.text.slice(a.mention.end, a.mention.end + 4)) && /\(\s*$/.test(d.text.slice(Math.max(0, a.mention.start - 2), a.mention.start))) return;
    parts.push({ role, entity: a.entity ?? null, ...(a.description ? { description: a.description } : {}) });
  };
  const [patient, agentRole] = rolesFor(t.type);
  let objectPlace: string | null = null;

  // the object first, so a pronoun subject does not resolve to it
  const right = t.type === 'withdrawal' ? d.prepArg(j, /^of$/i, taken, 3) : rightOf(d, t, j, taken);
  const rightEnt = new Set(right?.entity ? [right.entity] : []);
  let left: Arg | null = null;
  if (!nominal || hasLightVerb(d, i)) left = d.leftArg(i, new Set([...rightEnt]));
  // "Gunmen killed 30 people": an unnamed force as subject is described
  if ((!left || (left.entity && outlets(d).has(left.entity))) && !nominal && !passive) {
    const [a] = d.clause(i);
    for (let k = i - 1; k >= Math.max(a, i - 6); k--) {
      if (d.mentionAt[k] || /^(,|that|which|who)$/i.test(d.tokens[k].text)) break;
      if ((d.tokens[k].pos === 'NOUN' || d.tokens[k].pos === 'PROPN') && (IRREGULAR_FORCE.test(d.tokens[k].text) || SOLDIER_NOUN.test(d.tokens[k].text))) { left = { description: d.lower(k), tokens: [k, k] }; break; }
    }
  }
  // "the army carried out strikes against X and had captured 20 fighters": a coordinated verb shares the first verb's subject
  if (!nominal && !passive && coordinatedVerb(d, i)) {
    const subj = prev && prev.sentence === sen.index ? prev.parts.find((p) => p.role === 'agent' && p.entity) : undefined;
    if (subj) left = { entity: subj.entity, description: subj.description ?? null, tokens: [i, i] };
    else {
      // the subject of the sentence's first verb
      let v = sen.firstToken;
      while (v < i && !(d.tokens[v].pos === 'VERB' && !d.mentionAt[v])) v++;
      if (v < i) left = d.leftArg(v, new Set([...rightEnt])) ?? left;
    }
  }
  const premods = nominal ? premodifiers(d, i) : [];

  if (t.type === 'recruitment' && d.lower(i).startsWith('join')) {
    // "X joined the group": the group recruits X
    add('agent', right); add('recruit', left);
  } else if (passive) {
    add(patient, left);
    add('agent', d.prepArg(j, /^by$/i, taken));
  } else {
    // "the Rumaila attack": a place before a physical event is its setting; only a known country acts ("US strikes")
    for (const p of premods) {
      const pe = p.entity ? d.entityById.get(p.entity) : undefined;
      if (PHYSICAL.has(t.type) && p.mention && d.isPlaceMention(p.mention) && pe?.geo?.feature !== 'country') continue;
      add(agentRole, p);
    }
    add(agentRole, left);
    if (t.type === 'agreement' || t.type === 'negotiation') add('agent', right);
    else if (t.type === 'withdrawal') add('agent', right);
    else if (t.type === 'pledge_of_allegiance') add('beneficiary', d.prepArg(j, /^to$/i, taken));
    else if (t.type === 'airstrike' || t.type === 'explosion') add(patient, firstActorAfter(d, j, taken));
    else add(patient, right);
  }
  // coordinated subject "X and Y are fighting together"
  if (left?.mention && (t.type === 'armed_clash' || t.type === 'agreement' || t.type === 'negotiation')) {
    const [a] = d.tokenRange(left.mention);
    let k = a - 1;
    if (/^the$/i.test(d.tokens[k]?.text ?? '')) k--;
    if (/^(and|&)$/i.test(d.tokens[k]?.text ?? '')) {
      const other = d.leftArg(k, taken, 4);
      if (other?.entity) {
        // the first conjunct is the agent, the second its ally
        const idx = parts.findIndex((p) => p.entity === left!.entity);
        if (idx >= 0 && t.type === 'armed_clash') parts[idx].role = 'ally';
        add('agent', other);
      }
    }
  }
  // "killed 12 soldiers", "soldiers were killed": unnamed soldiers are the article's army, or described
  if ((t.type === 'killing' || t.type === 'capture' || t.type === 'explosion') && !parts.some((p) => p.role === patient)) {
    const n = soldiersAt(d, i, j, passive);
    if (n) add(patient, n);
  }
  const co = d.prepArg(j, /^(alongside|with)$/i, taken, 8);
  if (co && /^(alongside)$/i.test(prevPrep(d, co))) add(passive || t.type === 'killing' || t.type === 'capture' ? patient : 'ally', co);
  else if (co && t.type === 'armed_clash') add(/together/i.test(d.text.slice(head.start, d.tokens[co.tokens[0]].start)) ? 'ally' : 'target', co);
  else if (co && (t.type === 'agreement' || t.type === 'negotiation')) add('agent', co);
  if (t.type === 'recruitment') add('recruit', d.prepArg(j, /^(from|of)$/i, taken, 8));
  if (t.type === 'armed_clash' || t.type === 'threat' || t.type === 'protest') add('target', d.prepArg(j, /^against$/i, taken, 6));
  if (t.type === 'agreement' || t.type === 'negotiation' || t.type === 'armed_clash') for (const a of between(d, j)) add('agent', a);
  // "brokered by X and Y", "mediated by X": the mediators are parties to the talks or the deal too
  const mediated = new Set<string>();
  if (t.type === 'agreement' || t.type === 'negotiation') for (const a of mediators(d, j, taken)) { add('agent', a); if (a.entity) mediated.add(a.entity); }
  // "the two countries' foreign ministers agreed on a ceasefire": the two countries named just before
  if ((t.type === 'agreement' || t.type === 'negotiation') && parts.filter((p) => p.entity).length < 2) for (const a of twoSides(d, i, taken)) add('agent', a);

  const place = placeOf(d, t.type, i, j, sen) ?? objectPlace;
  // a physical event with no place of its own takes one from the story around it (placeFromContext)
  const location = place;
  // "convicting Webb in September of kidnapping the girl": the sentence's time is the trial's
  const time = legalProcess(d, i) ? null : timeOf(d, i, sen);
  const span: Span = { start: head.start, end: d.tokens[j].end };
  const evidence = sentenceSpan(sen);
  const quote = d.quoteAt(span);
  const quantities = d.ctx.quantities.filter((q) => q.start >= sen.start && q.end <= sen.end).map((q) => q.id);
  const negated = isNegated(d, i, nominal);
  const hypothetical = t.type === 'threat' || isHypothetical(d, i, j);
  const hasEntity = parts.some((p) => p.entity);
  // an event with no identifiable actor, place or time says nothing checkable
  if (!hasEntity && !location && !time && !(PHYSICAL.has(t.type) && contextPlaceLikely(d, sen))) return null;
  if (generic(d, t, i, j, parts, place, time)) return null;
  let confidence = t.conf * (hasEntity ? 1 : 0.8);
  if (/\b(reportedly|allegedly|said to|is believed|are believed)\b/i.test(d.text.slice(sen.start, head.start))) confidence *= 0.9;
  return {
    id: '', type: t.type, trigger: span, evidence, time, location, participants: parts, parts, quantities,
    source: quote?.source ?? null, negated, hypothetical, confidence: Math.round(confidence * 100) / 100, sentence: sen.index,
    explicitPlace: place, para: paragraphNo(d, sen.index), mediators: mediated,
    concluded: t.type === 'agreement' && concluded(d, i), tv: d.ctx.times.find((x) => x.id === time)?.value ?? undefined,
  };
}

// ---- the national army of an article ----

const ARMY_WORD = /\b(army|armed\s+forces|military|defen[cs]e\s+forces|forces\s+armées)\b/i;
interface Army { id: string; intro: string }
const armyCache = new WeakMap<DocIndex, Army | null>();
/**
 * The article's national army: an organisation named as one ("the Veloria Armed Forces") or introduced by
 * an acronym after its description ("the armed forces of Veloria (FAV)"); not an armed group that calls
 * itself an army. Null when there is none or several.
 */
function armyOf(d: DocIndex): Army | null {
  if (armyCache.has(d)) return armyCache.get(d)!;
  const found: Army[] = [];
  for (const e of d.ctx.entities) {
    if (!(e.type === 'ORG' || e.type === 'GPE') || e.subtype === 'armed_group') continue;
    const ms = d.mentions.filter((m) => m.entity === e.id);
    if (!ms.length) continue;
    // a place is an army only when introduced as one ("the armed forces of X (FAV)"), whatever the gazetteer found
    let intro = e.type === 'GPE' ? undefined : [e.name, ...e.aliases].find((n) => ARMY_WORD.test(n) && !/\b(liberation|revolutionary|resistance|independence|free|people['’]?s|rebel)\b/i.test(n));
    if (!intro) {
      for (const m of ms) {
        if (!/\(\s*$/.test(d.text.slice(Math.max(0, m.start - 3), m.start))) continue;
        const pre = d.text.slice(Math.max(0, m.start - 70), m.start).split(/[.;]/).pop() ?? '';
        const x = /((?:[\p{L}'’-]+\s+){0,2}?(?:army|armed\s+forces|military|defen[cs]e\s+forces)(?:\s+of\s+(?:the\s+)?[\p{L}'’ -]{2,40}?)?)\s*\(\s*$/iu.exec(pre);
        if (x) { intro = x[1]; break; }
      }
    }
    if (intro) found.push({ id: e.id, intro });
  }
  const out = found.length === 1 ? found[0] : null;
  armyCache.set(d, out);
  return out;
}

const SOLDIER_NOUN = /^(soldiers?|troops|servicemen|paratroopers|gendarmes|policemen|police\s*officers|peacekeepers)$/i;
/** The unnamed soldiers a killing or capture takes: the object ("killing 12 soldiers"), or the passive subject ("12 soldiers were killed"). */
function soldiersAt(d: DocIndex, i: number, j: number, passive: boolean): Arg | null {
  const s = d.sentenceOfToken(i);
  const probe = (k: number): Arg | null => SOLDIER_NOUN.test(d.tokens[k]?.text ?? '') && !d.mentionAt[k] ? { description: d.lower(k).replace(/^soldier$/, 'soldiers'), tokens: [k, k] } : null;
  if (passive) {
    let k = i - 1;
    while (k >= s.firstToken && (BE.test(d.tokens[k].text) || /^(ADV|PART|AUX)$/.test(d.tokens[k].pos))) k--;
    return probe(k);
  }
  for (let k = j + 1; k <= Math.min(s.lastToken, j + 4); k++) {
    const r = probe(k);
    if (r) return r;
    if (!/^(DET|NUM|ADJ)$/.test(d.tokens[k].pos) && !/^(at|least|about|some|nearly|more|than|over|around|up|to)$/i.test(d.tokens[k].text)) break;
  }
  return null;
}

/** The country entity of a nationality word ("Velorian" → Veloria), if the article names that country. */
function countryOf(d: DocIndex, word: string): string | null {
  const code = lookupNorp(word)?.country;
  if (!code) return null;
  return d.ctx.entities.find((c) => c.type === 'GPE' && c.geo?.feature === 'country' && c.geo.country === code)?.id ?? null;
}

/** Soldiers of the article's army: "the army", "soldiers", "troops", "the armed forces of X", "Velorian soldiers" when the army is Veloria's. */
const SOLDIER_WORDS = /^(?:the\s+)?(?:(?:[\p{L}'’-]+)\s+)?(army|military|armed\s+forces|soldiers?|troops|servicemen|forces)$/iu;
function armyFor(d: DocIndex, a: Arg): string | null {
  const army = armyOf(d);
  if (!army) return null;
  const e = a.entity ? d.entityById.get(a.entity) : undefined;
  if (a.entity === army.id) return null;
  if (e && e.type !== 'GPE' && e.type !== 'NORP') return null;
  if (e) {
    // a country or nationality: only its own army, and only as the force it names ("the armed forces of X", "X soldiers")
    const word = (a.mention?.text ?? e.name).toLowerCase();
    const tied = army.intro.toLowerCase().includes(word.slice(0, Math.max(4, word.length - 3))) || d.ctx.entities.some((c) => c.id === army.id && [c.name, ...c.aliases].some((n) => n.toLowerCase().includes(word.slice(0, 4))));
    if (!tied) return null;
    const before = a.mention ? d.text.slice(Math.max(0, a.mention.start - 30), a.mention.start) : '';
    if (/\b(army|armed\s+forces|military|forces|troops|soldiers)\s+of\s+(?:the\s+)?$/i.test(before)) return army.id;
    if (a.description && SOLDIER_WORDS.test(a.description)) return army.id;
    return null;
  }
  return a.description && SOLDIER_WORDS.test(a.description) && !/^(?:the\s+)?forces$/i.test(a.description) ? army.id : null;
}

/** Events that happen at a place (the dateline stands in for an unnamed one); talks and deals do not. */
const PHYSICAL = new Set<EventType>(['armed_clash', 'airstrike', 'explosion', 'killing', 'capture', 'protest']);
const datelineCache = new WeakMap<DocIndex, string | null>();
/** The place of a wire dateline opening one of the first paragraphs: "HAYWARD, Calif. (AP) —", "VIENNA —". */
function datelinePlace(d: DocIndex): string | null {
  if (datelineCache.has(d)) return datelineCache.get(d)!;
  let out: string | null = null;
  const re = /(^|\n)([A-Z][A-Z .'’-]{2,40})(,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(\([\w .&-]{1,30}\))?\s*[—–-]{1,2}\s/g;
  for (const r of d.text.slice(0, 3000).matchAll(re)) {
    const at = r.index! + r[1].length;
    const m = d.mentionAt[d.tokenIndexAt(at)];
    if (m && m.start === at && d.isPlaceMention(m)) { out = m.entity; break; }
  }
  datelineCache.set(d, out);
  return out;
}

/** A trigger named as the charge of a trial or accusation: "convicted of kidnapping", "charged with murder". */
function legalProcess(d: DocIndex, i: number): boolean {
  const p = d.lower(i - 1);
  if (!/^(of|with|for)$/.test(p)) return false;
  for (let k = i - 2; k >= Math.max(0, i - 6); k--) {
    if (/^(convict|accus|charg|suspect|indict|sentenc|tri|acquit|guilti|prosecut|arrest|jail|impris)/.test(d.stems[k])) return true;
  }
  return false;
}

const SOLO_FIGHT = /^(fight|fights|fought|fighting|brawl|scuffle|altercation|struggle)$/i;
/**
 * Not an armed event: a fight between individuals ("he fought with the shirtless man"), a campaign
 * ("the fight against the Islamic State group"), or a generic plural with no time or place
 * ("protection against Russian airstrikes").
 */
function generic(d: DocIndex, t: Trigger, i: number, j: number, parts: Participant[], location: string | null, time: string | null): boolean {
  if (t.type === 'armed_clash' && SOLO_FIGHT.test(d.lower(i))) {
    const groups = parts.some((p) => p.entity && d.entityById.get(p.entity)?.type !== 'PERSON');
    if (!groups) return true;
    if (isNoun(d, i) && /^the$/i.test(d.lower(i - 1)) && /^against$/i.test(d.lower(j + 1))) return true;
  }
  // "trained the group to fight against X": a purpose, not an occurrence
  if (PHYSICAL.has(t.type) && /^to$/i.test(d.lower(i - 1)) && isVerb(d, i)) return true;
  const dated = !!time && d.ctx.times.find((x) => x.id === time)?.precision !== 'year';
  if (t.seq.length === 1 && isNoun(d, i) && /s$/i.test(d.lower(j)) && !dated && !location && (PHYSICAL.has(t.type)) && t.type !== 'protest') return true;
  // "such attacks", "dozens of attacks this year", "attacks on civilians have increased": a summary, not an occurrence
  if (PHYSICAL.has(t.type) && t.type !== 'protest' && isNoun(d, j) && /s$/i.test(d.lower(j))) {
    const pre = d.text.slice(d.tokens[Math.max(0, i - 3)].start, d.tokens[i].start);
    if (/\b(such|these|those|dozens|hundreds|scores|thousands|many|several|numerous|frequent|repeated|increasing|more|most|similar|any|few|regular|recurring|sporadic|growing|rising)\b(?:\s+of)?(?:\s+[a-z-]+)?\s*$/i.test(pre) && !dated) return true;
    const s = d.sentenceOfToken(j);
    const post = d.text.slice(d.tokens[j].end, d.tokens[Math.min(s.lastToken, j + 8)].end);
    if (/\b(have|has|had)\s+(?:\w+\s+)?(increased|risen|grown|surged|intensified|doubled|tripled|become|decreased|declined|fallen|spread)\b|\b(are|were|remain|have\s+been)\s+(?:\w+\s+)?(common|frequent|rare|routine|increasing|commonplace|on\s+the\s+rise)\b/i.test(post)) return true;
  }
  return false;
}

/** "signed a deal", "the accord reached in 2020", "a deal struck last year": a verb of concluding in the clause. */
function concluded(d: DocIndex, i: number): boolean {
  const [a, b] = d.clause(i);
  for (let k = Math.max(a, i - 6); k <= Math.min(b, i + 6); k++) if (k !== i && CONCLUDED.has(d.stems[k]) && (isVerb(d, k) || /ed$/.test(d.lower(k)))) return true;
  return false;
}

function rolesFor(type: EventType): [Role, Role] {
  switch (type) {
    case 'killing': return ['victim', 'agent'];
    case 'explosion': return ['victim', 'agent'];
    case 'recruitment': return ['recruit', 'agent'];
    case 'training': return ['beneficiary', 'agent'];
    case 'pledge_of_allegiance': return ['beneficiary', 'agent'];
    case 'agreement': case 'negotiation': case 'withdrawal': return ['agent', 'agent'];
    default: return ['target', 'agent'];
  }
}

function rightOf(d: DocIndex, _t: Trigger, j: number, taken: Set<string>): Arg | null {
  const r = d.rightArg(j, taken);
  // a prepositional "alongside X"/"by X" is not the object
  if (r && /^(alongside|by|with|against|to)$/i.test(prevPrep(d, r))) return null;
  return r;
}

/** The preposition governing an argument (the word before it, skipping "the"). */
function prevPrep(d: DocIndex, a: Arg): string {
  let k = a.tokens[0] - 1;
  while (k > 0 && /^(the|a|an)$/i.test(d.tokens[k].text)) k--;
  // "with Taliban commander X": the arg token range starts at the first name of the NP
  return d.lower(k);
}

function isPassive(d: DocIndex, i: number): boolean {
  const w = d.lower(i);
  if (!/(ed|en|wn|ld|ht|ot)$/.test(w) || !isVerb(d, i)) return false;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (BE.test(d.tokens[k].text)) return true;
    if (!/^(ADV|PART)$/.test(d.tokens[k].pos)) break;
  }
  return /^by$/i.test(d.tokens[i + 1]?.text ?? '');
}

/** "..., and had captured", "and killed": a verb coordinated with an earlier one, its subject not repeated. */
function coordinatedVerb(d: DocIndex, i: number): boolean {
  let k = i - 1;
  while (k > 0 && (/^(AUX|ADV|PART)$/.test(d.tokens[k].pos) || /^(had|has|have|also|then|later)$/i.test(d.tokens[k].text))) k--;
  return /^(and|then)$/i.test(d.tokens[k]?.text ?? '') && !d.mentionAt[k + 1];
}

function hasLightVerb(d: DocIndex, i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
    if (d.tokens[k].sentence !== d.tokens[i].sentence) break;
    if (LIGHT_VERB.has(d.stems[k]) && isVerb(d, k)) return true;
    if (d.tokens[k].pos === 'VERB' && !LIGHT_VERB.has(d.stems[k])) return false;
  }
  return false;
}

/** Actors just before a nominal trigger: "US-Taliban deal", "the US accord", "Israel's withdrawal". */
function premodifiers(d: DocIndex, i: number): Arg[] {
  const out: Arg[] = [];
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    const tok = d.tokens[k];
    if (tok.sentence !== d.tokens[i].sentence) break;
    const m = d.mentionAt[k];
    if (m) {
      if (d.isActor(m) || d.isPlaceMention(m)) out.push({ entity: m.entity, mention: m, tokens: d.tokenRange(m) });
      k = d.tokenRange(m)[0];
      continue;
    }
    if (/^(-|–|’s|'s|and|\/)$/.test(tok.text) || tok.pos === 'ADJ' || tok.pos === 'NUM') continue;
    break;
  }
  return out.reverse();
}

/** "between X and Y" after a trigger. */
function between(d: DocIndex, j: number): Arg[] {
  const s = d.sentenceOfToken(j);
  if (!/^between$/i.test(d.tokens[j + 1]?.text ?? '') || j + 1 > s.lastToken) return [];
  const out: Arg[] = [];
  const a = d.rightArg(j + 1, new Set(), 4);
  if (a) {
    out.push(a);
    const k = a.tokens[1] + 1;
    if (/^and$/i.test(d.tokens[k]?.text ?? '')) { const b = d.rightArg(k, new Set([a.entity ?? '']), 4); if (b) out.push(b); }
  }
  return out;
}

const MEDIATE = /^(brokered|mediated|facilitated|hosted|sponsored|arranged|chaired|convened)$/i;
/** Mediators of talks or a deal: "brokered by X and Y", "mediated by X", in the trigger's sentence. */
function mediators(d: DocIndex, j: number, taken: Set<string>): Arg[] {
  const s = d.sentenceOfToken(j);
  const out: Arg[] = [];
  for (let k = s.firstToken; k < s.lastToken; k++) {
    if (!MEDIATE.test(d.tokens[k].text) || !/^by$/i.test(d.tokens[k + 1]?.text ?? '')) continue;
    const ex = new Set(taken);
    let a = d.rightArg(k + 1, ex, 5);
    while (a?.entity) {
      out.push(a); ex.add(a.entity);
      const n = a.tokens[1] + 1;
      if (!/^(and|,)$/i.test(d.tokens[n]?.text ?? '')) break;
      a = d.rightArg(/^,$/.test(d.tokens[n].text) && /^and$/i.test(d.tokens[n + 1]?.text ?? '') ? n + 1 : n, ex, 4);
    }
  }
  return out;
}

/** "the two countries", "both sides", "the two governments": the last two states or actors named in this or the previous two sentences. */
function twoSides(d: DocIndex, i: number, taken: Set<string>): Arg[] {
  const s = d.sentenceOfToken(i);
  const pre = d.text.slice(s.start, d.tokens[i].start);
  const m = /\b(?:the\s+two|both)\s+(countries|nations|states|governments|sides|parties|neighbou?rs)\b/i.exec(pre);
  if (!m) return [];
  const states = /^(countries|nations|states|governments|neighbou?rs)$/i.test(m[1]);
  const seen: Arg[] = [];
  const upto = d.tokenIndexAt(s.start + m.index);
  for (let k = upto - 1; k >= 0 && d.tokens[k].sentence >= s.index - 2 && seen.length < 2; k--) {
    const mm = d.mentionAt[k];
    if (!mm) continue;
    k = d.tokenRange(mm)[0];
    const e = d.entity(mm);
    if (!e || taken.has(e.id) || seen.some((x) => x.entity === e.id) || outlets(d).has(e.id)) continue;
    const ok = states ? e.type === 'GPE' && (!e.geo || e.geo.feature === 'country') : d.isActor(mm) && e.type !== 'PERSON';
    if (ok && !d.isLocative(mm)) seen.push({ entity: e.id, mention: mm, tokens: d.tokenRange(mm) });
  }
  return seen.length === 2 ? seen.reverse() : [];
}

/** The first actor after the trigger in the sentence, outside "alongside/in conjunction with" phrases: the target of a strike. */
function firstActorAfter(d: DocIndex, j: number, taken: Set<string>): Arg | null {
  const s = d.sentenceOfToken(j);
  for (let k = j + 1; k <= s.lastToken; k++) {
    // the speaker after a closing quote is not the target: “... Russian airstrikes,” Simpson said
    if (/^[”"]$/.test(d.tokens[k].text)) break;
    // "..., regional governor X said": the reporter of the strike is not its target
    if (d.tokens[k].text === ',' && /^[^.;]{0,60}?\b(said|says|told|added|reported|stated)\b/i.test(d.text.slice(d.tokens[k].end, s.end))
      && !/\b(said|says|told)\b/i.test(d.text.slice(d.tokens[j].end, d.tokens[k].start))) {
      const rest = d.text.slice(d.tokens[k].end, s.end);
      if (/^\s*(?:[\p{L}'’.-]+\s+){0,6}?(said|says|told|added|reported|stated)\b/iu.test(rest)) break;
    }
    const m = d.mentionAt[k];
    if (!m) continue;
    const [a, b] = d.tokenRange(m);
    k = b;
    if (!d.isActor(m) || d.isPlaceMention(m) || taken.has(m.entity)) continue;
    if (/(with|alongside|by)$/i.test(d.text.slice(d.tokens[Math.max(0, a - 3)].start, d.tokens[a].start).trim().replace(/\s+the$/i, ''))) continue;
    return d.argAt(a, taken);
  }
  return null;
}

const PLACE_OF_NOUN = /^(provinces?|districts?|regions?|parts?|areas?|north|south|east|west|villages?|towns?|cit(?:y|ies)|outskirts|suburbs?|neighbou?rhoods?|municipalit(?:y|ies)|communes?|prefectures?|counties|county|states?|governorates?|localit(?:y|ies)|territor(?:y|ies)|camps?)$/i;
/** Where the event happened: the locative phrase after the trigger, else a fronted "In X," or a locative before it. */
function placeOf(d: DocIndex, type: EventType, i: number, j: number, sen: { firstToken: number; lastToken: number; index: number; start: number; end: number }): string | null {
  const places = d.places(sen as any);
  const locative = (p: { prep: string; first: number }) => PLACE_PREP.test(p.prep) || (type === 'withdrawal' && /^(from|leave|leaves|left|leaving|exit|exits|quit)$/.test(p.prep))
    || (p.prep === 'of' && (PLACE_OF_NOUN.test(d.tokens[p.first - 2]?.text ?? '') || /^the$/i.test(d.tokens[p.first - 1]?.text ?? '') && PLACE_OF_NOUN.test(d.tokens[p.first - 3]?.text ?? '')));
  const after = places.filter((p) => p.first > j && locative(p));
  // the first place after the trigger, unless a clause boundary intervenes
  for (const p of after) {
    const gap = d.text.slice(d.tokens[j].end, d.tokens[p.first].start);
    if (/[;:]|\b(while|where|when|which|who|but)\b/i.test(gap)) break;
    if (/,/.test(gap) && p.first - j > 8) break;
    return p.m.entity;
  }
  const before = places.filter((p) => p.first < i && locative(p));
  const fronted = before.find((p) => p.first <= sen.firstToken + 3 && /^(in|at|inside|near)$/.test(p.prep));
  if (fronted) return fronted.m.entity;
  // "near X in Y state": Y only locates X; the innermost place is the setting
  const container = (p: { first: number }) => {
    let k = p.first - 1;
    if (/^(the|a|an)$/i.test(d.tokens[k]?.text ?? '')) k--;
    return /^(in|,|of)$/i.test(d.tokens[k]?.text ?? '') && !!d.mentionAt[k - 1] && d.isPlaceMention(d.mentionAt[k - 1]);
  };
  const near = before.filter((p) => i - p.first <= 12 && !container(p));
  return near.length ? near[near.length - 1].m.entity : null;
}

/** The time expression of the sentence nearest the trigger. */
const PRECISION_RANK: Record<string, number> = { day: 3, month: 2, year: 1 };
function timeOf(d: DocIndex, i: number, sen: { start: number; end: number; index?: number }): string | null {
  const at = d.tokens[i].start;
  let best: string | null = null, dist = Infinity, rank = 0;
  for (const t of d.ctx.times) {
    if (t.start < sen.start || t.end > sen.end || !t.value) continue;
    const k = Math.min(Math.abs(t.start - at), Math.abs(t.end - at));
    const r = PRECISION_RANK[t.precision ?? ''] ?? (t.value.length >= 10 ? 3 : t.value.length >= 7 ? 2 : 1);
    if (r > rank || (r === rank && k < dist)) { dist = k; best = t.id; rank = r; }
  }
  // "this year" in a paragraph whose lead says "on Tuesday": the day dates the event
  if (best && rank === 1 && sen.index !== undefined) {
    const lead = paragraphLead(d, sen.index);
    if (lead !== sen.index) {
      const ls = d.sentences[lead];
      const day = d.ctx.times.find((t) => t.start >= ls.start && t.end <= ls.end && t.value && (t.precision === 'day' || (!t.precision && t.value.length >= 10)));
      if (day) return day.id;
    }
  }
  return best;
}

/** Index of the first sentence of the paragraph holding sentence k. */
function paragraphLead(d: DocIndex, k: number): number {
  while (k > 0 && !d.text.slice(d.sentences[k - 1].end, d.sentences[k].start).includes('\n')) k--;
  return k;
}

const SITE_NOUN = /^(base|bases|camp|camps|garrison|post|posts|outpost|barracks|checkpoint|airport|airbase|prison|market|mosque|church|school|hospital|village|town|city|district|province|region|area|border|road|highway)$/i;
/** Places a sentence names as the setting of something: "in X", "near X", "the village of X", "the X base". */
function sitesOf(d: DocIndex, k: number): string[] {
  const out: string[] = [];
  for (const x of d.places(d.sentences[k])) {
    const [, b] = d.tokenRange(x.m);
    if (PLACE_PREP.test(x.prep) || (x.prep === 'of' && PLACE_OF_NOUN.test(d.tokens[x.first - 2]?.text ?? ''))
      || SITE_NOUN.test(d.tokens[b + 1]?.text ?? '') && /^(the|a|an)$/i.test(d.tokens[x.first - 1]?.text ?? '')) out.push(x.m.entity);
  }
  return out;
}

const paraCache = new WeakMap<DocIndex, number[]>();
/** Paragraph number of sentence k (paragraphs are newline-separated blocks). */
function paragraphNo(d: DocIndex, k: number): number {
  let ps = paraCache.get(d);
  if (!ps) {
    ps = [];
    let n = 0;
    d.sentences.forEach((s, j) => { if (j > 0 && d.text.slice(d.sentences[j - 1].end, s.start).includes('\n')) n++; ps!.push(n); });
    paraCache.set(d, ps);
  }
  return ps[k] ?? 0;
}

/** Whether the story around a sentence can place an event in it (an earlier site, or a dateline). */
function contextPlaceLikely(d: DocIndex, sen: { index: number }): boolean {
  if (datelinePlace(d)) return true;
  const para = paragraphNo(d, sen.index);
  for (let k = sen.index - 1; k >= 0 && paragraphNo(d, k) >= para - 1; k--) if (sitesOf(d, k).length) return true;
  return false;
}

/**
 * Discourse continuity for physical events with no place in their sentence ("an attack on a base in X
 * ... The assailants killed 12 soldiers"): the place of the latest placed event of a physical kind, or
 * the latest site named, in the earlier sentences of the same or the previous paragraph; else the first
 * site the story gives an event; the wire dateline (where the reporter files) only when the story names
 * no site at all.
 */
function placeFromContext(d: DocIndex, drafts: Draft[]): void {
  const firstSite = drafts.find((e) => PHYSICAL.has(e.type) && e.explicitPlace && !e.negated && !e.hypothetical)?.explicitPlace ?? null;
  for (const e of drafts) {
    if (e.location || !PHYSICAL.has(e.type)) continue;
    let found: string | null = null;
    for (let k = e.sentence - 1; k >= 0 && paragraphNo(d, k) >= e.para - 1 && !found; k--) {
      const prior = drafts.filter((o) => o !== e && o.sentence === k && PHYSICAL.has(o.type) && o.location && !o.hypothetical);
      if (prior.length) { found = prior[prior.length - 1].location ?? null; break; }
      // the venue of talks or a deal is no battlefield
      const venues = new Set(drafts.filter((o) => o.sentence === k && !PHYSICAL.has(o.type) && o.explicitPlace).map((o) => o.explicitPlace));
      const sites = sitesOf(d, k).filter((x) => !venues.has(x));
      if (sites.length) found = sites[0];
    }
    e.location = found ?? firstSite ?? datelinePlace(d);
  }
}

const outletCache = new WeakMap<DocIndex, Set<string>>();
const OUTLET_WORD = /\b(news|agency|press|television|tv|radio|broadcasting|broadcaster|times|post|herald|tribune|journal|gazette|newspaper|daily|telegraph|guardian|observer|monitor|wire|media)\b/i;
/** News outlets of the article: its publisher, dateline agencies "(X) —", "X reported", "according to X", "X news agency". */
function outlets(d: DocIndex): Set<string> {
  const hit = outletCache.get(d);
  if (hit) return hit;
  const out = new Set<string>();
  const norm = (x: string) => x.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
  const pubs = new Set([d.ctx.doc.publisher, d.ctx.doc.original_publisher].flat().filter((x): x is string => typeof x === 'string').map(norm));
  for (const e of d.ctx.entities) {
    if (e.type !== 'ORG') continue;
    if ([e.name, ...e.aliases].some((n) => pubs.has(norm(n)))) { out.add(e.id); continue; }
    if (OUTLET_WORD.test(e.name) && !/\b(police|army|force|forces|ministry|council|party|front|movement)\b/i.test(e.name)) { out.add(e.id); continue; }
  }
  for (const m of d.mentions) {
    if ((d.entity(m)?.type ?? m.type) !== 'ORG') continue;
    const after = d.text.slice(m.end, m.end + 30), before = d.text.slice(Math.max(0, m.start - 20), m.start);
    if (/^['’]?s?\s*(news\s+agency|reported|reports|said\s+in\s+a\s+report|quoted|cited|correspondent|reporter|journalist)/i.test(after)
      || /\baccording\s+to\s+(?:the\s+)?$/i.test(before) && /^\s*(?:[,.]|news|reported|reports)/i.test(after)
      || (/\(\s*$/.test(before) && /^\s*\)\s*[—–-]/.test(after))) out.add(m.entity);
  }
  outletCache.set(d, out);
  return out;
}

/** Negation scoping the trigger: "will not fight", "have not communicated any plan to fight" (not "not only"). */
function isNegated(d: DocIndex, i: number, nominal: boolean): boolean {
  const [a] = d.clause(i);
  for (let k = i - 1; k >= Math.max(a, i - 7); k--) {
    const w = d.lower(k);
    // "not for a deal" does not deny the deal; "no deal", "without an agreement" do
    if (nominal && !/^(no|without)$/.test(w)) continue;
    if (NEG.test(w) && !/^only$/i.test(d.tokens[k + 1]?.text ?? '')) {
      // a noun between the negation and the trigger means the negation belongs to something else
      for (let m = k + 1; m < i; m++) {
        if ((isNoun(d, m) || d.tokens[m].pos === 'PRON') && !/^(plan|plans|intention|attempt|effort|sign|one)$/i.test(d.tokens[m].text)) return false;
      }
      return true;
    }
  }
  return false;
}

/** Planned, promised or conditional: modal or "if" in the clause, infinitive "to", "impending", "withdrawal date". */
function isHypothetical(d: DocIndex, i: number, j: number): boolean {
  const [a] = d.clause(i);
  const s = d.sentenceOfToken(i);
  if (/^to$/i.test(d.tokens[i - 1]?.text ?? '') || (/^to$/i.test(d.tokens[i - 2]?.text ?? '') && d.tokens[i - 1].pos === 'ADV')) return true;
  if (HYPO_AFTER.test(d.tokens[j + 1]?.text ?? '')) return true;
  for (let k = i - 1; k >= Math.max(s.firstToken, a - 1, i - 8); k--) {
    const w = d.tokens[k].text;
    if (MODAL.test(w) || HYPO_CUE.test(w)) return true;
  }
  // "If ..., the Taliban will ..." — a conditional opening the sentence
  return /^(if|unless)$/i.test(d.tokens[s.firstToken].text) || /^[“"]?(if|unless)\b/i.test(d.text.slice(s.start, s.start + 8));
}

// ---- merging repeated mentions ----

/** Event types that an article usually mentions as one occurrence (the withdrawal, the deal). */
const LOOSE = new Set<EventType>(['withdrawal', 'agreement', 'negotiation']);

function agents(e: Draft): Set<string> {
  return new Set(e.parts.filter((p) => p.entity && (p.role === 'agent' || p.role === 'ally') && !e.mediators?.has(p.entity)).map((p) => p.entity!));
}
function ents(e: Draft): Set<string> { return new Set(e.parts.filter((p) => p.entity).map((p) => p.entity!)); }
const overlap = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

const STATE_FORCE = /\b(troops|soldiers|army|military|police|policemen|forces|security|gendarmes|navy|air\s+force|government)\b/i;
const IRREGULAR_FORCE = /\b(gunmen|gunman|militants?|attackers?|assailants?|bandits?|jihadists?|insurgents?|rebels?|fighters?|terrorists?|extremists?|kidnappers?|militia(?:men)?)\b/i;
/** Two time values of one day, or one that contains the other ("2021-05" and "2021-05-04"). */
const compatibleTimes = (a?: string, b?: string) => !a || !b || a.startsWith(b) || b.startsWith(a);

function sameEvent(a: Draft, b: Draft): boolean {
  if (a.type !== b.type || a.negated !== b.negated) return false;
  const ag = agents(a), bg = agents(b);
  if (ag.size && bg.size && !overlap(ag, bg)) return false;
  // "gunmen killed 30" and "troops killed 12 bandits": state forces and irregulars are different perpetrators
  const sides = (e: Draft) => new Set(e.parts.filter((p) => p.role === 'agent' && p.description).map((p) => STATE_FORCE.test(p.description!) ? 'state' : IRREGULAR_FORCE.test(p.description!) ? 'irregular' : '')); 
  const sa = sides(a), sb = sides(b);
  if ((sa.has('state') && sb.has('irregular') && !sa.has('irregular')) || (sa.has('irregular') && sb.has('state') && !sa.has('state'))) return false;
  // two concluded deals of unrelated dates ("a ceasefire on Monday", "the declaration signed last May") are two agreements
  if (LOOSE.has(a.type)) return !(a.type === 'agreement' && a.concluded && b.concluded && a.tv && b.tv && !a.tv.startsWith(b.tv) && !b.tv.startsWith(a.tv));
  // different explicit places or days are different events; a missing one is no conflict
  if (a.explicitPlace && b.explicitPlace && a.explicitPlace !== b.explicitPlace) return false;
  if (a.location && b.location && a.location !== b.location) return false;
  if (a.time && b.time && a.time !== b.time && !(a.tv && b.tv && compatibleTimes(a.tv, b.tv))) return false;
  if (a.sentence === b.sentence) return true;
  // a story retells its event in the next lines: same type, same or adjacent paragraphs, nothing conflicting
  if (Math.abs(a.para - b.para) <= 1 && !a.hypothetical && !b.hypothetical) return true;
  // far apart, they must share a participant, an explicit place or a day
  return overlap(ents(a), ents(b)) || (!!a.location && a.location === b.location) || (!!a.time && a.time === b.time);
}

function merge(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const e of drafts) {
    const into = out.find((o) => sameEvent(o, e));
    if (!into) { out.push(e); continue; }
    for (const p of e.parts) {
      if (!into.parts.some((q) => (p.entity ? q.entity === p.entity : q.description === p.description))) into.parts.push(p);
    }
    // the richest attributes: an explicit place beats one taken from the context
    if (!into.explicitPlace && e.explicitPlace) { into.location = e.location; into.explicitPlace = e.explicitPlace; }
    into.location ??= e.location;
    if (!into.time || (e.tv && into.tv && e.tv.length > into.tv.length)) { into.time = e.time ?? into.time; into.tv = e.tv ?? into.tv; }
    into.source ??= e.source;
    for (const q of e.quantities) if (!into.quantities.includes(q)) into.quantities.push(q);
    // "militants attacked ... the Dark Banner claimed the attack": the unnamed attackers were that group
    if (into.parts.some((p) => p.role === 'agent' && p.entity))
      into.parts = into.parts.filter((p) => !(p.role === 'agent' && !p.entity && IRREGULAR_FORCE.test(p.description ?? '')));
    into.hypothetical = into.hypothetical && e.hypothetical;
    into.confidence = Math.min(1, Math.round((Math.max(into.confidence, e.confidence) + 0.05) * 100) / 100);
  }
  return out;
}

/**
 * The killing of an attack: a killing with no agent, told next to an attack whose attacker is named
 * ("militants attacked the base ... the assailants killed 12 soldiers ... X claimed the attack"), has that attacker.
 */
function attackersKill(drafts: Draft[]): Draft[] {
  for (const k of drafts) {
    if (k.type !== 'killing' || k.negated || k.hypothetical || k.parts.some((p) => p.role === 'agent' && (p.entity || STATE_FORCE.test(p.description ?? '')))) continue;
    const atk = drafts.find((a) => (a.type === 'armed_clash' || a.type === 'explosion' || a.type === 'airstrike') && !a.negated && !a.hypothetical
      && Math.abs(a.para - k.para) <= 1 && (!a.location || !k.location || a.location === k.location)
      && (!a.tv || !k.tv || compatibleTimes(a.tv, k.tv)) && a.parts.some((p) => p.role === 'agent' && p.entity));
    if (!atk) continue;
    const victims = new Set(k.parts.map((p) => p.entity).filter(Boolean));
    for (const p of atk.parts) if (p.role === 'agent' && p.entity && !victims.has(p.entity)) k.parts.push({ ...p });
    // "the assailants" were that group
    k.parts = k.parts.filter((p) => !(p.role === 'agent' && !p.entity));
  }
  return drafts;
}

/**
 * "12 soldiers were killed in the attack": a clash with no participant and no place or time of its own,
 * told in the paragraph of another violent event (or the next), is that event again, not one more.
 */
function dropEchoes(drafts: Draft[]): Draft[] {
  return drafts.filter((e) => !(e.type === 'armed_clash' && !e.explicitPlace && !e.time && !e.parts.some((p) => p.entity)
    && drafts.some((o) => o !== e && o.type !== 'armed_clash' && PHYSICAL.has(o.type) && o.type !== 'protest' && Math.abs(o.para - e.para) <= 1)));
}

function finish(drafts: Draft[]): EventRecord[] {
  return drafts.map((e, k) => ({
    id: `v${k + 1}`, type: e.type, trigger: e.trigger, evidence: e.evidence, time: e.time ?? null, location: e.location ?? null,
    participants: e.parts, quantities: e.quantities, source: e.source ?? null, negated: e.negated, hypothetical: e.hypothetical,
    confidence: e.confidence,
  }));
}
