// Republication: is this copy scraped or syndicated from another outlet, and which one?
import type { RemovedSegment } from '../types.js';

export interface Republication { republication: boolean; original_publisher: string | null }

// An outlet name: up to five capitalised words ("The Daily Beast", "Foreign Policy", "BBC News").
const NAME = String.raw`((?:[Tt]he\s+)?[\p{Lu}][\p{L}\p{N}&.'’-]*(?:\s+(?:of|on|for|and|&|[\p{Lu}][\p{L}\p{N}&.'’-]*)){0,5})`;
// No /i flag here: with /iu, \p{Lu} would match lowercase letters too and NAME would run on.
const PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:[Oo]riginally|[Ff]irst)\s+(?:appeared|published|ran|posted)\s+(?:in|on|at|by)\s+${NAME}`, 'u'),
  new RegExp(String.raw`\b[Rr]epublished\s+(?:here\s+)?(?:with\s+(?:the\s+)?permission\s+)?(?:from|of|by)\s+${NAME}`, 'u'),
  new RegExp(String.raw`^\s*(?:[Ll]earn|LEARN)\s+(?:more|MORE)\s+(?:about|ABOUT)\s+${NAME}`, 'u'),
  new RegExp(String.raw`^\s*(?:[Ss]ource|SOURCE)\s*:\s*${NAME}\s*\.?\s*$`, 'u'),
  new RegExp(String.raw`^\s*${NAME}\s+[Mm]embership\s*:`, 'u'),
  new RegExp(String.raw`\b[Rr]ead\s+(?:the\s+)?(?:original|full)\s+(?:article|story)\s+(?:at|on)\s+${NAME}`, 'u'),
  new RegExp(String.raw`\b(?:[Tt]his|[Tt]he)\s+(?:article|story|piece)\s+(?:is|was)\s+(?:republished|reproduced|syndicated)\s+from\s+${NAME}`, 'u'),
];

/** Wire-service datelines: "KABUL (Reuters) -", "WASHINGTON (AP) —". */
const WIRES: [RegExp, string][] = [
  [/\(Reuters\)/, 'Reuters'], [/\((AP|Associated Press)\)/, 'Associated Press'], [/\(AFP\)/, 'AFP'],
  [/\(Bloomberg\)/, 'Bloomberg'], [/\(UPI\)/, 'UPI'], [/\(dpa\)/, 'dpa'], [/\(Xinhua\)/, 'Xinhua'],
  [/\(ANI\)/, 'ANI'], [/\(IANS\)/, 'IANS'], [/\(PTI\)/, 'PTI'], [/\(CNN\)/, 'CNN'],
];
const WIRE_DATELINE = /^[\p{Lu}][\p{L} .,'’-]{0,60}\(([\p{L} ]{2,25})\)\s*[-–—]/u;

const NAME_STOP = /\s+(?:and|of|on|for|&)$/;
const tidy = (s: string) => s.replace(/[.,;:!?'’]+$/, '').replace(NAME_STOP, '').trim();
export const normOutlet = (s: string | null) => (s ?? '').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');

/** Most-cited outlet in "told The Daily Beast" / "spoke to Reuters": usually the outlet that did the reporting. */
function toldOutlet(body: string): string | null {
  const counts = new Map<string, { name: string; n: number }>();
  const re = /\b(?:told|spoke\s+to|spoke\s+with|said\s+to|in\s+an\s+interview\s+with)\s+((?:[Tt]he\s+)?[\p{Lu}][\p{L}&'’-]*(?:\s+[\p{Lu}][\p{L}&'’-]*){0,3})/gu;
  for (const m of body.matchAll(re)) {
    const name = tidy(m[1]);
    if (!/^(the\s+)?\p{Lu}/u.test(name) || name.split(/\s+/).length > 4) continue;
    const k = normOutlet(name);
    const c = counts.get(k) ?? { name: name.replace(/^the\s+/, 'The '), n: 0 };
    c.n++; counts.set(k, c);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best && best.n >= 2 ? best.name : null;
}

/**
 * Looks at the removed chrome (footers like "Source link", "Learn more about X") and the body
 * (wire datelines, "This article originally appeared in X"). A copy whose original outlet is
 * its own publisher is not a republication.
 */
export function detectRepublication(body: string[], removed: RemovedSegment[], publisher: string | null): Republication {
  let original: string | null = null;
  let scraped = false;
  const lines = [...removed.map((r) => r.text), ...body.slice(0, 2), ...body.slice(-3)];
  for (const line of lines) {
    if (/^\s*source\s+link\s*$/i.test(line)) scraped = true;
    for (const re of PATTERNS) {
      const m = re.exec(line);
      if (m && !original) { original = tidy(m[1]); scraped = true; }
    }
  }
  if (!original && body.length) {
    const m = WIRE_DATELINE.exec(body[0]);
    const wire = m ? WIRES.find(([re]) => re.test(`(${m[1]})`)) : undefined;
    if (wire) { original = wire[1]; scraped = true; }
  }
  if (scraped && !original) original = toldOutlet(body.join('\n'));
  if (original && publisher && normOutlet(original) === normOutlet(publisher)) return { republication: false, original_publisher: null };
  return { republication: scraped, original_publisher: scraped ? original : null };
}
