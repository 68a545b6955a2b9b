// `dossier analyze`: one article in, one analysis record out.
import type { Command } from 'commander';
import { readInput } from '../ingest/index.js';
import { InputError } from '../types.js';

/** Parse a YYYY-MM-DD calendar date strictly (rejects 2021-02-30). */
export function parseDateOption(value: string, flag = '--published'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new InputError(flag, `invalid date ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
  }
  return value;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('analyse one article (text or HTML file, or - for stdin) and print its analysis record')
    .argument('<file>', 'article file, or - to read stdin')
    .option('--published <date>', 'publication date YYYY-MM-DD (anchors relative dates)')
    .option('--uri <uri>', 'where the article came from (default: the file path)')
    .option('--format <format>', 'json (the record) or text (a readable summary)', 'json')
    .action(async (file: string, opts: { published?: string; uri?: string; format: string }) => {
      if (!['json', 'text'].includes(opts.format)) throw new InputError('--format', `unknown format ${JSON.stringify(opts.format)} (json or text)`);
      const published = opts.published !== undefined ? parseDateOption(opts.published) : null;
      const raw = readInput(file);
      // Loaded on use: the pipeline's models stay out of commands that do not analyse in this thread.
      const { analyzeDocument, validateRecord } = await import('../record/index.js');
      const { formatText } = await import('../record/text.js');
      const rec = analyzeDocument(raw, { published, uri: opts.uri ?? raw.uri });
      const errors = validateRecord(rec);
      if (errors.length) throw new Error(`record for ${file} failed validation: ${errors.slice(0, 5).join('; ')}`);
      process.stdout.write(opts.format === 'text' ? formatText(rec) : JSON.stringify(rec, null, 2) + '\n');
    });
}
