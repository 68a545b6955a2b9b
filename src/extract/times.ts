// times: date expressions normalised against the publication date.
import type { NlpDocument, TimeExpr } from '../types.js';

export function extractTimes(_nlp: NlpDocument, _published: string | null): TimeExpr[] {
  return [];
}
