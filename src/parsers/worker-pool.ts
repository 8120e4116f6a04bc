// Parses YAML and JSON manifests on worker threads while the main thread parses Terraform, synchronously:
// scan() stays a plain function. Threads claim chunks of files from a shared counter, the main thread too,
// so a worker that is slow to start (or never starts) only means the main thread does more of the work.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { FileRef } from '../discover/discover.js';
import type { ManifestFileResult } from './manifest-file.js';
import { claimChunks, DONE_CHUNKS, ingestManifestFileSafely, NEXT_CHUNK, WORKER_MARKER, type ChunkResult, type WorkerJob } from './worker.js';

/** Below this many bytes of manifests, starting a worker costs more than it saves. */
export const MIN_PARALLEL_BYTES = 2 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;
const MAX_WORKERS = 7;
/** A worker that shows no progress for this long is presumed dead; the main thread redoes its chunks. */
const STALL_MS = 120_000;
const WAIT_SLICE_MS = 200;

export interface ManifestIngest {
  /** Parses whatever no worker has claimed, waits for the workers and returns one result per file, in file order. */
  finish(): ManifestFileResult[];
  /** Worker threads started, chunks of files, chunks claimed so far (by any thread), and chunks the workers parsed (known after finish()). */
  readonly stats: { workers: number; chunks: number; readonly claimed: number; parsedByWorkers: number };
}

export interface ParallelOptions {
  maxFileBytes: number | undefined;
  /** Threads to use, the main one included (default: the machine's available parallelism). 1 parses everything on the main thread. */
  threads?: number;
  /** Input size from which workers are started (default MIN_PARALLEL_BYTES). */
  minParallelBytes?: number;
}

function sizeOf(file: FileRef): number {
  try {
    return statSync(file.absolutePath).size;
  } catch {
    return 0;
  }
}

/** Chunks of about CHUNK_BYTES, largest files first, so that the last chunk claimed is a small one. */
function chunksOf(sizes: number[]): number[][] {
  const order = sizes.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const index of order) {
    if (current.length > 0 && bytes + sizes[index] > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += sizes[index];
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * From source (tsx, vitest) the worker loads worker.ts through tsx. From a bundle it loads the CLI bundle
 * built beside it (dist/cli.js, which holds worker.ts and runs nothing else when loaded): never the Action's
 * bundle, which would run the Action.
 */
function startWorker(job: WorkerJob): Worker {
  const options = { workerData: job, transferList: [job.port] };
  if (import.meta.url.endsWith('.ts')) {
    const tsxApi = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs');
    const entry = new URL('./worker.ts', import.meta.url).href;
    const code = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(new URL('./cli.js', import.meta.url), options);
}

function local(files: FileRef[], maxFileBytes: number | undefined): ManifestIngest {
  return { finish: () => files.map((file) => ingestManifestFileSafely(file, maxFileBytes)), stats: { workers: 0, chunks: 0, claimed: 0, parsedByWorkers: 0 } };
}

/** Starts parsing `files`; the caller does other work, then calls finish(). */
export function startManifestIngest(files: FileRef[], options: ParallelOptions): ManifestIngest {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  if (threads === 1 || files.length < 2) return local(files, options.maxFileBytes);
  const sizes = files.map(sizeOf);
  if (sizes.reduce((sum, size) => sum + size, 0) < (options.minParallelBytes ?? MIN_PARALLEL_BYTES)) return local(files, options.maxFileBytes);

  const chunks = chunksOf(sizes);
  const state = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const shared = { files, chunks, maxFileBytes: options.maxFileBytes, state };
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let i = 0; i < Math.min(threads - 1, MAX_WORKERS, chunks.length - 1); i++) {
    const channel = new MessageChannel();
    try {
      const worker = startWorker({ marker: WORKER_MARKER, ...shared, port: channel.port2 });
      // A worker that fails to start claims nothing; its chunks fall to the main thread.
      worker.on('error', () => undefined);
      worker.unref();
      workers.push(worker);
      ports.push(channel.port1);
    } catch {
      channel.port1.close();
    }
  }

  const counters = new Int32Array(state);
  const stats = {
    workers: workers.length,
    chunks: chunks.length,
    get claimed(): number {
      return Math.min(Atomics.load(counters, NEXT_CHUNK), chunks.length);
    },
    parsedByWorkers: 0,
  };
  return {
    stats,
    finish(): ManifestFileResult[] {
      const byChunk = new Map<number, ManifestFileResult[]>();
      const take = (message: ChunkResult): void => {
        if (!byChunk.has(message.chunk)) byChunk.set(message.chunk, message.results);
      };
      const drain = (): void => {
        for (const port of ports) {
          for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
            take(message.message as ChunkResult);
            stats.parsedByWorkers++;
          }
        }
      };
      claimChunks(shared, take);
      let seen = -1;
      let lastProgress = performance.now();
      while (Atomics.load(counters, DONE_CHUNKS) < chunks.length) {
        const now = Atomics.load(counters, DONE_CHUNKS);
        if (now !== seen) {
          seen = now;
          lastProgress = performance.now();
        } else if (performance.now() - lastProgress > STALL_MS) {
          break;
        }
        Atomics.wait(counters, DONE_CHUNKS, now, WAIT_SLICE_MS);
        drain();
      }
      drain();
      for (let chunk = 0; chunk < chunks.length; chunk++) {
        if (!byChunk.has(chunk)) byChunk.set(chunk, chunks[chunk].map((index) => ingestManifestFileSafely(files[index], options.maxFileBytes)));
      }
      for (const port of ports) port.close();
      for (const worker of workers) void worker.terminate();
      const results: ManifestFileResult[] = new Array(files.length);
      for (const [chunk, chunkResults] of byChunk) chunks[chunk].forEach((index, i) => (results[index] = chunkResults[i]));
      return results;
    },
  };
}
