// The worker-thread side of parallel manifest parsing. The module that starts a worker loads this file
// (from source, or inside the CLI bundle); it serves only when started with WORKER_MARKER in its workerData.
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';
import type { FileRef } from '../discover/discover.js';
import { diagnostic } from '../model/index.js';
import { ingestManifestFile, type ManifestFileResult } from './manifest-file.js';

export const WORKER_MARKER = 'evident-manifest-worker';
/** Slots of the shared Int32Array: the next chunk to claim, and how many chunks are finished. */
export const NEXT_CHUNK = 0;
export const DONE_CHUNKS = 1;

export interface WorkerJob {
  marker: typeof WORKER_MARKER;
  files: FileRef[];
  /** Indices into `files`; threads claim whole chunks, the largest first. */
  chunks: number[][];
  maxFileBytes: number | undefined;
  state: SharedArrayBuffer;
  port: MessagePort;
}

export interface ChunkResult {
  chunk: number;
  results: ManifestFileResult[];
}

/** Like ingestManifestFile, but a parser bug becomes an error entry for that file instead of ending the scan. */
export function ingestManifestFileSafely(file: FileRef, maxFileBytes: number | undefined): ManifestFileResult {
  try {
    return ingestManifestFile(file, maxFileBytes);
  } catch (error) {
    return { resources: [], diagnostics: [diagnostic('read-error', file.path, `internal error while parsing this file; it was not scanned: ${(error as Error).message}`)] };
  }
}

/** Claims chunks until none are left; every thread (the main one too) runs this same loop. */
export function claimChunks(job: Omit<WorkerJob, 'marker' | 'port'>, deliver: (result: ChunkResult) => void): void {
  const state = new Int32Array(job.state);
  for (;;) {
    const chunk = Atomics.add(state, NEXT_CHUNK, 1);
    if (chunk >= job.chunks.length) return;
    deliver({ chunk, results: job.chunks[chunk].map((index) => ingestManifestFileSafely(job.files[index], job.maxFileBytes)) });
    Atomics.add(state, DONE_CHUNKS, 1);
    Atomics.notify(state, DONE_CHUNKS);
  }
}

function isWorkerJob(data: unknown): data is WorkerJob {
  return typeof data === 'object' && data !== null && (data as { marker?: unknown }).marker === WORKER_MARKER;
}

if (!isMainThread && isWorkerJob(workerData)) {
  const job = workerData;
  // The result goes out before the chunk counts as done, so the main thread finds it once it sees the count.
  claimChunks(job, (result) => job.port.postMessage(result));
  job.port.close();
}
