// Files, folders (recursive) and globs, streamed in a stable order without listing the whole tree first.
import { opendir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const ARTICLE_EXT = /\.(txt|html?|xhtml)$/i;
export const WARC_EXT = /\.warc(\.gz)?$/i;
export const FEED_EXT = /\.(rss|atom|xml)$/i;
const hasGlob = (s: string) => /[*?[]/.test(s);

/** Glob → RegExp over '/'-separated relative paths: `**` any depth, `*` and `?` within one segment, [..] sets. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') { i++; if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*'; }
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') { const j = glob.indexOf(']', i + 1); if (j < 0) re += '\\['; else { re += '[' + glob.slice(i + 1, j).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'; i = j; } }
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** Walk a folder depth-first, names sorted per folder, yielding files accepted by `keep`. */
async function* walk(dir: string, keep: (path: string) => boolean): AsyncGenerator<string> {
  const names: { name: string; dir: boolean }[] = [];
  for await (const d of await opendir(dir)) if (!d.name.startsWith('.')) names.push({ name: d.name, dir: d.isDirectory() });
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    const p = join(dir, n.name);
    if (n.dir) yield* walk(p, keep);
    else if (keep(p)) yield p;
  }
}

export type PathItem = { path: string } | { input: string; error: string };

/** Expand one path argument: a file, a folder (recursive; articles, WARCs, feeds) or a glob. */
export async function* expandPath(spec: string): AsyncGenerator<PathItem> {
  if (!hasGlob(spec)) {
    let st;
    try { st = await stat(spec); } catch { yield { input: spec, error: 'no such file or directory' }; return; }
    if (!st.isDirectory()) { yield { path: spec }; return; }
    try {
      for await (const p of walk(spec, (f) => ARTICLE_EXT.test(f) || WARC_EXT.test(f))) yield { path: p };
    } catch (e) { yield { input: spec, error: `cannot read folder: ${(e as Error).message}` }; }
    return;
  }
  // Walk from the longest glob-free folder prefix and match the rest.
  const parts = spec.split(/[\\/]/);
  const fixed: string[] = [];
  while (parts.length > 1 && !hasGlob(parts[0])) fixed.push(parts.shift()!);
  const base = fixed.length ? (fixed.join('/') || '/') : '.';
  const re = globToRegExp(parts.join('/'));
  let n = 0;
  try {
    for await (const p of walk(base, (f) => re.test(relative(base, f).split(sep).join('/')))) { n++; yield { path: p }; }
  } catch (e) { yield { input: spec, error: `cannot read folder: ${(e as Error).message}` }; return; }
  if (n === 0) yield { input: spec, error: 'glob matched no files' };
}
