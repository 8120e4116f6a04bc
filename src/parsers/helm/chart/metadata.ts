/**
 * Chart.yaml as Helm reads it: sigs.k8s.io/yaml decodes into chart.Metadata, turning numbers and
 * booleans into strings where the field is a string (so `appVersion: 1.0` becomes "1"), and
 * failing with encoding/json's wording when a field has the wrong shape.
 */
import { formatFloat32 } from '../template/strconv.js';
import { GoInt, GoStruct, isGoMap, newMap, newSlice, setMapType, sortedKeys, type GoFunc, type GoMap, type GoValue } from '../template/value.js';

export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: GoValue[];
  alias: string;
}

export interface Metadata {
  name: string;
  home: string;
  sources: string[] | null;
  version: string;
  description: string;
  keywords: string[] | null;
  maintainers: Maintainer[] | null;
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string> | null;
  kubeVersion: string;
  dependencies: Dependency[] | null;
  type: string;
}

export class MetadataError extends Error {}

export function emptyMetadata(): Metadata {
  return {
    name: '',
    home: '',
    sources: null,
    version: '',
    description: '',
    keywords: null,
    maintainers: null,
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: null,
    kubeVersion: '',
    dependencies: null,
    type: '',
  };
}

function jsonKind(v: GoValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isGoMap(v)) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

function typeError(v: GoValue, where: string, type: string): never {
  throw new MetadataError(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go struct field ${where} of type ${type}`);
}

/** A scalar headed for a Go string field (sigs.k8s.io/yaml converts numbers and booleans first). */
function asString(v: GoValue, where: string): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof GoInt) return v.value.toString();
  if (typeof v === 'number') return formatFloat32(v);
  return typeError(v, where, 'string');
}


function asBool(v: GoValue, where: string): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  return typeError(v, where, 'bool');
}

function asStrings(v: GoValue, where: string): string[] | null {
  if (v === null) return null;
  if (!Array.isArray(v)) return typeError(v, where, '[]string');
  return v.map((x) => asString(x, where));
}

/** Finds a JSON key for a Go field: exact tag first, then case-insensitively (encoding/json's rule). */
function fields<T extends string>(map: GoMap, names: readonly T[]): Map<T, GoValue> {
  const out = new Map<T, GoValue>();
  for (const key of Object.keys(map)) {
    const exact = names.find((n) => n === key);
    const field = exact ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
    if (field !== undefined && (exact !== undefined || !out.has(field))) out.set(field, map[key]);
  }
  return out;
}

const METADATA_FIELDS = [
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'icon',
  'apiVersion',
  'condition',
  'tags',
  'appVersion',
  'deprecated',
  'annotations',
  'kubeVersion',
  'dependencies',
  'type',
] as const;

const DEPENDENCY_FIELDS = ['name', 'version', 'repository', 'condition', 'tags', 'enabled', 'import-values', 'alias'] as const;

function toPlainValues(v: GoValue): GoValue {
  if (v instanceof GoInt) return v.toNumber();
  if (Array.isArray(v)) return v.map(toPlainValues);
  if (isGoMap(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = toPlainValues(v[k]);
    return out;
  }
  return v;
}

function decodeDependency(v: GoValue): Dependency {
  if (v === null) return { name: '', version: '', repository: '', condition: '', tags: [], enabled: false, importValues: [], alias: '' };
  if (!isGoMap(v)) return typeError(v, 'Metadata.dependencies', 'chart.Dependency');
  const f = fields(v, DEPENDENCY_FIELDS);
  const where = (n: string): string => `Metadata.dependencies.${n}`;
  const iv = f.get('import-values') ?? null;
  if (iv !== null && !Array.isArray(iv)) typeError(iv, where('import-values'), '[]interface {}');
  return {
    name: asString(f.get('name') ?? null, where('name')),
    version: asString(f.get('version') ?? null, where('version')),
    repository: asString(f.get('repository') ?? null, where('repository')),
    condition: asString(f.get('condition') ?? null, where('condition')),
    tags: asStrings(f.get('tags') ?? null, where('tags')) ?? [],
    enabled: asBool(f.get('enabled') ?? null, where('enabled')),
    importValues: iv === null ? [] : (toPlainValues(iv) as GoValue[]),
    alias: asString(f.get('alias') ?? null, where('alias')),
  };
}

/** Applies one YAML document (decoded with integers kept) onto metadata, like yaml.Unmarshal into the struct. */
export function decodeMetadata(raw: GoValue, into: Metadata): Metadata {
  if (raw === null) return into;
  if (!isGoMap(raw)) return typeError(raw, 'Metadata', 'chart.Metadata');
  const f = fields(raw, METADATA_FIELDS);
  const m = into;
  const str = (n: (typeof METADATA_FIELDS)[number]): string | undefined => (f.has(n) ? asString(f.get(n) ?? null, `Metadata.${n}`) : undefined);
  m.name = str('name') ?? m.name;
  m.home = str('home') ?? m.home;
  m.version = str('version') ?? m.version;
  m.description = str('description') ?? m.description;
  m.icon = str('icon') ?? m.icon;
  m.apiVersion = str('apiVersion') ?? m.apiVersion;
  m.condition = str('condition') ?? m.condition;
  m.tags = str('tags') ?? m.tags;
  m.appVersion = str('appVersion') ?? m.appVersion;
  m.kubeVersion = str('kubeVersion') ?? m.kubeVersion;
  m.type = str('type') ?? m.type;
  if (f.has('sources')) m.sources = asStrings(f.get('sources') ?? null, 'Metadata.sources');
  if (f.has('keywords')) m.keywords = asStrings(f.get('keywords') ?? null, 'Metadata.keywords');
  if (f.has('deprecated')) m.deprecated = asBool(f.get('deprecated') ?? null, 'Metadata.deprecated');
  if (f.has('annotations')) {
    const a = f.get('annotations') ?? null;
    if (a === null) m.annotations = null;
    else if (!isGoMap(a)) typeError(a, 'Metadata.annotations', 'map[string]string');
    else {
      const out: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const k of Object.keys(a)) out[k] = asString(a[k], 'Metadata.annotations');
      m.annotations = out;
    }
  }
  if (f.has('maintainers')) {
    const list = f.get('maintainers') ?? null;
    if (list === null) m.maintainers = null;
    else if (!Array.isArray(list)) typeError(list, 'Metadata.maintainers', '[]*chart.Maintainer');
    else
      m.maintainers = list.map((x) => {
        if (x === null) return { name: '', email: '', url: '' };
        if (!isGoMap(x)) return typeError(x, 'Metadata.maintainers', 'chart.Maintainer');
        const mf = fields(x, ['name', 'email', 'url'] as const);
        return {
          name: asString(mf.get('name') ?? null, 'Metadata.maintainers.name'),
          email: asString(mf.get('email') ?? null, 'Metadata.maintainers.email'),
          url: asString(mf.get('url') ?? null, 'Metadata.maintainers.url'),
        };
      });
  }
  if (f.has('dependencies')) {
    const list = f.get('dependencies') ?? null;
    if (list === null) m.dependencies = null;
    else if (!Array.isArray(list)) typeError(list, 'Metadata.dependencies', '[]*chart.Dependency');
    else m.dependencies = list.map(decodeDependency);
  }
  return m;
}

/** chart.Metadata.Validate's string sanitising: spaces become ' ', non-printable runes go. */
function sanitize(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/^\s$/u.test(ch)) out += ' ';
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
  }
  return out;
}

const VERSION_RE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** chart.Metadata.Validate (Helm 3.10). */
export function validateMetadata(m: Metadata): void {
  m.name = sanitize(m.name);
  m.description = sanitize(m.description);
  m.home = sanitize(m.home);
  m.icon = sanitize(m.icon);
  m.condition = sanitize(m.condition);
  m.tags = sanitize(m.tags);
  m.appVersion = sanitize(m.appVersion);
  m.kubeVersion = sanitize(m.kubeVersion);
  if (m.sources !== null) m.sources = m.sources.map(sanitize);
  if (m.keywords !== null) m.keywords = m.keywords.map(sanitize);
  if (m.apiVersion === '') throw new MetadataError('validation: chart.metadata.apiVersion is required');
  if (m.name === '') throw new MetadataError('validation: chart.metadata.name is required');
  if (m.version === '') throw new MetadataError('validation: chart.metadata.version is required');
  if (!VERSION_RE.test(m.version)) throw new MetadataError(`validation: chart.metadata.version ${JSON.stringify(m.version)} is invalid`);
  if (m.type !== '' && m.type !== 'application' && m.type !== 'library') throw new MetadataError('validation: chart.metadata.type must be application or library');
  for (const maintainer of m.maintainers ?? []) {
    maintainer.name = sanitize(maintainer.name);
    maintainer.email = sanitize(maintainer.email);
    maintainer.url = sanitize(maintainer.url);
    if (maintainer.name === '') throw new MetadataError('validation: each maintainer requires a name');
    if (maintainer.email !== '' && !/^[^@\s]+@[^@\s]+$/.test(maintainer.email)) throw new MetadataError(`validation: invalid email '${maintainer.email}' for maintainer '${maintainer.name}'`);
  }
  for (const d of m.dependencies ?? []) {
    if (d.alias !== '' && !/^[a-zA-Z0-9._-]+$/.test(d.alias)) throw new MetadataError(`validation: dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`);
  }
}

/** `.Chart` in templates: struct { chart.Metadata; IsRoot bool } with the embedded fields promoted. */
export class ChartObject extends GoStruct {
  readonly goType = 'struct { chart.Metadata; IsRoot bool }';
  private readonly meta: Metadata;
  private readonly root: boolean;
  constructor(meta: Metadata, root: boolean) {
    super();
    this.meta = meta;
    this.root = root;
  }
  override fieldNames(): readonly string[] {
    return [...FIELD_NAMES, 'Metadata', 'IsRoot'];
  }
  override field(name: string): GoValue {
    if (name === 'IsRoot') return this.root;
    if (name === 'Metadata') return new MetadataObject(this.meta);
    return new MetadataObject(this.meta).field(name);
  }
  override fieldType(name: string): string {
    return name === 'IsRoot' ? 'bool' : new MetadataObject(this.meta).fieldType(name);
  }
  override jsonValue(): GoValue {
    const out = new MetadataObject(this.meta).jsonValue() as GoMap;
    out.IsRoot = this.root;
    return out;
  }
  override method(): GoFunc | undefined {
    return undefined;
  }
  override printFields(): { name: string; value: GoValue }[] {
    return [
      { name: 'Metadata', value: new MetadataObject(this.meta) },
      { name: 'IsRoot', value: this.root },
    ];
  }
}

const FIELD_NAMES = [
  'Name',
  'Home',
  'Sources',
  'Version',
  'Description',
  'Keywords',
  'Maintainers',
  'Icon',
  'APIVersion',
  'Condition',
  'Tags',
  'AppVersion',
  'Deprecated',
  'Annotations',
  'KubeVersion',
  'Dependencies',
  'Type',
] as const;

function strList(list: string[] | null): GoValue {
  return newSlice(list === null ? [] : [...list], 'string');
}

class MaintainerObject extends GoStruct {
  readonly goType = '*chart.Maintainer';
  private readonly m: Maintainer;
  constructor(m: Maintainer) {
    super();
    this.m = m;
  }
  override fieldNames(): readonly string[] {
    return ['Name', 'Email', 'URL'];
  }
  override field(name: string): GoValue {
    return name === 'Name' ? this.m.name : name === 'Email' ? this.m.email : name === 'URL' ? this.m.url : null;
  }
  override jsonValue(): GoValue {
    const out = newMap();
    if (this.m.name !== '') out.name = this.m.name;
    if (this.m.email !== '') out.email = this.m.email;
    if (this.m.url !== '') out.url = this.m.url;
    return out;
  }
}

class DependencyObject extends GoStruct {
  readonly goType = '*chart.Dependency';
  private readonly d: Dependency;
  constructor(d: Dependency) {
    super();
    this.d = d;
  }
  override fieldNames(): readonly string[] {
    return ['Name', 'Version', 'Repository', 'Condition', 'Tags', 'Enabled', 'ImportValues', 'Alias'];
  }
  override field(name: string): GoValue {
    switch (name) {
      case 'Name':
        return this.d.name;
      case 'Version':
        return this.d.version;
      case 'Repository':
        return this.d.repository;
      case 'Condition':
        return this.d.condition;
      case 'Tags':
        return strList(this.d.tags);
      case 'Enabled':
        return this.d.enabled;
      case 'ImportValues':
        return this.d.importValues;
      case 'Alias':
        return this.d.alias;
    }
    return null;
  }
  override jsonValue(): GoValue {
    const out = newMap();
    out.name = this.d.name;
    if (this.d.version !== '') out.version = this.d.version;
    out.repository = this.d.repository;
    if (this.d.condition !== '') out.condition = this.d.condition;
    if (this.d.tags.length > 0) out.tags = strList(this.d.tags);
    if (this.d.enabled) out.enabled = true;
    if (this.d.importValues.length > 0) out['import-values'] = this.d.importValues;
    if (this.d.alias !== '') out.alias = this.d.alias;
    return out;
  }
}

export class MetadataObject extends GoStruct {
  readonly goType = 'chart.Metadata';
  private readonly m: Metadata;
  constructor(m: Metadata) {
    super();
    this.m = m;
  }
  override fieldNames(): readonly string[] {
    return FIELD_NAMES;
  }
  override field(name: string): GoValue {
    const m = this.m;
    switch (name) {
      case 'Name':
        return m.name;
      case 'Home':
        return m.home;
      case 'Sources':
        return strList(m.sources);
      case 'Version':
        return m.version;
      case 'Description':
        return m.description;
      case 'Keywords':
        return strList(m.keywords);
      case 'Maintainers':
        return newSlice((m.maintainers ?? []).map((x) => new MaintainerObject(x)), '*chart.Maintainer');
      case 'Icon':
        return m.icon;
      case 'APIVersion':
        return m.apiVersion;
      case 'Condition':
        return m.condition;
      case 'Tags':
        return m.tags;
      case 'AppVersion':
        return m.appVersion;
      case 'Deprecated':
        return m.deprecated;
      case 'Annotations': {
        const out = newMap();
        for (const k of Object.keys(m.annotations ?? {})) out[k] = (m.annotations as Record<string, string>)[k];
        return setMapType(out, 'map[string]string');
      }
      case 'KubeVersion':
        return m.kubeVersion;
      case 'Dependencies':
        return newSlice((m.dependencies ?? []).map((d) => new DependencyObject(d)), '*chart.Dependency');
      case 'Type':
        return m.type;
    }
    return null;
  }
  override jsonValue(): GoValue {
    const m = this.m;
    const out = newMap();
    const put = (k: string, v: GoValue, empty: boolean): void => {
      if (!empty) out[k] = v;
    };
    put('name', m.name, m.name === '');
    put('home', m.home, m.home === '');
    put('sources', strList(m.sources), (m.sources ?? []).length === 0);
    put('version', m.version, m.version === '');
    put('description', m.description, m.description === '');
    put('keywords', strList(m.keywords), (m.keywords ?? []).length === 0);
    put('maintainers', this.field('Maintainers'), (m.maintainers ?? []).length === 0);
    put('icon', m.icon, m.icon === '');
    put('apiVersion', m.apiVersion, m.apiVersion === '');
    put('condition', m.condition, m.condition === '');
    put('tags', m.tags, m.tags === '');
    put('appVersion', m.appVersion, m.appVersion === '');
    put('deprecated', m.deprecated, !m.deprecated);
    put('annotations', this.field('Annotations'), sortedKeys(this.field('Annotations') as GoMap).length === 0);
    put('kubeVersion', m.kubeVersion, m.kubeVersion === '');
    put('dependencies', this.field('Dependencies'), (m.dependencies ?? []).length === 0);
    put('type', m.type, m.type === '');
    return out;
  }
}
