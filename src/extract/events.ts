// events: typed occurrences with participants, place, time and evidence.
import type { EventRecord, ExtractionContext } from '../types.js';
import type { Attribution } from './quotes.js';

export function extractEvents(_ctx: ExtractionContext, _attr: Attribution): EventRecord[] {
  return [];
}
