/** One step into a JSON value: an object key or an array index. */
export type PathSegment = string | number;
export type AttributePath = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `spec.containers[0].securityContext`, with `["app.kubernetes.io/name"]` for keys that are not identifiers. */
export function formatPath(path: AttributePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function parsePath(text: string): PathSegment[] {
  const path: PathSegment[] = [];
  const token = /\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  let match: RegExpExecArray | null;
  while (token.lastIndex < text.length && (match = token.exec(text)) !== null) {
    if (match[1] !== undefined) path.push(match[1]);
    else if (match[2] !== undefined) path.push(Number(match[2]));
    else path.push(JSON.parse(match[3]) as string);
  }
  if (token.lastIndex !== text.length) throw new Error(`invalid attribute path: ${text}`);
  return path;
}
