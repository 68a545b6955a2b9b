// The pipeline worker pool: results, a task too big for a worker's heap retried in a large-heap worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PipelinePool } from '../src/queue/pool.js';

const article = Buffer.from('KABUL, Afghanistan — Taliban fighters captured the district of Nahr-e-Seraj in Helmand province on Monday, ' +
  'a provincial official said. "We lost the district," said Omar Zwak, a spokesman for the governor.\n');

test('pool: analyses tasks in worker threads and returns JSON records', async () => {
  const pool = new PipelinePool(1);
  try {
    const r = await pool.run({ seq: 7, uri: 'a.txt', bytes: article, published: '2021-05-10' });
    assert.equal(r.seq, 7);
    assert.ok(r.ok, !r.ok ? r.error : '');
    if (r.ok) assert.ok(JSON.parse(r.json).entities.some((e: { name: string }) => e.name === 'Omar Zwak'));
  } finally { await pool.close(); }
});

test('pool: a task that exhausts a worker heap is retried once in a large-heap worker', async () => {
  // 24 MB cannot even hold the models: the first worker dies of OOM and the task must still succeed.
  const pool = new PipelinePool(1, 24);
  try {
    const r = await pool.run({ seq: 1, uri: 'a.txt', bytes: article, published: '2021-05-10' });
    assert.ok(r.ok, !r.ok ? r.error : '');
  } finally { await pool.close(); }
});

test('pool: jobs queued behind a task whose worker dies are not lost: each completes, with its own seq', { timeout: 60_000 }, async () => {
  // Each worker holds two jobs at a time; a 24 MB heap kills every worker, so every job goes through
  // the re-queue (not started) and large-heap retry (running) paths.
  const pool = new PipelinePool(1, 24);
  try {
    const got = await Promise.all([3, 4, 5].map((seq) => pool.run({ seq, uri: `q${seq}.txt`, bytes: article, published: '2021-05-10' })));
    assert.deepEqual(got.map((r) => r.seq), [3, 4, 5]);
    for (const r of got) assert.ok(r.ok, !r.ok ? r.error : '');
  } finally { await pool.close(); }
});

test('pool: workers share one NER model in shared memory and produce the same records as this thread', async () => {
  const { sharedDefaultModel } = await import('../src/ner/tagger.js');
  const shared = sharedDefaultModel();
  assert.ok(shared.joint.weights.buffer instanceof SharedArrayBuffer && shared.joint.slots.buffer instanceof SharedArrayBuffer);
  const { analyzeOne } = await import('../src/queue/analyze.js');
  const second = Buffer.from('Officials in Kabul said on Tuesday that al-Qaeda fighters trained with the Haqqani network near Khost, ' +
    'according to a United Nations report seen by Reuters.\n');
  const tasks = [article, second].map((bytes, seq) => ({ seq, uri: `t${seq}.txt`, bytes, published: '2021-05-10' }));
  const strip = (json: string) => { const r = JSON.parse(json); delete r.pipeline.took_ms; return r; };
  const pool = new PipelinePool(2);
  try {
    const got = await Promise.all(tasks.map((t) => pool.run(t)));
    for (const [i, r] of got.entries()) {
      const local = analyzeOne(tasks[i]);
      assert.ok(r.ok && local.ok);
      if (r.ok && local.ok) assert.deepEqual(strip(r.json), strip(local.json));
    }
  } finally { await pool.close(); }
});
