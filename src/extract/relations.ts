// relations: typed ties between actors, with every evidence span and asserting source.
import type { ExtractionContext, Relation } from '../types.js';
import type { Attribution } from './quotes.js';

export function extractRelations(_ctx: ExtractionContext, _attr: Attribution): Relation[] {
  return [];
}
