// Pipeline worker: bytes in, validated analysis record and MinHash signature out. CPU-bound work
// only; the main thread owns the database.
import './v8flags.js';
import { parentPort } from 'node:worker_threads';
import { analyzeOne, type Task } from './analyze.js';

parentPort!.on('message', (t: Task) => {
  parentPort!.postMessage(analyzeOne(t));
});
