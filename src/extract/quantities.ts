// quantities: numerals, number words and ranges with their units.
import type { NlpDocument, Quantity } from '../types.js';

export function extractQuantities(_nlp: NlpDocument): Quantity[] {
  return [];
}
