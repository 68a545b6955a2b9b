// Claims on hand-built contexts: numbers said by sources, reported assertions and denials, hedged allegations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuotes } from '../src/extract/quotes.js';
import { extractClaims } from '../src/extract/claims.js';
import { ctxOf } from './attribution-context.js';
import type { ExtractionContext } from '../src/types.js';

function run(ctx: ExtractionContext) {
  const attr = extractQuotes(ctx);
  const claims = extractClaims(ctx, attr);
  for (const c of claims) assert.equal(c.text, ctx.nlp.text.slice(c.evidence.start, c.evidence.end));
  const find = (s: string) => {
    const c = claims.find((x) => x.text.includes(s));
    assert.ok(c, `a claim containing ${JSON.stringify(s)} in ${JSON.stringify(claims.map((x) => x.text))}`);
    return c;
  };
  const sourceOf = (id: string | null) => attr.sources.find((s) => s.id === id);
  return { claims, attr, find, sourceOf };
}

test('a number in a quote is a claim of the quoted source, linked to the quantity', () => {
  const ctx = ctxOf('“Based on our evidence, we estimate that 6,000 to 10,000 fighters have joined the Rebel Front,” an official from the Security Directorate told reporters.',
    [[['Rebel Front'], 'ORG'], [['Security Directorate'], 'ORG']], ['6,000 to 10,000 fighters']);
  const r = run(ctx);
  const c = r.find('6,000 to 10,000 fighters');
  assert.deepEqual(c.quantities, ['n1']);
  assert.equal(c.subject, 'e1');
  assert.equal(c.stance, 'asserts');
  assert.equal(r.sourceOf(c.source)?.role, 'official');
});

test('reported assertions and denials carry their source and stance', () => {
  const ctx = ctxOf('Several officials have confirmed that the Rebel Front still has close ties with the Northern Army.\n\n'
    + 'The Rebel Front denied that it had attacked the convoy.',
  [[['Rebel Front'], 'ORG'], [['Northern Army'], 'ORG']]);
  const r = run(ctx);
  const a = r.find('still has close ties');
  assert.equal(a.stance, 'asserts');
  assert.equal(a.subject, 'e1');
  assert.equal(r.sourceOf(a.source)?.role, 'official');
  const d = r.find('it had attacked the convoy');
  assert.equal(d.stance, 'denies');
  assert.equal(r.sourceOf(d.source)?.entity, 'e1');
});

test('hedged allegations: reportedly (unattributed), "is said to" (attributed by a final claim), "claims that"', () => {
  const ctx = ctxOf('Meanwhile, the Rebel Front has reportedly carried out a recruitment drive in the north.\n\n'
    + 'In Kunar, the group is said to have recruited fighters from the ranks of the army, local officials have claimed.\n\n'
    + 'The unit captured operatives, confirming claims that the Northern Army was harboring foreign fighters.',
  [[['Rebel Front'], 'ORG'], [['Kunar'], 'GPE'], [['Northern Army'], 'ORG']]);
  const r = run(ctx);
  const a = r.find('reportedly carried out');
  assert.deepEqual([a.source, a.stance, a.subject], [null, 'alleges', 'e1']);
  const b = r.find('is said to have recruited');
  assert.equal(r.sourceOf(b.source)?.role, 'official');
  assert.ok(!b.text.includes('local officials'), 'the attribution is not part of the claim');
  const c = r.find('was harboring foreign fighters');
  assert.equal(c.text, 'the Northern Army was harboring foreign fighters.');
  assert.equal(c.subject, 'e3');
});

test('plain narration without numbers or hedges makes no claims', () => {
  const r = run(ctxOf('The talks resumed on Monday in the capital. Delegates arrived by car.'));
  assert.equal(r.claims.length, 0);
});
