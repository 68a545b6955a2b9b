// `dossier train-ner` and `dossier ner`: the named-entity tagger's training and evaluation interface.
import type { Command } from 'commander';

export function registerNer(_program: Command): void {
  // registered by the NER tagger work (issue 3)
}
