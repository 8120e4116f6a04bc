/**
 * Helm's pkg/engine: one template set per render holding every chart's templates, `include` and
 * `tpl` bound to it, partials skipped, "<no value>" stripped, errors cleaned up as Helm does.
 * Each rendered file also gets a per-line map back to template lines and values paths.
 */
import { buildFuncMap, seededRandom } from './funcs/index.js';
import { GoTime } from './funcs/dates.js';
import { WARN_END, WARN_START } from './funcs/helm.js';
import { Budget, ExecError, Executor, Output, RenderContext, RenderLimitError, TemplateSet, type Collector, type ParseCache, type Segment, type ValuesPath } from './template/exec.js';
import { TemplateParseError } from './template/parser.js';
import { GoError, isGoMap, newMap, type GoMap, type GoValue } from './template/value.js';

export interface Renderable {
  /** Chart-qualified template name, e.g. `mychart/templates/deployment.yaml`. */
  name: string;
  text: string;
  /** The top-level object templates of this chart see (Values, Release, Chart, ...). */
  vals: GoMap;
  basePath: string;
}

/** Where one rendered line came from. */
export interface LineSource {
  /** Chart-qualified template name and 1-based line. */
  template: string;
  line: number;
  /** Path in the root chart's values when the line printed a value from there. */
  valuesPath?: ValuesPath;
}

export interface RenderedFile {
  name: string;
  text: string;
  lines: LineSource[];
}

export class RenderError extends Error {
  /** Chart-qualified template name the error points at, when known. */
  readonly template: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, template?: string, line?: number, column?: number) {
    super(message);
    this.template = template;
    this.line = line;
    this.column = column;
  }
}

export interface EngineOptions {
  now: Date;
  seed: number;
  maxOutputBytes?: number;
  maxSteps?: number;
}

const RECURSION_MAX = 1000;
const WARN_REGEX = new RegExp(`${WARN_START}(.*)${WARN_END}`);

/** Helm sorts templates so deeper (subchart) files parse first and the parent's defines win. */
export function sortTemplates(names: string[]): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function cleanupParseError(name: string, message: string): RenderError {
  const tokens = message.split(': ');
  if (tokens.length === 1) return new RenderError(`parse error in (${name}): ${message}`, name);
  const location = tokens[1];
  const m = /^(.*):(\d+)$/.exec(location);
  return new RenderError(`parse error at (${location}): ${tokens[tokens.length - 1]}`, m?.[1] ?? name, m === null ? undefined : Number(m[2]));
}

function cleanupExecError(name: string, e: ExecError): RenderError {
  const tokens = splitN(e.message, ': ', 3);
  if (tokens.length !== 3) return new RenderError(`execution error in (${name}): ${e.message}`, name);
  const location = tokens[1];
  const warn = WARN_REGEX.exec(tokens[2]);
  const m = /^(.*):(\d+):(\d+)$/.exec(location);
  const template = m?.[1] ?? e.file;
  const line = m === null ? e.line : Number(m[2]);
  const column = m === null ? e.column : Number(m[3]);
  if (warn !== null) return new RenderError(`execution error at (${location}): ${warn[1]}`, template, line, column);
  return new RenderError(e.message, template, line, column);
}

function splitN(text: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** For each output line, where it came from: the template line and, if any, the values path it printed. */
export function lineSources(text: string, segments: Segment[]): LineSource[] {
  const lines: LineSource[] = [];
  let seg = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    while (seg < segments.length && segments[seg].end <= start && !(segments[seg].start === start && segments[seg].end === start)) seg++;
    let chosen: Segment | undefined;
    let chosenAt = start;
    const onLine: Segment[] = [];
    for (let k = seg; k < segments.length && segments[k].start <= end; k++) {
      const s = segments[k];
      if (s.end <= start && end > start) continue;
      onLine.push(s);
      if (chosen === undefined) {
        const from = Math.max(s.start, start);
        const to = Math.min(s.end, end);
        const slice = text.slice(from, to);
        const nonWs = slice.search(/\S/);
        if (nonWs >= 0) {
          chosen = s;
          chosenAt = from + nonWs;
        }
      }
    }
    chosen ??= onLine[0];
    if (chosen !== undefined) {
      let line = chosen.line;
      if (chosen.literal) line += countNewlines(text, chosen.start, Math.max(chosen.start, chosenAt));
      const source: LineSource = { template: chosen.file, line };
      const path = originOf(text.slice(start, end), onLine);
      if (path !== undefined) source.valuesPath = path;
      lines.push(source);
    } else lines.push({ template: '', line: 0 });
    if (end >= text.length) break;
    start = end + 1;
  }
  return lines;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The values path a rendered line shows: a toYaml/include line it equals, else a printed value it contains. */
function originOf(lineText: string, segments: Segment[]): ValuesPath | undefined {
  const trimmed = lineText.trim();
  if (trimmed === '') return undefined;
  for (const s of segments) {
    const hit = s.collector?.hints.find((h) => h.text === trimmed);
    if (hit !== undefined) return hit.path;
  }
  for (const s of segments) {
    const hit = s.collector?.hints.find((h) => h.text.length >= 3 && trimmed.includes(h.text));
    if (hit !== undefined) return hit.path;
  }
  for (const s of segments) {
    const hit = s.collector?.touches.find((t) => t.text !== '' && trimmed.includes(t.text));
    if (hit !== undefined) return hit.path;
  }
  return undefined;
}

/** Turns a nested template's output into hints for the action that called it. */
function hintsFrom(out: Output, collector: Collector | undefined): void {
  if (collector === undefined) return;
  const text = out.toString();
  const lines = text.split('\n');
  const sources = lineSources(text, out.segments);
  lines.forEach((line, i) => {
    const path = sources[i]?.valuesPath;
    const trimmed = line.trim();
    if (path !== undefined && trimmed !== '') collector.hints.push({ text: trimmed, path });
  });
}

export class Engine {
  private readonly ctx: RenderContext;
  private readonly options: EngineOptions;
  private readonly rng: ReturnType<typeof seededRandom>;
  private readonly parseCache: ParseCache = new Map();

  constructor(options: EngineOptions) {
    this.options = options;
    this.ctx = new RenderContext(new Budget({ maxBytes: options.maxOutputBytes, maxSteps: options.maxSteps }));
    this.rng = seededRandom(options.seed);
  }

  get context(): RenderContext {
    return this.ctx;
  }

  /** Renders every non-partial template; throws RenderError like `helm template` fails. */
  render(templates: Renderable[]): RenderedFile[] {
    const byName = new Map(templates.map((t) => [t.name, t]));
    const set = this.newSet(byName);
    this.parseAll(set, byName, byName);
    const out: RenderedFile[] = [];
    for (const name of sortTemplates([...byName.keys()])) {
      if (baseName(name).startsWith('_')) continue;
      const t = byName.get(name);
      if (t === undefined) continue;
      out.push(this.execute(set, t));
    }
    return out;
  }

  /** Executes `t` with its .Template set (Name, BasePath), as Helm's renderWithReferences does. */
  private run(set: TemplateSet, t: Renderable): Output {
    const template = newMap('chartutil.Values');
    template.Name = t.name;
    template.BasePath = t.basePath;
    t.vals.Template = template;
    const output = new Output(this.ctx.budget);
    try {
      Executor.run(set, this.ctx, t.name, t.vals, output);
    } catch (e) {
      throw this.asRenderError(t.name, e);
    }
    return output;
  }

  private execute(set: TemplateSet, t: Renderable): RenderedFile {
    const output = this.run(set, t);
    const raw = output.toString();
    return { name: t.name, text: raw.replaceAll('<no value>', ''), lines: lineSources(raw, output.segments) };
  }

  private asRenderError(name: string, e: unknown): Error {
    if (e instanceof ExecError) return cleanupExecError(name, e);
    if (e instanceof RenderError) return e;
    if (e instanceof RenderLimitError) return new RenderError(`rendering ${name} stopped: ${e.message}`, name);
    if (e instanceof RangeError && /call stack/i.test(e.message)) return new RenderError(`rendering ${name} stopped: templates nested too deeply (stack exhausted)`, name);
    if (e instanceof GoError) return new RenderError(e.message, name);
    return e instanceof Error ? e : new Error(String(e));
  }

  private parseAll(set: TemplateSet, tpls: Map<string, Renderable>, refs: Map<string, Renderable>): void {
    for (const name of sortTemplates([...tpls.keys()])) {
      const t = tpls.get(name);
      if (t !== undefined) this.parseOne(set, name, t.text);
    }
    for (const name of sortTemplates([...refs.keys()])) {
      if (set.has(name)) continue;
      const t = refs.get(name);
      if (t !== undefined) this.parseOne(set, name, t.text);
    }
  }

  private parseOne(set: TemplateSet, name: string, text: string): void {
    try {
      set.parse(name, text);
    } catch (e) {
      if (e instanceof TemplateParseError || e instanceof GoError) throw cleanupParseError(name, e.message);
      throw e;
    }
  }

  /** A template set whose include/tpl close over it, like Helm's initFunMap. */
  private newSet(refs: Map<string, Renderable>): TemplateSet {
    const included = new Map<string, number>();
    // include needs the set it belongs to, and the set needs its functions: close over a holder.
    const holder: { set?: TemplateSet } = {};
    const funcs = buildFuncMap({
      now: () => GoTime.fromDate(this.options.now),
      random: () => this.rng.random(),
      randomBytes: (n) => this.rng.bytes(n),
      spend: (n) => this.ctx.budget.spend(n),
      derive: (from, to) => {
        const path = this.ctx.pathOf(from);
        if (path !== undefined) this.ctx.register(to, path);
      },
      include: (name, data) => {
        if (this.ctx.budget.depth >= this.ctx.budget.maxDepth) throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`);
        const count = included.get(name);
        if (count !== undefined) {
          if (count > RECURSION_MAX) throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`);
          included.set(name, count + 1);
        } else included.set(name, 1);
        const out = new Output(this.ctx.budget);
        try {
          Executor.run(holder.set as TemplateSet, this.ctx, name, data, out);
        } catch (e) {
          if (e instanceof ExecError) throw new GoError(e.message);
          throw e;
        } finally {
          included.set(name, (included.get(name) ?? 1) - 1);
        }
        hintsFrom(out, this.ctx.current());
        return out.toString();
      },
      tpl: (text, vals) => this.tpl(text, vals, refs),
      yamlRendered: (value, text, linePaths) => {
        const base = this.ctx.pathOf(value);
        const collector = this.ctx.current();
        if (base === undefined || collector === undefined) return;
        text.split('\n').forEach((line, i) => {
          const sub = linePaths[i];
          const trimmed = line.trim();
          if (sub !== undefined && trimmed !== '') collector.hints.push({ text: trimmed, path: [...base, ...sub] });
        });
      },
    });
    holder.set = new TemplateSet(funcs, this.parseCache);
    return holder.set;
  }

  /** Helm's tpl: a fresh template set with the text under the current template's name plus every reference template. */
  private tpl(text: string, vals: GoValue, refs: Map<string, Renderable>): string {
    if (!isGoMap(vals)) throw new GoError('cannot retrieve Template.Basepath from values inside tpl function');
    const basePath = pathValue(vals, 'BasePath');
    if (typeof basePath !== 'string') throw new GoError(`cannot retrieve Template.Basepath from values inside tpl function: ${text}: "BasePath" is not a value`);
    const templateName = pathValue(vals, 'Name');
    if (typeof templateName !== 'string') throw new GoError(`cannot retrieve Template.Name from values inside tpl function: ${text}: "Name" is not a value`);
    const tpls = new Map<string, Renderable>([[templateName, { name: templateName, text, vals, basePath }]]);
    const set = this.newSet(refs);
    try {
      this.parseAll(set, tpls, refs);
      const rendered = this.executeTpl(set, tpls.get(templateName) as Renderable);
      return rendered;
    } catch (e) {
      const err = e instanceof RenderError ? e : this.asRenderError(templateName, e);
      if (err instanceof RenderError) throw new GoError(`error during tpl function execution for ${JSON.stringify(text)}: ${err.message}`);
      throw err;
    }
  }

  private executeTpl(set: TemplateSet, t: Renderable): string {
    const output = this.run(set, t);
    hintsFrom(output, this.ctx.current());
    return output.toString().replaceAll('<no value>', '');
  }
}

/** chartutil.Values.PathValue("Template.<key>"). */
function pathValue(vals: GoMap, key: string): GoValue | undefined {
  const template = vals.Template;
  if (!isGoMap(template)) return undefined;
  const v = template[key];
  return isGoMap(v) ? undefined : v;
}

