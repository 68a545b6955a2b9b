// claims: checkable assertions (numbers, allegations) with their asserting source.
import type { Claim, ExtractionContext } from '../types.js';
import type { Attribution } from './quotes.js';

export function extractClaims(_ctx: ExtractionContext, _attr: Attribution): Claim[] {
  return [];
}
