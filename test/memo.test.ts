// The bounded memo and detach(): caches must not grow without bound nor keep article texts alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { detach, memoize } from '../src/memo.js';

test('memoize: computes once per key, remembers undefined, empties itself when full', () => {
  let calls = 0;
  const f = memoize((k: string) => { calls++; return k === 'none' ? undefined : k.length; }, 3);
  assert.equal(f('abc'), 3); assert.equal(f('abc'), 3); assert.equal(calls, 1);
  assert.equal(f('none'), undefined); assert.equal(f('none'), undefined); assert.equal(calls, 2);
  f('x'); f('y'); // the fourth distinct key empties the cache first
  f('abc');
  assert.equal(calls, 5, 'abc was computed again after the cache was emptied');
});

test('detach: same characters, and a cached slice no longer keeps the whole text alive', () => {
  const text = 'Kabul — '.repeat(1000);
  const slice = text.slice(8, 40);
  assert.equal(detach(slice), slice);
  assert.equal(detach('short'), 'short');
  assert.equal(detach(42 as unknown as string), 42);

  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Keep a 100-character piece of each of 20 texts of 1M characters; measure what stays reachable.
  const retained = (keep: (s: string) => string) => {
    gc(); const before = process.memoryUsage().heapUsed;
    const kept: string[] = [];
    for (let i = 0; i < 20; i++) kept.push(keep((String(i) + 'x'.repeat(1_000_000)).slice(10, 110)));
    gc(); const grown = process.memoryUsage().heapUsed - before;
    assert.equal(kept.length, 20);
    return grown;
  };
  const plain = retained((s) => s), detached = retained(detach);
  assert.ok(plain > 15e6, `plain slices keep their texts (${plain} bytes): the check can fail`);
  assert.ok(detached < 2e6, `detached slices keep ${detached} bytes`);
});
