import type { GitHubClient } from './client.js';

/** GitHub rejects a check-run request carrying more annotations than this (422). */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Limit of each of `output.title`/`summary`/`text` and of an annotation's `raw_details`. */
export const CHECK_OUTPUT_LIMIT = 65_535;
const ANNOTATION_TITLE_LIMIT = 255;

export type AnnotationLevel = 'notice' | 'warning' | 'failure';
export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
  raw_details?: string;
}

export interface CheckRunInput {
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  conclusion: CheckConclusion;
  title: string;
  /** Markdown. */
  summary: string;
  detailsUrl?: string;
  annotations: readonly CheckAnnotation[];
}

export interface PublishedCheckRun {
  id: number;
  htmlUrl: string;
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Creates the check run, completed, with the first 50 annotations, then appends the rest 50 at a time:
 * GitHub adds the annotations of every update to those already there.
 */
export async function publishCheckRun(client: GitHubClient, input: CheckRunInput): Promise<PublishedCheckRun> {
  const annotations = input.annotations.map((a) => ({
    ...a,
    title: clip(a.title, ANNOTATION_TITLE_LIMIT),
    message: clip(a.message, CHECK_OUTPUT_LIMIT),
    ...(a.raw_details === undefined ? {} : { raw_details: clip(a.raw_details, CHECK_OUTPUT_LIMIT) }),
  }));
  const [first = [], ...rest] = batches(annotations, ANNOTATIONS_PER_REQUEST);
  const output = { title: clip(input.title, CHECK_OUTPUT_LIMIT), summary: clip(input.summary, CHECK_OUTPUT_LIMIT) };
  const created = await client.rest.checks.create({
    owner: input.owner,
    repo: input.repo,
    name: input.name,
    head_sha: input.headSha,
    status: 'completed',
    conclusion: input.conclusion,
    ...(input.detailsUrl === undefined ? {} : { details_url: input.detailsUrl }),
    output: first.length > 0 ? { ...output, annotations: first } : output,
  });
  for (const batch of rest) {
    await client.rest.checks.update({ owner: input.owner, repo: input.repo, check_run_id: created.data.id, output: { ...output, annotations: batch } });
  }
  return { id: created.data.id, htmlUrl: created.data.html_url ?? '' };
}
