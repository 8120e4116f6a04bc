import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { markAgainstRef } from '../baseline/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from '../cli/io.js';
import { clock } from '../cli/options.js';
import { builtinBundle } from '../engine/bundle.js';
import { evidenceFor, PackDirectoryError, writeEvidencePack } from '../evidence/index.js';
import { GitError } from '../git/git.js';
import { CHECK_OUTPUT_LIMIT, publishCheckRun, type PublishedCheckRun } from '../github/check-run.js';
import { createClient, describeError, isPermissionError } from '../github/client.js';
import { ContextError, readContext, type GitHubContext } from '../github/context.js';
import { COMMENT_LIMIT, COMMENT_MARKER, upsertPullRequestComment, type UpsertedComment } from '../github/pr-comment.js';
import type { ScanReport } from '../model/index.js';
import { loadConfig, type LoadedConfig } from '../profile/config.js';
import { reporters, writeReportFile } from '../report/index.js';
import { scan } from '../scan.js';
import { annotationCommand, annotationFor } from './annotations.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { headlineText, renderMarkdown, type ReportView } from './markdown.js';
import { decide, type Outcome } from './outcome.js';
import { appendRunnerFile, formatOutputs, InputError, workflowCommand, type CommandProperties } from './runner.js';

const CHECK_NAME = 'Evident';
/** GitHub truncates a step's summary beyond 1 MiB. */
const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** What the action writes to the log: plain lines and workflow commands. */
class Log {
  private readonly io: CliIO;
  constructor(io: CliIO) {
    this.io = io;
  }
  line(text: string): void {
    this.io.stdout(`${text}\n`);
  }
  command(name: string, message: string, properties?: CommandProperties): void {
    this.io.stdout(workflowCommand(name, message, properties));
  }
}

/** A run's validated settings. */
interface Setup {
  inputs: ActionInputs;
  context: GitHubContext;
  /** The workspace: findings are reported relative to it. */
  root: string;
  paths: string[];
  now: Date;
  config: LoadedConfig;
}

function readSetup(io: CliIO): Omit<Setup, 'config'> {
  const inputs = readInputs(io.env);
  const context = readContext(io.env, io.cwd);
  const root = path.resolve(io.cwd, context.workspace);
  const paths = inputs.paths.map((p) => path.resolve(root, p));
  for (const [index, resolved] of paths.entries()) {
    const relative = path.relative(root, resolved);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new InputError(`input "paths": ${inputs.paths[index]} is outside the workspace ${root}`);
    if (!existsSync(resolved)) throw new InputError(`input "paths": no such file or directory: ${inputs.paths[index]}`);
  }
  return { inputs, context, root, paths, now: clock(io, undefined) };
}

/** The setup, or undefined after reporting why there is none (exit 2). */
function setUp(io: CliIO, log: Log): Setup | undefined {
  let setup: Omit<Setup, 'config'>;
  try {
    setup = readSetup(io);
  } catch (error) {
    if (!(error instanceof InputError || error instanceof ContextError || error instanceof UsageError)) throw error;
    log.command('error', `Evident: ${error.message}`);
    return undefined;
  }
  const { root, inputs } = setup;
  const config = loadConfig(root, inputs.config === undefined ? undefined : path.resolve(root, inputs.config));
  if (config.diagnostics.length === 0) return { ...setup, config };
  for (const d of config.diagnostics) log.command('error', d.message, { file: d.file, line: d.line, col: d.column, title: 'Evident: invalid configuration' });
  log.command('error', 'Evident: invalid configuration; nothing was scanned');
  return undefined;
}

interface Scanned {
  report: ScanReport;
  /** The base commit findings were marked against. */
  baseSha?: string;
  notes: string[];
}

/** Scans the workspace and, on a pull request, marks each finding new or existing against its base commit. */
function scanChange(setup: Setup, log: Log): Scanned {
  const { root, paths, config, now } = setup;
  const report = scan({ root, paths, config, now });
  const pr = setup.context.pullRequest;
  if (pr === undefined) return { report, notes: [] };
  try {
    return { report: markAgainstRef(report, { root, paths, ref: pr.baseSha, config, now }), baseSha: pr.baseSha, notes: [] };
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const message = `Could not scan the base commit ${pr.baseSha} (${error.message}), so every finding counts as new. Check out with actions/checkout's fetch-depth: 0 so that the base commit is in the repository.`;
    log.command('warning', `Evident: ${message}`);
    return { report, notes: [message] };
  }
}


/** SARIF, then the evidence pack, then the outputs: before any API call, so that nothing GitHub does can lose them. */
async function writeFiles(io: CliIO, log: Log, setup: Setup, report: ScanReport, outcome: Outcome): Promise<boolean> {
  const { root, inputs, config } = setup;
  const sarifFile = path.resolve(root, inputs.sarifFile);
  mkdirSync(path.dirname(sarifFile), { recursive: true });
  writeReportFile(sarifFile, reporters.sarif, report, { color: false });
  let evidenceDir = '';
  let evidenceError: string | undefined;
  if (inputs.evidenceDir !== undefined) {
    const dir = path.resolve(root, inputs.evidenceDir);
    try {
      const written = await writeEvidencePack(dir, evidenceFor(report, { root, config, bundles: [builtinBundle()] }));
      evidenceDir = dir;
      log.line(`Evident: evidence pack written to ${dir}: ${written.files.length} artifacts and manifest.json (SHA-256 ${written.manifestSha256})`);
    } catch (error) {
      if (!(error instanceof PackDirectoryError)) throw error;
      evidenceError = `input "evidence-dir": ${error.message}`;
    }
  }
  appendRunnerFile(
    io.env,
    'GITHUB_OUTPUT',
    formatOutputs({
      findings: String(outcome.introduced.length + outcome.existing.length),
      'new-findings': String(outcome.introduced.length),
      'sarif-file': sarifFile,
      'evidence-dir': evidenceDir,
    }),
  );
  if (evidenceError === undefined) return true;
  log.command('error', `Evident: ${evidenceError}`);
  return false;
}

/** Where findings link to and the check run goes: the pull request's head, not the merge commit GITHUB_SHA names. */
function headSha(context: GitHubContext): string | undefined {
  return context.pullRequest?.headSha ?? context.sha;
}

function reportView(context: GitHubContext, scanned: Scanned, outcome: Outcome): ReportView {
  const repoUrl = context.owner && context.repo ? `${context.serverUrl}/${context.owner}/${context.repo}` : undefined;
  const sha = headSha(context);
  return {
    report: scanned.report,
    outcome,
    ...(repoUrl !== undefined && sha !== undefined ? { blobBase: `${repoUrl}/blob/${sha}` } : {}),
    ...(repoUrl !== undefined && context.runId !== undefined ? { runUrl: `${repoUrl}/actions/runs/${context.runId}` } : {}),
    ...(scanned.baseSha === undefined ? {} : { baseSha: scanned.baseSha }),
    notes: scanned.notes,
  };
}

interface Published {
  check?: PublishedCheckRun;
  comment?: UpsertedComment;
  /** What went wrong, for the job summary. */
  notes: string[];
}

/** Check run and pull-request comment. API failures never fail the step: the job summary and SARIF carry the results. */
async function publish(log: Log, setup: Setup, outcome: Outcome, view: ReportView): Promise<Published> {
  const { context, inputs } = setup;
  const published: Published = { notes: [] };
  const sha = headSha(context);
  if (inputs.token === '' || context.owner === undefined || context.repo === undefined || sha === undefined) {
    log.line('Evident: no github-token, GITHUB_REPOSITORY or commit: no check run or pull-request comment; results are in the job summary and the SARIF file.');
    return published;
  }
  const { owner, repo } = context;
  const client = createClient({
    token: inputs.token,
    baseUrl: context.apiUrl,
    userAgent: `evident-action/${view.report.tool.version}`,
    warn: (message) => log.line(`Evident: ${message}`),
  });
  let readOnly = false;
  const failed = (what: string, error: unknown): void => {
    if (isPermissionError(error)) {
      readOnly = true;
      log.command('warning', `Evident: the token may not write the ${what} (${describeError(error)}); the results are in the job summary and the SARIF file.`);
    } else {
      log.command('warning', `Evident: could not publish the ${what}: ${describeError(error)}`);
      published.notes.push(`Evident could not publish the ${what}: ${describeError(error)}`);
    }
  };
  try {
    published.check = await publishCheckRun(client, {
      owner,
      repo,
      name: CHECK_NAME,
      headSha: sha,
      conclusion: outcome.conclusion,
      title: headlineText(outcome),
      summary: renderMarkdown(view, { limit: CHECK_OUTPUT_LIMIT, measure: (text) => text.length }),
      ...(view.runUrl === undefined ? {} : { detailsUrl: view.runUrl }),
      annotations: inputs.annotations ? outcome.inScope.map(annotationFor) : [],
    });
    log.line(`Evident: check run ${published.check.htmlUrl || published.check.id} (${outcome.conclusion})`);
  } catch (error) {
    failed('check run', error);
  }
  const pr = context.pullRequest;
  if (pr !== undefined && inputs.comment) {
    try {
      const body = renderMarkdown(view, { marker: COMMENT_MARKER, limit: COMMENT_LIMIT, measure: (text) => text.length });
      published.comment = await upsertPullRequestComment(client, { owner, repo, issueNumber: pr.number }, body);
      log.line(`Evident: pull-request comment ${published.comment.action}: ${published.comment.htmlUrl}`);
    } catch (error) {
      failed('pull-request comment', error);
    }
  }
  if (readOnly) {
    published.notes.push(
      pr?.fork
        ? `This pull request comes from a fork (${pr.headRepo ?? 'a deleted repository'}): its token is read-only, so there is no check run or pull-request comment. The results are here and in the SARIF file.`
        : 'The token may not write check runs or pull-request comments (give the job checks: write and pull-requests: write): the results are here and in the SARIF file.',
    );
  }
  return published;
}

/** Scan, write the files, then talk to GitHub; the exit code is the gate's alone (2 for unusable inputs). */
export async function runAction(io: CliIO): Promise<number> {
  const log = new Log(io);
  const setup = setUp(io, log);
  if (setup === undefined) return EXIT_USAGE;
  const scanned = scanChange(setup, log);
  const { report } = scanned;
  const failOn = setup.inputs.failOn ?? setup.config.config.failOn ?? 'high';
  const outcome = decide(report, { mode: setup.inputs.mode, failOn, compared: scanned.baseSha !== undefined });
  if (!(await writeFiles(io, log, setup, report, outcome))) return EXIT_USAGE;

  log.command('group', 'Evident findings');
  io.stdout(reporters.text.render(report, { color: false }));
  log.command('endgroup', '');
  for (const d of report.diagnostics) {
    log.command(d.level === 'info' ? 'notice' : 'warning', d.message, { file: d.file, line: d.line, col: d.column, title: `Evident: ${d.code}` });
  }

  const view = reportView(setup.context, scanned, outcome);
  const published = await publish(log, setup, outcome, view);
  if (published.check === undefined && setup.inputs.annotations) for (const finding of outcome.inScope) io.stdout(annotationCommand(finding));
  const summary = renderMarkdown({ ...view, notes: [...view.notes, ...published.notes] }, { limit: STEP_SUMMARY_LIMIT, measure: (text) => Buffer.byteLength(text) });
  appendRunnerFile(io.env, 'GITHUB_STEP_SUMMARY', summary);

  if (outcome.blocking.length === 0) return EXIT_OK;
  log.command('error', `Evident: ${headlineText(outcome)} (see the job summary${published.check ? ' and the Evident check run' : ''})`);
  return EXIT_FINDINGS;
}
