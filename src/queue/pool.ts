// A fixed pool of pipeline worker threads. A worker that dies fails only its current task and is replaced.
import { Worker } from 'node:worker_threads';
import type { Task, TaskResult } from './analyze.js';
import { sharedDefaultModel } from '../ner/tagger.js';
import { sharedGazetteerFiles } from '../gazetteer/index.js';
import type { SharedNerModel } from '../ner/model.js';

interface Job { task: Task; resolve: (r: TaskResult) => void; retried?: boolean }
// Jobs each worker holds at a time. It processes them in order, so while the main thread is busy
// (a group commit, a checkpoint) a worker that finishes one article starts on the next instead of
// idling until the main thread can send it one (measured before: ~3 ms idle per 20 ms article).
export const DEPTH = 2;
interface Slot { worker: Worker; jobs: Job[] }

// Heap limits per pipeline thread. Models and bounded caches live in ~70–90 MB; V8 grows a heap
// towards its limit when it is allowed to, so a limit keeps the process's resident memory flat over
// long runs. Too tight a limit costs CPU instead: near it V8 runs full collections back to back
// (10k-article ingest, 2 workers: 112 MB → 23.9 ms CPU per article, 448 MB peak; 128 → 20.1 ms,
// 485 MB; 144 → 19.2 ms, 505 MB). An article too big for it (the OOM kills only that worker) is
// retried once, alone, in a worker with a large heap. DOSSIER_WORKER_HEAP_MB overrides the limit.
export const WORKER_HEAP_MB = Number(process.env.DOSSIER_WORKER_HEAP_MB) || 128;
// The young generation (V8 splits it into two semi-spaces and a large-object space: ~5 MB each at 16).
// A smaller one promotes more short-lived objects and scavenges more often (one capped thread, semi-space
// 2 vs 8 MB: ~1.7 ms more CPU per article). 16 MB first outgrew the memory target on long runs (504 MB
// at 49k articles, 517 MB at 52k) and stayed at 8; since schema version 3 the whole process peaks
// lower, and a 100k-article ingest with 16 ran 100.3 articles/s at 19.0 ms CPU and 489 MB peak
// (8: 98.7/s, 19.4 ms, 476 MB).
const YOUNG_MB = 16;
const BIG_HEAP_MB = 3072;

export interface WorkerData { nerModel: SharedNerModel | null; gazetteerFiles: Record<string, Uint8Array> | null }

const spawnWorker = (heapMb: number, data: WorkerData) => new Worker(new URL('./worker.js', import.meta.url),
  { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: heapMb }, workerData: data });

/** The result of a task whose worker died (an error event, or an exit code). */
const died = (seq: number, err: Error | number): TaskResult =>
  ({ seq, ok: false, error: `pipeline worker died: ${typeof err === 'number' ? 'exit ' + err : err.message}` });

const isOutOfMemory = (err: Error | number) => typeof err !== 'number' && (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';

export class PipelinePool {
  private slots: Slot[] = [];
  private waiting: Job[] = [];
  private closed = false;
  private big = new Set<Worker>();
  private readonly data: WorkerData;

  /** size 0 runs the pipeline in this thread (debugging, tiny batches). */
  constructor(readonly size: number, private readonly heapMb = WORKER_HEAP_MB) {
    // The NER weights (~9 MB) and the place gazetteer (~6 MB) are loaded once, into shared memory,
    // for all workers, instead of once per worker.
    this.data = size > 1 ? { nerModel: sharedDefaultModel(), gazetteerFiles: sharedGazetteerFiles() } : { nerModel: null, gazetteerFiles: null };
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: spawnWorker(this.heapMb, this.data), jobs: [] };
    slot.worker.on('message', (r: TaskResult) => {
      slot.jobs.shift()?.resolve(r);
      this.fill(slot);
    });
    let dead = false;
    const die = (err: Error | number) => {
      if (this.closed || dead) return;
      dead = true;
      // The first job was running; the others had not started: they go back to the head of the queue.
      const [b, ...unstarted] = slot.jobs; slot.jobs = [];
      this.waiting.unshift(...unstarted);
      if (b && !b.retried && isOutOfMemory(err)) this.runBig({ ...b, retried: true });
      else b?.resolve(died(b.task.seq, err));
      const i = this.slots.indexOf(slot);
      if (i >= 0) { this.slots[i] = this.spawn(); this.fill(this.slots[i]); }
    };
    slot.worker.on('error', die);
    slot.worker.on('exit', (code) => { if (!this.closed) die(code); });
    return slot;
  }

  /** One task alone in a short-lived worker with a large heap (an input too big for the pool's workers). */
  private runBig(job: Job): void {
    const w = spawnWorker(BIG_HEAP_MB, this.data);
    this.big.add(w);
    let done = false;
    const finish = (r: TaskResult) => {
      if (done) return;
      done = true; this.big.delete(w);
      job.resolve(r);
      void w.terminate();
    };
    w.on('message', finish);
    w.on('error', (e) => finish(died(job.task.seq, e)));
    w.on('exit', (code) => finish(died(job.task.seq, code)));
    w.postMessage(job.task);
  }

  /** Send queued jobs to the worker until it holds DEPTH. */
  private fill(slot: Slot): void {
    while (slot.jobs.length < DEPTH) {
      const w = this.waiting.shift();
      if (!w) return;
      slot.jobs.push(w);
      slot.worker.postMessage(w.task); // copied, not transferred: Buffers may share a pooled ArrayBuffer
    }
  }

  run(task: Task): Promise<TaskResult> {
    // Loaded only when used: with workers, the main thread never holds the pipeline's models.
    if (this.size === 0) return import('./v8flags.js').then(() => import('./analyze.js')).then((m) => new Promise((res) => setImmediate(() => res(m.analyzeOne(task)))));
    return new Promise((resolve) => {
      this.waiting.push({ task, resolve });
      // the least loaded worker: an idle one first
      let best: Slot | undefined;
      for (const s of this.slots) if (s.jobs.length < DEPTH && (!best || s.jobs.length < best.jobs.length)) best = s;
      if (best) this.fill(best);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.slots.map((s) => s.worker.terminate()), ...[...this.big].map((w) => w.terminate())]);
  }
}
