// V8 tuning for the pipeline, process-wide (worker threads share the process's flags). Imported
// before the pipeline modules are evaluated.
//
// TurboFan does not optimise functions whose bytecode exceeds this size. A few pipeline functions are
// very large (resolveEntities: 16-24 KB of bytecode) and polymorphic: each optimised version
// deoptimised on the next unusual record, and every recompilation cost ~1 s of background CPU and
// tens of MB of compiler memory — ~10 recompilations per worker in the first 1000 articles, i.e.
// ~30% of the CPU on 2 cores and the RSS peak. Left to the baseline tier they cost no more wall time
// per article (one thread, 1000 generated articles: 31 → 22 ms CPU per article, peak RSS 614 → 307 MB;
// 8000 and 16000 measured the same CPU, 8000 the lower RSS).
import v8 from 'node:v8';

v8.setFlagsFromString('--max-optimized-bytecode-size=8000');
// Tier up to TurboFan later (3× V8's default interrupt budget): fewer functions are optimised while
// their type feedback is still changing, so fewer deoptimise-and-recompile cycles during warm-up.
// 2-worker ingest, CPU seconds: 3,000 articles 74–76 vs 87–95 s; 10,000 articles 206–207 vs 211 s.
v8.setFlagsFromString('--interrupt-budget=200000');
// Pipeline worker threads compile optimised code on their own thread instead of handing it to V8's
// background threads. On 2 cores those threads only competed with the workers for CPU, and the
// compiler's scratch memory, malloc'd in every background thread's own allocator arena, stayed
// resident after use. Read when an isolate is created, so it applies to the workers (created after
// this import), not to the thread that imports it. 10k-article ingest, 2 workers: peak RSS 465 → 448 MB
// at the same CPU per article (20.7 / 20.3 ms).
v8.setFlagsFromString('--no-concurrent-recompilation');
// Scavenges (young-generation GCs, about one per article in a worker) run on the collecting thread
// alone instead of with V8's helper threads: on 2 cores the helpers only compete with the other
// pipeline threads, and their per-thread buffers stay resident. 4k-article ingest, 6 alternating
// pairs: peak RSS 435 → 425 MB on average (lower in every pair), 101.2 → 102.9 articles/s.
v8.setFlagsFromString('--no-parallel-scavenge');
// Regular expressions compile straight to native code instead of starting in V8's regexp interpreter
// (tier-up after 1 execution by default). V8 discards compiled regexp code at major GCs, which the
// workers' capped heaps run often, so the pipeline's regexps went back through bytecode compilation
// and an interpreted run again and again (≈1,850 bytecode compilations per 900 articles in one capped
// thread, 5 with this). The ticks count, not `--no-regexp-tier-up`: that bool, flipped at run time,
// crashed V8 in 1 run of 12 (our guess: regexps already compiled for the interpreter under the old
// setting); with the count at 0 the tier-up path stays on and each new compilation is marked for
// native code (25 ingests and 20 `analyze` runs: no crash). One thread capped like a worker, 600
// articles: 11.6 → 11.0 ms per article (clean 1.2 → 0.9).
v8.setFlagsFromString('--regexp-tier-up-ticks=0');
