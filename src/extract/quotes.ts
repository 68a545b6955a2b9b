// quotes and sources: who said what, direct and reported, and how well sourced.
import type { ExtractionContext, Quote, Source } from '../types.js';

export interface Attribution { sources: Source[]; quotes: Quote[] }

export function extractQuotes(_ctx: ExtractionContext): Attribution {
  return { sources: [], quotes: [] };
}
