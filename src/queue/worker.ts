// Pipeline worker: bytes in, validated analysis record and MinHash signature out. CPU-bound work
// only; the main thread owns the database.
import './v8flags.js';
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeOne, type Task } from './analyze.js';
import { useSharedModel } from '../ner/tagger.js';
import { useSharedGazetteerFiles } from '../gazetteer/index.js';
import type { WorkerData } from './pool.js';

const data = workerData as WorkerData | null;
if (data?.nerModel) useSharedModel(data.nerModel);
if (data?.gazetteerFiles) useSharedGazetteerFiles(data.gazetteerFiles);

parentPort!.on('message', (t: Task) => {
  parentPort!.postMessage(analyzeOne(t));
});
