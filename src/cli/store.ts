// `dossier ingest` and `dossier query`: the corpus store.
import type { Command } from 'commander';

export function registerStore(_program: Command): void {
  // registered by the corpus-store work (issue 6)
}
