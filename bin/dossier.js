#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli to dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const entry = new URL('../dist/src/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('dossier: not built yet; run `npm install` (or `npm run build`) in the package folder\n');
  process.exit(1);
}
await import(entry.href);
