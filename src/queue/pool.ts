// A fixed pool of pipeline worker threads. A worker that dies fails only its current task and is replaced.
import { Worker } from 'node:worker_threads';
import type { Task, TaskResult } from './analyze.js';

interface Slot { worker: Worker; busy: { task: Task; resolve: (r: TaskResult) => void } | null }

export class PipelinePool {
  private slots: Slot[] = [];
  private waiting: { task: Task; resolve: (r: TaskResult) => void }[] = [];
  private closed = false;

  /** size 0 runs the pipeline in this thread (debugging, tiny batches). */
  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(new URL('./worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 } } /* bounded heaps: flat RSS per worker (live heap ~70 MB; headroom for big inputs) */), busy: null };
    slot.worker.on('message', (r: TaskResult) => {
      const b = slot.busy; slot.busy = null;
      b?.resolve(r);
      this.next(slot);
    });
    const die = (err: Error | number) => {
      if (this.closed) return;
      const b = slot.busy; slot.busy = null;
      b?.resolve({ seq: b.task.seq, ok: false, error: `pipeline worker died: ${typeof err === 'number' ? 'exit ' + err : err.message}` });
      const i = this.slots.indexOf(slot);
      if (i >= 0) { this.slots[i] = this.spawn(); this.next(this.slots[i]); }
    };
    slot.worker.on('error', die);
    slot.worker.on('exit', (code) => { if (!this.closed) die(code); });
    return slot;
  }

  private next(slot: Slot): void {
    const w = this.waiting.shift();
    if (!w) return;
    slot.busy = w;
    slot.worker.postMessage(w.task); // copied, not transferred: Buffers may share a pooled ArrayBuffer
  }

  run(task: Task): Promise<TaskResult> {
    // Loaded only when used: with workers, the main thread never holds the pipeline's models.
    if (this.size === 0) return import('./v8flags.js').then(() => import('./analyze.js')).then((m) => new Promise((res) => setImmediate(() => res(m.analyzeOne(task)))));
    return new Promise((resolve) => {
      this.waiting.push({ task, resolve });
      const free = this.slots.find((s) => !s.busy);
      if (free) this.next(free);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
