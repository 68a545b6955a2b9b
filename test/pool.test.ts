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
