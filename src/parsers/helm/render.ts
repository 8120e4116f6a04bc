/**
 * renderChart: `helm template` (Helm 3.10.1) in-process. Loads the chart, merges values files and
 * `--set` overrides, processes dependencies, validates values.schema.json, renders every template
 * and returns the manifests in Helm's output order, each line traced back to its template line
 * and, where it printed a value, to the values file and key that set it.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { byText, diagnostic, formatPath, type Diagnostic, type PathSegment, type ValueOrigin } from '../../model/index.js';
import { coalesceValues, mergeMaps, CoalesceError } from './chart/coalesce.js';
import { missingDependencies, processDependencies, isCompatibleRange } from './chart/dependencies.js';
import { chartFullPath, chartName, ChartLoadError, isLibrary, loadChart, type Chart, type ChartFile } from './chart/loader.js';
import { ChartObject } from './chart/metadata.js';
import { hookEvents, ManifestError, readHead, sortByKind, splitManifests } from './chart/manifests.js';
import { Capabilities, chartFilesMap, DEFAULT_API_VERSIONS, DEFAULT_KUBE_VERSION, filesObject, KubeVersion } from './chart/objects.js';
import { validateChartValues } from './chart/schema.js';
import { parseInto, StrvalsError } from './chart/strvals.js';
import { Engine, RenderError, type LineSource, type Renderable, type RenderedFile } from './engine.js';
import { GoInt, isGoMap, newMap, setMapType, type GoMap, type GoValue } from './template/value.js';
import { decodeYaml, YamlError } from './yaml/decode.js';

export interface RenderOptions {
  releaseName?: string;
  namespace?: string;
  /** Extra values files (like -f), lowest precedence first. */
  valuesFiles?: string[];
  /** `--set` entries: `a.b=c` strings, or key → value pairs (each becomes `key=value`). */
  set?: Record<string, string> | string[];
  /** `--set-string` entries. */
  setString?: Record<string, string> | string[];
  /** Like --kube-version (default v1.25.0, as helm template 3.10.1). */
  kubeVersion?: string;
  /** Like --api-versions: added to Helm's default list. */
  apiVersions?: string[];
  /** The clock for now/date/ago (default: the Unix epoch, so output never depends on when it ran). */
  now?: Date;
  /** Seed for randAlphaNum, uuidv4 and friends. */
  seed?: number;
  isUpgrade?: boolean;
  includeCrds?: boolean;
  skipTests?: boolean;
  noHooks?: boolean;
  /** Paths in results are relative to this directory (default: the chart directory). */
  repoRoot?: string;
  /** Missing subcharts: fail like Helm (default), or render without them and warn. */
  missingDependencies?: 'error' | 'skip';
  maxOutputBytes?: number;
  maxSteps?: number;
}

export interface ManifestLine {
  /** Repo-relative template file and 1-based line that produced this line. */
  file: string;
  line: number;
  origin?: ValueOrigin;
}

export interface RenderedManifest {
  /** Chart-qualified template name, as `# Source:` shows it. */
  template: string;
  /** Repo-relative path of the template file. */
  file: string;
  /** One YAML document. */
  text: string;
  lines: ManifestLine[];
  kind: string;
  name: string;
  /** Hook events when the document is a Helm hook. */
  hook?: string[];
}

export interface RenderResult {
  manifests: RenderedManifest[];
  diagnostics: Diagnostic[];
}

const DEFAULT_SEED = 0x5eed;

function setLines(entries: Record<string, string> | string[] | undefined): string[] {
  if (entries === undefined) return [];
  if (Array.isArray(entries)) return entries;
  return Object.keys(entries).map((k) => `${k}=${entries[k]}`);
}

function toSlash(p: string): string {
  return p.split('\\').join('/');
}

class Failure extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly code: 'helm-render' | 'helm-values-schema' | 'yaml-syntax';
  constructor(message: string, file: string, line?: number, column?: number, code: 'helm-render' | 'helm-values-schema' | 'yaml-syntax' = 'helm-render') {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
    this.code = code;
  }
}

interface ValuesSource {
  file: string;
  positions: Map<string, number>;
}

/** Finds the values file and line that set a (root) values path. */
class ValuesOrigins {
  private readonly root: Chart;
  private readonly userFiles: ValuesSource[];
  private readonly setValues: GoMap;

  constructor(root: Chart, userFiles: ValuesSource[], setValues: GoMap) {
    this.root = root;
    this.userFiles = userFiles;
    this.setValues = setValues;
  }

  origin(path: PathSegment[]): ValueOrigin | undefined {
    if (this.fromSet(path)) return undefined;
    return this.lookup(this.root, path, true);
  }

  private fromSet(path: PathSegment[]): boolean {
    let current: GoValue = this.setValues;
    for (const seg of path) {
      if (Array.isArray(current) && typeof seg === 'number') current = current[seg] ?? null;
      else if (isGoMap(current) && typeof seg === 'string' && Object.hasOwn(current, seg)) current = current[seg];
      else return false;
    }
    return true;
  }

  private at(source: ValuesSource, path: PathSegment[]): ValueOrigin | undefined {
    for (let n = path.length; n > 0; n--) {
      const key = formatPath(path.slice(0, n));
      const line = source.positions.get(key);
      if (line !== undefined) return { file: source.file, line, description: `${source.file}: ${formatPath(path)}` };
    }
    return undefined;
  }

  private lookup(chart: Chart, path: PathSegment[], isRoot: boolean): ValueOrigin | undefined {
    if (isRoot) {
      for (let i = this.userFiles.length - 1; i >= 0; i--) {
        const hit = this.exact(this.userFiles[i], path);
        if (hit !== undefined) return hit;
      }
    }
    const own = chart.valuesFile === undefined ? undefined : { file: chart.valuesFile.origin, positions: chart.valuesFile.positions };
    if (own !== undefined) {
      const hit = this.exact(own, path);
      if (hit !== undefined) return hit;
    }
    const [head, ...rest] = path;
    const sub = chart.dependencies.find((d) => chartName(d) === head);
    if (sub !== undefined && rest.length > 0) {
      if (rest[0] === 'global') {
        const global = this.lookup(this.root, rest, true);
        if (global !== undefined) return global;
      }
      const hit = this.lookup(sub, rest, false);
      if (hit !== undefined) return hit;
    }
    if (isRoot) for (let i = this.userFiles.length - 1; i >= 0; i--) {
      const hit = this.at(this.userFiles[i], path);
      if (hit !== undefined) return hit;
    }
    return own === undefined ? undefined : this.at(own, path);
  }

  private exact(source: ValuesSource, path: PathSegment[]): ValueOrigin | undefined {
    const line = source.positions.get(formatPath(path));
    return line === undefined ? undefined : { file: source.file, line, description: `${source.file}: ${formatPath(path)}` };
  }
}

function allCharts(c: Chart): Chart[] {
  return [c, ...c.dependencies.flatMap(allCharts)];
}

function releaseObject(name: string, namespace: string, isUpgrade: boolean): GoMap {
  const r = newMap();
  r.Name = name;
  r.Namespace = namespace;
  r.IsUpgrade = isUpgrade;
  r.IsInstall = !isUpgrade;
  r.Revision = new GoInt(1, 'int');
  r.Service = 'Helm';
  return r;
}

/** engine.recAllTpls: each chart's templates get that chart's view of the values. */
function collectTemplates(c: Chart, vals: GoMap, out: Renderable[], templateFiles: Map<string, ChartFile>): GoMap {
  const subcharts = newMap();
  const next = newMap();
  next.Chart = new ChartObject(c.metadata, c.parent === undefined);
  next.Files = filesObject(chartFilesMap(c.files));
  next.Release = vals.Release;
  next.Capabilities = vals.Capabilities;
  next.Subcharts = subcharts;
  if (c.parent === undefined) next.Values = vals.Values;
  else {
    const parentValues = vals.Values;
    const own = isGoMap(parentValues) ? parentValues[chartName(c)] : null;
    next.Values = isGoMap(own) ? own : setMapType(newMap(), 'chartutil.Values');
  }
  for (const child of c.dependencies) subcharts[chartName(child)] = collectTemplates(child, next, out, templateFiles);
  const fullPath = chartFullPath(c);
  const library = isLibrary(c);
  for (const t of c.templates) {
    const base = t.name.slice(t.name.lastIndexOf('/') + 1);
    if (library && !base.startsWith('_')) continue;
    const name = `${fullPath}/${t.name}`;
    templateFiles.set(name, t);
    out.push({ name, text: Buffer.from(t.data).toString('utf8'), vals: next, basePath: `${fullPath}/templates` });
  }
  return next;
}

function readUserValues(files: string[], display: (p: string) => string): { values: GoMap; sources: ValuesSource[] } {
  let base = newMap();
  const sources: ValuesSource[] = [];
  for (const file of files) {
    const shown = display(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Failure(`open ${shown}: no such file or directory`, shown);
    }
    let decoded;
    try {
      decoded = decodeYaml(text, { positions: true });
    } catch (e) {
      if (e instanceof YamlError) throw new Failure(`failed to parse ${shown}: ${e.message.startsWith('error converting') ? e.message : `error converting YAML to JSON: ${e.message}`}`, shown, e.line, undefined, 'yaml-syntax');
      throw e;
    }
    const value = decoded.value ?? newMap();
    if (!isGoMap(value)) throw new Failure(`failed to parse ${shown}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}`, shown);
    base = mergeMaps(base, value);
    sources.push({ file: shown, positions: decoded.positions });
  }
  return { values: base, sources };
}

/** A render failure as a diagnostic; a bug of ours (never expected) still must not abort the scan. */
function failureDiagnostic(e: unknown, chartDisplay: string): Diagnostic {
  if (e instanceof Failure) return diagnostic(e.code, e.file, e.message, { line: e.line, column: e.column });
  const detail = e instanceof RangeError ? 'template nesting too deep' : e instanceof Error ? e.message : String(e);
  return diagnostic('helm-render', chartDisplay, `internal error while rendering the chart: ${detail}`);
}

export function renderChart(chartDir: string, options: RenderOptions = {}): RenderResult {
  const repoRoot = resolve(options.repoRoot ?? chartDir);
  const display = (p: string): string => {
    const abs = isAbsolute(p) ? p : resolve(p);
    const rel = toSlash(relative(repoRoot, abs));
    return rel === '' ? '.' : rel;
  };
  const chartDisplay = display(resolve(chartDir));
  const diagnostics: Diagnostic[] = [];
  try {
    return { manifests: render(chartDir, chartDisplay, options, display, diagnostics), diagnostics };
  } catch (e) {
    diagnostics.push(failureDiagnostic(e, chartDisplay));
    return { manifests: [], diagnostics };
  }
}

interface Rendered {
  chart: Chart;
  files: RenderedFile[];
  fileOf: (template: string) => string;
  origins: ValuesOrigins;
}

function renderFiles(chartDir: string, chartDisplay: string, options: RenderOptions, display: (p: string) => string, diagnostics: Diagnostic[]): Rendered {
  const warn = (message: string): void => {
    diagnostics.push(diagnostic('helm-render', chartDisplay, message, {}, 'info'));
  };
  let chart: Chart;
  try {
    const loaded = loadChart(resolve(chartDir), chartDisplay);
    chart = loaded.chart;
    for (const w of loaded.warnings) diagnostics.push(diagnostic('helm-render', w.file, w.message, {}, 'warning'));
  } catch (e) {
    if (e instanceof ChartLoadError) throw new Failure(e.message, e.file ?? chartDisplay, e.line);
    throw e;
  }
  const chartYaml = `${chartDisplay === '.' ? '' : `${chartDisplay}/`}Chart.yaml`;
  if (isLibrary(chart)) throw new Failure('library charts are not installable', chartYaml);
  const missing = missingDependencies(chart);
  if (missing.length > 0) {
    const message = `found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`;
    if ((options.missingDependencies ?? 'error') === 'error') {
      throw new Failure(`An error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: ${message}`, chartYaml);
    }
    diagnostics.push(diagnostic('helm-render', chartYaml, `${message}; rendering without them`, {}, 'warning'));
    const present = new Set(chart.dependencies.map(chartName));
    chart.metadata.dependencies = (chart.metadata.dependencies ?? []).filter((d) => present.has(d.name));
  }

  const user = readUserValues(options.valuesFiles ?? [], display);
  const setValues = newMap();
  const applySet = (lines: string[], forceString: boolean): void => {
    for (const line of lines) {
      try {
        parseInto(line, user.values, forceString);
        parseInto(line, setValues, forceString);
      } catch (e) {
        if (e instanceof StrvalsError) throw new Failure(`failed parsing ${forceString ? '--set-string' : '--set'} data: ${e.message}`, chartDisplay);
        throw e;
      }
    }
  };
  applySet(setLines(options.set), false);
  applySet(setLines(options.setString), true);

  try {
    processDependencies(chart, user.values, warn);
  } catch (e) {
    if (e instanceof CoalesceError) throw new Failure(e.message, chartYaml);
    throw e;
  }

  let kube: KubeVersion;
  try {
    kube = KubeVersion.parse(options.kubeVersion ?? DEFAULT_KUBE_VERSION);
  } catch (e) {
    throw new Failure(`invalid kube version ${JSON.stringify(options.kubeVersion)}: ${e instanceof Error ? e.message : String(e)}`, chartDisplay);
  }
  const caps = new Capabilities(kube, [...DEFAULT_API_VERSIONS, ...(options.apiVersions ?? [])]);

  let values: GoMap;
  try {
    values = coalesceValues(chart, user.values, warn);
  } catch (e) {
    if (e instanceof CoalesceError) throw new Failure(e.message, chartYaml);
    throw e;
  }
  setMapType(values, 'chartutil.Values');
  const schema = validateChartValues(chart, values);
  if (schema !== undefined) {
    const schemaFile = chart.schemaOrigin ?? chartYaml;
    throw new Failure(schema.message, schemaFile, undefined, undefined, 'helm-values-schema');
  }
  if (chart.metadata.kubeVersion !== '' && !isCompatibleRange(chart.metadata.kubeVersion, kube.version)) {
    throw new Failure(`chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`, chartYaml);
  }

  const top = newMap();
  top.Values = values;
  top.Release = releaseObject(options.releaseName ?? 'release-name', options.namespace ?? 'default', options.isUpgrade ?? false);
  top.Capabilities = caps;
  const templates: Renderable[] = [];
  const templateFiles = new Map<string, ChartFile>();
  collectTemplates(chart, top, templates, templateFiles);

  const engine = new Engine({ now: options.now ?? new Date(0), seed: options.seed ?? DEFAULT_SEED, maxOutputBytes: options.maxOutputBytes, maxSteps: options.maxSteps });
  engine.context.register(values, []);
  const fileOf = (template: string): string => templateFiles.get(template)?.origin ?? template;
  let rendered;
  try {
    rendered = engine.render(templates);
  } catch (e) {
    if (e instanceof RenderError) throw new Failure(collapseIncludeChain(e.message), e.template === undefined ? chartDisplay : fileOf(e.template), e.line, e.column);
    throw e;
  }

  return { chart, files: rendered, fileOf, origins: new ValuesOrigins(chart, user.sources, setValues) };
}

/** Runaway include recursion nests one identical error per level (Helm prints them all); keep the message readable. */
function collapseIncludeChain(message: string): string {
  const separator = 'error calling include: ';
  const parts = message.split(separator);
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let j = i;
    while (j + 1 < parts.length && parts[j + 1] === parts[i]) j++;
    const repeats = j - i + 1;
    if (repeats > 3) out.push(parts[i], `[${repeats - 2} identical nested levels omitted] `, parts[i]);
    else out.push(...parts.slice(i, j + 1));
    i = j + 1;
  }
  return out.join(separator);
}

/** The rendered template files before Helm splits and sorts them (like `helm template --debug` on a YAML error). */
export function renderChartFiles(chartDir: string, options: RenderOptions = {}): { files: { template: string; file: string; text: string }[]; diagnostics: Diagnostic[] } {
  const repoRoot = resolve(options.repoRoot ?? chartDir);
  const display = (p: string): string => toSlash(relative(repoRoot, isAbsolute(p) ? p : resolve(p))) || '.';
  const diagnostics: Diagnostic[] = [];
  try {
    const r = renderFiles(chartDir, display(resolve(chartDir)), options, display, diagnostics);
    return { files: r.files.map((f) => ({ template: f.name, file: r.fileOf(f.name), text: f.text })), diagnostics };
  } catch (e) {
    diagnostics.push(failureDiagnostic(e, display(resolve(chartDir))));
    return { files: [], diagnostics };
  }
}

function render(chartDir: string, chartDisplay: string, options: RenderOptions, display: (p: string) => string, diagnostics: Diagnostic[]): RenderedManifest[] {
  const { chart, files: rendered, fileOf, origins } = renderFiles(chartDir, chartDisplay, options, display, diagnostics);
  const generic: RenderedManifest[] = [];
  const hooks: RenderedManifest[] = [];
  const files = rendered.filter((f) => !f.name.endsWith('NOTES.txt')).sort((a, b) => byText(a.name, b.name));
  for (const file of files) {
    if (file.text.trim() === '') continue;
    for (const doc of splitManifests(file.text)) {
      let head;
      try {
        head = readHead(doc.text);
      } catch (e) {
        if (e instanceof ManifestError) {
          const at = e.message.match(/line (\d+)/);
          const docLine = at === null ? 0 : Number(at[1]) - 1;
          const src = file.lines[doc.startLine + docLine];
          throw new Failure(`YAML parse error on ${file.name}: ${e.message}`, fileOf(file.name), src?.line);
        }
        throw e;
      }
      const manifest: RenderedManifest = {
        template: file.name,
        file: fileOf(file.name),
        text: doc.text,
        lines: doc.text.split('\n').map((_, i) => lineOf(file.lines[doc.startLine + i], fileOf, origins)),
        kind: head.kind,
        name: head.name,
      };
      const events = hookEvents(head);
      if (events === null) {
        diagnostics.push(diagnostic('helm-render', manifest.file, `skipping unknown hook: ${JSON.stringify(head.annotations?.['helm.sh/hook'] ?? '')}`, {}, 'info'));
        continue;
      }
      if (events === undefined) generic.push(manifest);
      else {
        manifest.hook = events;
        hooks.push(manifest);
      }
    }
  }
  const out: RenderedManifest[] = [];
  if (options.includeCrds === true) {
    for (const c of allCharts(chart)) {
      for (const f of c.files.filter((x) => x.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(x.name))) {
        const text = Buffer.from(f.data).toString('utf8');
        for (const doc of splitManifests(text)) {
          let head;
          try {
            head = readHead(doc.text);
          } catch {
            head = { kind: '', name: '', annotations: null };
          }
          const file = f.origin;
          out.push({
            template: `${chartFullPath(c)}/${f.name}`,
            file,
            text: doc.text,
            lines: doc.text.split('\n').map((_, i) => ({ file, line: doc.startLine + i + 1 })),
            kind: head.kind,
            name: head.name,
          });
        }
      }
    }
  }
  out.push(...sortByKind(generic));
  if (options.noHooks !== true) {
    for (const h of sortByKind(hooks)) {
      if (options.skipTests === true && (h.hook ?? []).some((e) => e === 'test' || e === 'test-success')) continue;
      out.push(h);
    }
  }
  return out;
}

function lineOf(source: LineSource | undefined, fileOf: (t: string) => string, origins: ValuesOrigins): ManifestLine {
  if (source === undefined || source.template === '') return { file: '', line: 0 };
  const line: ManifestLine = { file: fileOf(source.template), line: source.line };
  if (source.valuesPath !== undefined) {
    const origin = origins.origin(source.valuesPath);
    if (origin !== undefined) line.origin = origin;
  }
  return line;
}
