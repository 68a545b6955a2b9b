// The package version, which is also the pipeline version written into every record. Its own module
// so that the CLI can print it without importing the pipeline (whose models `ingest` and `query`
// keep out of the main thread).
import { createRequire } from 'node:module';

export const PIPELINE_VERSION: string = createRequire(import.meta.url)('../../package.json').version;
