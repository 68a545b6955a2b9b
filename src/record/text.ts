// A readable summary of one analysis record, for `dossier analyze --format text`.
import type { AnalysisRecord, Entity } from '../types.js';

export function formatText(rec: AnalysisRecord): string {
  const d = rec.document;
  const byId = new Map(rec.entities.map((e) => [e.id, e]));
  const name = (id: string | null | undefined) => (id ? byId.get(id)?.name ?? id : '?');
  const sourceName = (id: string) => {
    const s = rec.sources.find((x) => x.id === id);
    if (!s) return id;
    return (s.entity ? name(s.entity) : s.description ?? id) + (s.anonymous ? ' [anonymous]' : '');
  };
  const lines: string[] = [];
  lines.push(d.title ?? '(untitled)');
  const pub = [d.publisher, d.published].filter(Boolean).join(', ');
  if (pub) lines.push(pub);
  if (d.republication) lines.push(`Republished copy of ${d.original_publisher ?? 'another outlet'}`);
  if (d.byline.length) lines.push(`By ${d.byline.join(', ')}`);
  if (d.credits.length) lines.push(`Credits: ${d.credits.join('; ')}`);
  if (d.quality.flags.length) lines.push(`Quality ${d.quality.score.toFixed(2)}: ${[...new Set(d.quality.flags.map((f) => f.kind))].join(', ')}`);
  lines.push('');
  const group = (label: string, types: string[]) => {
    const es = rec.entities.filter((e) => types.includes(e.type)).sort((a, b) => (b.salience ?? 0) - (a.salience ?? 0));
    if (!es.length) return;
    lines.push(`${label}:`);
    for (const e of es) lines.push(`  ${entityLine(e)}`);
  };
  group('People', ['PERSON']);
  group('Organisations', ['ORG']);
  group('Places', ['GPE', 'LOC']);
  group('Groups', ['NORP']);
  group('Named events', ['EVENT']);

  if (rec.quotes.length) {
    const srcs = new Map(rec.sources.map((s) => [s.id, s]));
    const named = rec.sources.filter((s) => !s.anonymous).length;
    const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
    let anonWords = 0, allWords = 0;
    for (const q of rec.quotes) {
      if (!q.direct) continue;
      const w = words(q.text); allWords += w;
      if (srcs.get(q.source ?? '')?.anonymous) anonWords += w;
    }
    lines.push('');
    lines.push(`Sourcing: ${rec.sources.length} sources, ${named} named, ${rec.sources.length - named} anonymous; ` +
      `${allWords ? Math.round((100 * anonWords) / allWords) : 0}% of quoted words from anonymous sources`);
    lines.push('Who said what:');
    for (const s of rec.sources) {
      const who = s.entity ? name(s.entity) : s.description ?? '(unknown)';
      const tag = s.anonymous ? '[anonymous]' : '[named]';
      const extra = [s.role, s.affiliation ? name(s.affiliation) : null].filter(Boolean).join(', ');
      lines.push(`  ${tag} ${who}${extra ? ` (${extra})` : ''}`);
      for (const qid of s.quotes) {
        const q = rec.quotes.find((x) => x.id === qid);
        if (!q) continue;
        const shown = q.direct ? `“${clip(q.text, 160)}”` : q.partial ? `(partial) “${clip(q.text, 160)}”` : `(reported) ${clip(q.text, 160)}`;
        lines.push(`    ${shown}${q.cue ? ` [${q.cue}${q.recipient ? ` → ${name(q.recipient)}` : ''}]` : ''}`);
      }
    }
  }
  if (rec.events.length) {
    lines.push('', 'Events:');
    for (const ev of rec.events) {
      const when = typeof ev.time === 'string' ? rec.times.find((t) => t.id === ev.time)?.value : ev.time?.value;
      const who = ev.participants.map((p) => `${p.role}=${p.entity ? name(p.entity) + (p.description && p.description !== name(p.entity) ? ` (“${p.description}”)` : '') : p.description}`).join(', ');
      const flags = [ev.negated ? 'negated' : '', ev.hypothetical ? 'hypothetical' : ''].filter(Boolean).join(', ');
      lines.push(`  ${ev.type}${when ? ` · ${when}` : ''}${ev.location ? ` · ${name(ev.location)}` : ''}${who ? ` · ${who}` : ''}${flags ? ` (${flags})` : ''}${ev.source ? ` — per ${sourceName(ev.source)}` : ''}`);
      lines.push(`    “${clip(d.text.slice(ev.evidence.start, ev.evidence.end), 160)}”`);
    }
  }
  if (rec.relations.length) {
    lines.push('', 'Relations:');
    for (const r of rec.relations) {
      const per = r.sources.length ? `; per ${r.sources.map(sourceName).join(', ')}` : '';
      lines.push(`  ${name(r.subject)} —${r.type}→ ${name(r.object)}  (${r.evidence.length} evidence${per})`);
      for (const ev of r.evidence.slice(0, 3)) lines.push(`    “${clip(d.text.slice(ev.start, ev.end), 160)}”`);
    }
  }
  if (rec.claims.length) {
    lines.push('', 'Claims:');
    for (const c of rec.claims) lines.push(`  ${clip(c.text, 160)}`);
  }
  if (rec.times.length) lines.push('', `Times: ${rec.times.map((t) => `${t.text}=${t.value ?? '?'}`).join('; ')}`);
  if (rec.quantities.length) lines.push(`Quantities: ${rec.quantities.map((q) => `${q.text}${q.unit ? ` ${q.unit}` : ''}`).join('; ')}`);
  return lines.join('\n') + '\n';
}

function entityLine(e: Entity): string {
  const bits = [e.subtype, e.geo ? `${e.geo.feature}, ${e.geo.country}` : null].filter(Boolean).join(', ');
  const aka = e.aliases.filter((a) => a !== e.name);
  return `${e.name}${bits ? ` [${bits}]` : ''} ×${e.mentions.length}${aka.length ? `  aka ${aka.join(', ')}` : ''}`;
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}
