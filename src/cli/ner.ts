// `dossier train-ner` and `dossier ner`: the named-entity tagger's training and evaluation interface.
import type { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError } from '../types.js';
import { conllDocs, parseConllLines, readConll, writeConll } from '../ner/conll.js';
import { loadGazetteer } from '../ner/gazetteer.js';
import { MODEL_ID } from '../ner/index.js';
import { LABELS } from '../ner/model.js';
import { DEFAULT_MODEL_PATH, getModel, tagDocIds } from '../ner/tagger.js';
import { trainModel } from '../ner/train.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_DATA_DIR = resolve(ROOT, '../shared/data/ner/conll2003');


function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  if (!existsSync(file)) throw new InputError(file, 'no such file');
  if (statSync(file).isDirectory()) throw new InputError(file, 'is a directory');
  return readFileSync(file, 'utf8');
}

/** Load a model for the CLI, turning load failures into one-line user errors. */
function modelFor(path: string) {
  try { return getModel(path); } catch (e) { throw new UsageError((e as Error).message); }
}

export function registerNer(program: Command): void {
  program
    .command('ner')
    .description('Tag tokens with CoNLL PER/ORG/LOC/MISC IOB2 tags')
    .requiredOption('--conll <file>', 'CoNLL column file (first column token; blank line between sentences), or - for stdin')
    .option('--model <file>', 'model file', DEFAULT_MODEL_PATH)
    .action((opts: { conll: string; model: string }) => {
      const lines = parseConllLines(readInput(opts.conll));
      const model = modelFor(opts.model);
      const gaz = loadGazetteer();
      const tags: string[] = [];
      for (const d of conllDocs(lines)) {
        for (const ids of tagDocIds(model, d.sentences.map((s) => s.tokens), gaz)) for (const y of ids) tags.push(LABELS[y]);
      }
      process.stdout.write(writeConll(lines, tags));
    });

  program
    .command('train-ner')
    .description('Train the NER model from CoNLL-2003 (deterministic) and write it')
    .option('--data <dir>', 'folder with train.txt (and valid.txt for --dev)', DEFAULT_DATA_DIR)
    .option('--out <file>', 'model file to write', DEFAULT_MODEL_PATH)
    .option('--epochs <n>', 'training passes', (v) => parseInt(v, 10), 12)
    .option('--stages <n>', '1: local features only; 2: add the document-consistency stage', (v) => parseInt(v, 10), 2)
    .option('--dev', 'report validation F1 during training (slower)')
    .action((opts: { data: string; out: string; epochs: number; stages: number; dev?: boolean }) => {
      const trainPath = join(opts.data, 'train.txt');
      if (!existsSync(trainPath)) throw new InputError(trainPath, 'no such file (pass --data DIR holding CoNLL-2003 train.txt)');
      if (!(opts.epochs > 0)) throw new UsageError(`--epochs must be a positive integer`);
      if (opts.stages !== 1 && opts.stages !== 2) throw new UsageError(`--stages must be 1 or 2`);
      const t0 = performance.now();
      const log = (m: string) => process.stderr.write(`train-ner: ${m}\n`);
      const docs = readConll(trainPath);
      const dev = opts.dev ? readConll(join(opts.data, 'valid.txt')) : undefined;
      log(`${docs.length} documents from ${trainPath}`);
      const model = trainModel(docs, loadGazetteer(), { id: MODEL_ID, epochs: opts.epochs, stages: opts.stages, dev, log });
      mkdirSync(dirname(resolve(opts.out)), { recursive: true });
      model.meta.trainedOn = 'CoNLL-2003 English train.txt';
      model.meta.epochs = opts.epochs;
      model.meta.stages = opts.stages;
      model.save(opts.out);
      log(`wrote ${opts.out} (${(statSync(opts.out).size / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    });
}
