/**
 * What `helm template` does with rendered files (pkg/releaseutil, Helm 3.10): split each file into
 * YAML documents, read kind/name/annotations, separate hooks, and order everything by kind.
 */
import { GoInt, isGoMap, type GoMap, type GoValue } from '../template/value.js';
import { decodeYaml, YamlError } from '../yaml/decode.js';

export const INSTALL_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const HOOK_EVENTS = new Set([
  'pre-install',
  'post-install',
  'pre-delete',
  'post-delete',
  'pre-upgrade',
  'post-upgrade',
  'pre-rollback',
  'post-rollback',
  'test',
  'test-success',
]);

/** One YAML document of a rendered file, with the line it starts on (0-based) in that file. */
export interface SplitDocument {
  text: string;
  startLine: number;
}

/** releaseutil.SplitManifests: split on `---` lines after trimming, keeping where each piece starts. */
export function splitManifests(file: string): SplitDocument[] {
  const leading = file.length - file.trimStart().length;
  const trimmed = file.trim();
  const sep = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;
  const docs: SplitDocument[] = [];
  let last = 0;
  const push = (from: number, to: number): void => {
    const piece = trimmed.slice(from, to);
    if (piece === '') return;
    const lead = piece.length - piece.trimStart().length;
    const text = piece.trim();
    const absolute = leading + from + lead;
    docs.push({ text, startLine: countNewlines(file, absolute) });
  };
  for (let m = sep.exec(trimmed); m !== null; m = sep.exec(trimmed)) {
    if (m[0].length === 0) {
      sep.lastIndex++;
      continue;
    }
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, trimmed.length);
  return docs;
}

function countNewlines(text: string, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface Head {
  kind: string;
  name: string;
  annotations: Record<string, string> | null;
}

export class ManifestError extends Error {}

function headString(v: GoValue, field: string): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || v instanceof GoInt) return String(v instanceof GoInt ? v.value : v);
  const kind = Array.isArray(v) ? 'array' : 'object';
  throw new ManifestError(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go struct field ${field} of type string`);
}

/** yaml.Unmarshal into releaseutil.SimpleHead. */
export function readHead(doc: string): Head {
  let value: GoValue;
  try {
    value = decodeYaml(doc, { keepIntegers: true }).value;
  } catch (e) {
    if (e instanceof YamlError) throw new ManifestError(e.message.startsWith('error converting') ? e.message : `error converting YAML to JSON: ${e.message}`);
    throw e;
  }
  if (value === null) return { kind: '', name: '', annotations: null };
  if (!isGoMap(value)) {
    const kind = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : 'number';
    throw new ManifestError(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type releaseutil.SimpleHead`);
  }
  headString(value.apiVersion ?? null, 'SimpleHead.apiVersion');
  const kind = headString(value.kind ?? null, 'SimpleHead.kind');
  const metadata = value.metadata ?? null;
  if (metadata === null) return { kind, name: '', annotations: null };
  if (!isGoMap(metadata)) {
    const k = Array.isArray(metadata) ? 'array' : typeof metadata === 'string' ? 'string' : 'number';
    throw new ManifestError(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${k} into Go struct field SimpleHead.metadata of type struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }`);
  }
  const name = headString(metadata.name ?? null, 'SimpleHead.metadata.name');
  const raw = metadata.annotations ?? null;
  let annotations: Record<string, string> | null = null;
  if (raw !== null) {
    if (!isGoMap(raw)) throw new ManifestError('error unmarshaling JSON: while decoding JSON: json: cannot unmarshal into Go struct field .metadata.annotations of type map[string]string');
    annotations = Object.create(null) as Record<string, string>;
    for (const k of Object.keys(raw as GoMap)) annotations[k] = headString((raw as GoMap)[k], 'SimpleHead.metadata.annotations');
  }
  return { kind, name, annotations };
}

export interface Sortable {
  kind: string;
}

/** sortManifestsByKind / sortHooksByKind: stable, known kinds in install order, unknown kinds after, alphabetically. */
export function sortByKind<T extends Sortable>(items: T[]): T[] {
  const order = new Map(INSTALL_ORDER.map((k, i) => [k, i]));
  const less = (a: T, b: T): boolean => {
    const first = order.get(a.kind);
    const second = order.get(b.kind);
    if (first === undefined && second === undefined) return a.kind !== b.kind ? a.kind < b.kind : false;
    if (first === undefined) return false;
    if (second === undefined) return true;
    return first < second;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => (less(x.item, y.item) ? -1 : less(y.item, x.item) ? 1 : x.i - y.i))
    .map((x) => x.item);
}

/** The hook events a document declares, undefined when it is not a hook; null when the hook is unknown (Helm drops it). */
export function hookEvents(head: Head): string[] | undefined | null {
  if (head.annotations === null || Object.keys(head.annotations).length === 0) return undefined;
  const hooks = head.annotations['helm.sh/hook'];
  if (hooks === undefined) return undefined;
  const events: string[] = [];
  for (const raw of hooks.split(',')) {
    const event = raw.trim().toLowerCase();
    if (!HOOK_EVENTS.has(event)) return null;
    events.push(event);
  }
  return events;
}
