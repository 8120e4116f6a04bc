// A local HTTP server speaking the slice of GitHub's REST API the action uses, with GitHub's status codes,
// headers and error bodies, so that the real Octokit (retries, throttling, pagination) runs against it.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const READ_ONLY_MESSAGE = 'Resource not accessible by integration';
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000:0000:00000000.';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, including any prefix (`/api/v3`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The status the server answered with. */
  status: number;
}

export interface CheckRunRecord {
  id: number;
  owner: string;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  details_url?: string;
  output?: { title: string; summary: string; text?: string };
  annotations: Array<Record<string, unknown>>;
}

export interface CommentRecord {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  /** JSON bodies are serialised; strings go out as text/html (a proxy's error page). */
  body: object | string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const SHA = /^[0-9a-f]{40}$/;
const LEVELS = ['notice', 'warning', 'failure'];
const CHECK_STATUSES = ['queued', 'in_progress', 'completed'];
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'];
const COMMENT_LIMIT = 65_536;

function error(status: number, message: string, documentation = 'https://docs.github.com/rest'): Reply {
  return { status, body: { message, documentation_url: documentation, status: String(status) } };
}

function validationFailed(resource: string, field: string, message: string): Reply {
  return { status: 422, body: { message: 'Validation Failed', errors: [{ resource, code: 'custom', field, message }], documentation_url: 'https://docs.github.com/rest', status: '422' } };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export class GitHubServer {
  readonly requests: RecordedRequest[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  /** The token is read-only (a fork's pull request): every write answers 403. */
  readOnly = false;
  private readonly comments = new Map<string, CommentRecord[]>();
  private readonly faults: Fault[] = [];
  private nextId = 1;
  private readonly server: Server;
  private readonly prefix: string;
  private origin = '';

  private constructor(prefix: string) {
    this.prefix = prefix;
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  /** `prefix` `/api/v3` serves the API the way GitHub Enterprise Server does. */
  static async start(options: { prefix?: string } = {}): Promise<GitHubServer> {
    const server = new GitHubServer(options.prefix ?? '');
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    server.origin = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    return server;
  }

  /** The REST base URL (GITHUB_API_URL). */
  get url(): string {
    return `${this.origin}${this.prefix}`;
  }

  /** The web URL links point at (GITHUB_SERVER_URL). */
  get webUrl(): string {
    return 'https://github.example.test';
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** The next request (whatever it is) gets this answer and changes nothing; queued faults are served in order. */
  failNext(fault: Fault): void {
    this.faults.push(fault);
  }

  secondaryRateLimitOnce(status: 403 | 429, retryAfterSeconds: number): void {
    this.failNext({
      status,
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4990', 'x-ratelimit-resource': 'core' },
      body: { message: SECONDARY_RATE_LIMIT_MESSAGE, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits', status: String(status) },
    });
  }

  /** The hourly quota is used up until `resetAt` (Unix seconds). */
  primaryRateLimitOnce(resetAt: number): void {
    this.failNext({
      status: 403,
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(resetAt), 'x-ratelimit-resource': 'core' },
      body: { message: 'API rate limit exceeded for installation ID 4242.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' },
    });
  }

  badGatewayOnce(): void {
    this.failNext({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
  }

  seedComments(owner: string, repo: string, issue: number, bodies: string[], user: CommentRecord['user'] = { login: 'octocat', type: 'User' }): CommentRecord[] {
    const list = this.commentList(owner, repo, issue);
    const added = bodies.map((body) => ({ id: this.nextId++, body, user }));
    list.push(...added);
    return added;
  }

  commentsOn(owner: string, repo: string, issue: number): CommentRecord[] {
    return this.commentList(owner, repo, issue);
  }

  /** Requests whose path (after the prefix) matches, e.g. `POST /repos/o/r/check-runs`. */
  requestsTo(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path.slice(this.prefix.length)));
  }

  private commentList(owner: string, repo: string, issue: number): CommentRecord[] {
    const key = `${owner}/${repo}#${issue}`;
    let list = this.comments.get(key);
    if (list === undefined) this.comments.set(key, (list = []));
    return list;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    const text = await readBody(request);
    let body: unknown = undefined;
    let reply: Reply;
    const fault = this.faults.shift();
    try {
      body = text === '' ? undefined : JSON.parse(text);
      reply = fault ? { status: fault.status, body: fault.body, headers: fault.headers } : this.route(request, url, body);
    } catch (e) {
      reply = error(400, `Problems parsing JSON: ${(e as Error).message}`);
    }
    this.requests.push({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body, status: reply.status });
    const headers: Record<string, string> = { 'x-github-media-type': 'github.v3; format=json', ...reply.headers };
    if (typeof reply.body === 'string') {
      response.writeHead(reply.status, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(reply.body);
    } else if (reply.body === undefined) {
      response.writeHead(reply.status, headers).end();
    } else {
      response.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
    }
  }

  private route(request: IncomingMessage, url: URL, body: unknown): Reply {
    const method = request.method ?? 'GET';
    if (!url.pathname.startsWith(`${this.prefix}/`)) return error(404, 'Not Found');
    const route = url.pathname.slice(this.prefix.length);
    if (!/^(token|Bearer) \S+$/.test(request.headers.authorization ?? '')) return error(401, 'Requires authentication');
    if (this.readOnly && method !== 'GET' && method !== 'HEAD') return error(403, READ_ONLY_MESSAGE, 'https://docs.github.com/rest/checks/runs#create-a-check-run');
    const input = (body ?? {}) as Record<string, unknown>;
    let match: RegExpMatchArray | null;
    if ((match = route.match(/^\/repos\/([^/]+)\/([^/]+)\/check-runs$/)) && method === 'POST') return this.createCheckRun(match[1], match[2], input);
    if ((match = route.match(/^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/)) && method === 'PATCH') return this.updateCheckRun(Number(match[3]), input);
    if ((match = route.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
      const list = this.commentList(match[1], match[2], Number(match[3]));
      if (method === 'GET') return this.listComments(url, list);
      if (method === 'POST') return this.createComment(match[1], match[2], Number(match[3]), list, input);
    }
    if ((match = route.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/)) && method === 'PATCH') return this.updateComment(match[1], match[2], Number(match[3]), input);
    return error(404, 'Not Found');
  }

  private checkAnnotations(output: unknown): Reply | undefined {
    if (output === undefined) return undefined;
    const { title, summary, annotations } = output as { title?: unknown; summary?: unknown; annotations?: unknown };
    if (typeof title !== 'string' || typeof summary !== 'string') return error(422, 'Invalid request.\n\nFor \'properties/output\', "title" and "summary" are required.');
    if (annotations === undefined) return undefined;
    if (!Array.isArray(annotations)) return error(422, 'Invalid request.\n\nFor \'properties/annotations\', it is not an array.');
    if (annotations.length > 50) return error(422, `Invalid request.\n\nNo more than 50 items are allowed; ${annotations.length} were supplied.`);
    for (const a of annotations as Array<Record<string, unknown>>) {
      const valid =
        typeof a.path === 'string' &&
        Number.isInteger(a.start_line) &&
        Number.isInteger(a.end_line) &&
        LEVELS.includes(a.annotation_level as string) &&
        typeof a.message === 'string' &&
        (a.title === undefined || (typeof a.title === 'string' && a.title.length <= 255));
      if (!valid) return error(422, `Invalid request.\n\nInvalid annotation: ${JSON.stringify(a)}`);
    }
    return undefined;
  }

  private createCheckRun(owner: string, repo: string, input: Record<string, unknown>): Reply {
    if (typeof input.name !== 'string' || input.name === '') return error(422, 'Invalid request.\n\n"name" wasn\'t supplied.');
    if (typeof input.head_sha !== 'string' || !SHA.test(input.head_sha)) return validationFailed('CheckRun', 'head_sha', `No commit found for SHA: ${String(input.head_sha)}`);
    const status = (input.status as string | undefined) ?? 'queued';
    if (!CHECK_STATUSES.includes(status)) return error(422, `Invalid request.\n\n${status} is not a member of ${CHECK_STATUSES.join(', ')}.`);
    if (input.conclusion !== undefined && !CONCLUSIONS.includes(input.conclusion as string)) return error(422, 'Invalid request.\n\nconclusion is not a valid value.');
    if (status === 'completed' && input.conclusion === undefined) return validationFailed('CheckRun', 'conclusion', 'conclusion must be specified when status is completed');
    const invalid = this.checkAnnotations(input.output);
    if (invalid) return invalid;
    const output = input.output as (CheckRunRecord['output'] & { annotations?: Array<Record<string, unknown>> }) | undefined;
    const run: CheckRunRecord = { id: this.nextId++, owner, repo, name: input.name, head_sha: input.head_sha, status, annotations: [...(output?.annotations ?? [])] };
    if (input.conclusion !== undefined) run.conclusion = input.conclusion as string;
    if (typeof input.details_url === 'string') run.details_url = input.details_url;
    if (output) run.output = { title: output.title, summary: output.summary, ...(output.text === undefined ? {} : { text: output.text }) };
    this.checkRuns.push(run);
    return { status: 201, body: this.checkRunJson(run) };
  }

  private updateCheckRun(id: number, input: Record<string, unknown>): Reply {
    const run = this.checkRuns.find((r) => r.id === id);
    if (run === undefined) return error(404, 'Not Found');
    const invalid = this.checkAnnotations(input.output);
    if (invalid) return invalid;
    const output = input.output as (CheckRunRecord['output'] & { annotations?: Array<Record<string, unknown>> }) | undefined;
    if (output) {
      run.output = { title: output.title, summary: output.summary, ...(output.text === undefined ? {} : { text: output.text }) };
      run.annotations.push(...(output.annotations ?? []));
    }
    if (typeof input.status === 'string') run.status = input.status;
    if (typeof input.conclusion === 'string') run.conclusion = input.conclusion;
    return { status: 200, body: this.checkRunJson(run) };
  }

  private checkRunJson(run: CheckRunRecord): object {
    return {
      id: run.id,
      name: run.name,
      head_sha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion ?? null,
      details_url: run.details_url ?? null,
      html_url: `${this.webUrl}/${run.owner}/${run.repo}/runs/${run.id}`,
      output: { title: run.output?.title ?? null, summary: run.output?.summary ?? null, text: run.output?.text ?? null, annotations_count: run.annotations.length },
    };
  }

  private commentJson(comment: CommentRecord, owner: string, repo: string, issue: number): object {
    return { id: comment.id, body: comment.body, user: comment.user, html_url: `${this.webUrl}/${owner}/${repo}/pull/${issue}#issuecomment-${comment.id}` };
  }

  /** `per_page` (default 30, at most 100) and `page`, with `Link: <…>; rel="next"` like GitHub. */
  private listComments(url: URL, list: CommentRecord[]): Reply {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(list.length / perPage), 1);
    const [, owner, repo, issue] = url.pathname.slice(this.prefix.length).match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)/) ?? [];
    const link = (p: number, rel: string): string => {
      const target = new URL(url.pathname, this.origin);
      target.searchParams.set('per_page', String(perPage));
      target.searchParams.set('page', String(p));
      return `<${target.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    const items = list.slice((page - 1) * perPage, page * perPage).map((c) => this.commentJson(c, owner, repo, Number(issue)));
    return { status: 200, body: items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  private createComment(owner: string, repo: string, issue: number, list: CommentRecord[], input: Record<string, unknown>): Reply {
    if (typeof input.body !== 'string') return error(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
    if (input.body.length > COMMENT_LIMIT) return validationFailed('IssueComment', 'body', `body is too long (maximum is ${COMMENT_LIMIT} characters)`);
    const comment: CommentRecord = { id: this.nextId++, body: input.body, user: { login: 'github-actions[bot]', type: 'Bot' } };
    list.push(comment);
    return { status: 201, body: this.commentJson(comment, owner, repo, issue) };
  }

  private updateComment(owner: string, repo: string, id: number, input: Record<string, unknown>): Reply {
    for (const [key, list] of this.comments) {
      const comment = list.find((c) => c.id === id);
      if (comment === undefined || !key.startsWith(`${owner}/${repo}#`)) continue;
      if (typeof input.body !== 'string') return error(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
      if (input.body.length > COMMENT_LIMIT) return validationFailed('IssueComment', 'body', `body is too long (maximum is ${COMMENT_LIMIT} characters)`);
      comment.body = input.body;
      return { status: 200, body: this.commentJson(comment, owner, repo, Number(key.split('#')[1])) };
    }
    return error(404, 'Not Found');
  }
}
