// dossier: the command-line interface. Each command group lives in its own module.
import '../queue/v8flags.js'; // first: V8 flags must be set before the pipeline modules compile
import { Command, CommanderError } from 'commander';
import { InputError, UsageError } from '../types.js';
import { PIPELINE_VERSION } from '../version.js';
import { registerAnalyze } from './analyze.js';
import { registerNer } from './ner.js';
import { registerStore } from './store.js';

const program = new Command();
program
  .name('dossier')
  .description('Turn conflict reporting into a source-attributed, evidence-linked knowledge graph')
  .version(PIPELINE_VERSION)
  .showHelpAfterError()
  .exitOverride();

registerAnalyze(program);
registerNer(program);
registerStore(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // help and version exit 0; parse errors were already printed by commander
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof InputError || err instanceof UsageError) {
    process.stderr.write(`dossier: ${(err as Error).message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`dossier: internal error: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = 1;
  }
}
