import type { GitHubClient } from './client.js';

/** Hidden first line of Evident's pull-request comment: how later runs find it to update it. */
export const COMMENT_MARKER = '<!-- evident:pr-comment -->';
/** GitHub rejects longer issue comment bodies (422). */
export const COMMENT_LIMIT = 65_536;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface UpsertedComment {
  id: number;
  htmlUrl: string;
  action: 'created' | 'updated';
}

/** The id of the first comment that starts with the marker, reading every page of the conversation. */
async function findMarkedComment(client: GitHubClient, target: CommentTarget): Promise<number | undefined> {
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((comment) => comment.body?.startsWith(COMMENT_MARKER));
    if (found) return found.id;
  }
  return undefined;
}

/** ONE comment per pull request: created on the first run, edited in place on every later push. */
export async function upsertPullRequestComment(client: GitHubClient, target: CommentTarget, body: string): Promise<UpsertedComment> {
  if (!body.startsWith(COMMENT_MARKER)) throw new Error(`a pull-request comment body must start with ${COMMENT_MARKER}`);
  const existing = await findMarkedComment(client, target);
  if (existing !== undefined) {
    const updated = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing, body });
    return { id: updated.data.id, htmlUrl: updated.data.html_url, action: 'updated' };
  }
  const created = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body });
  return { id: created.data.id, htmlUrl: created.data.html_url, action: 'created' };
}
