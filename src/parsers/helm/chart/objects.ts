/** The built-in objects templates see: .Capabilities, .Files, .Release (Helm 3.10.1's `helm template`). */
import { toYamlString } from '../yaml/encode.js';
import { withMethods } from '../template/exec.js';
import { GoStruct, newMap, newSlice, setMapType, setSliceType, utf8Decode, type GoFunc, type GoMap, type GoValue } from '../template/value.js';
import { def } from '../funcs/support.js';
import { SemVersion } from '../funcs/semver.js';
import { compileGlob } from './match.js';
import type { ChartFile } from './loader.js';

/** What `helm template` 3.10.1 reports without --kube-version: client-go v0.25's version. */
export const DEFAULT_KUBE_VERSION = 'v1.25.0';

/** chartutil.DefaultVersionSet in Helm 3.10.1 (the API groups compiled into its client-go scheme). */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1alpha1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1alpha1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

export class KubeVersion extends GoStruct {
  readonly goType = 'chartutil.KubeVersion';
  readonly version: string;
  readonly major: string;
  readonly minor: string;
  constructor(version: string, major: string, minor: string) {
    super();
    this.version = version;
    this.major = major;
    this.minor = minor;
  }
  /** chartutil.ParseKubeVersion: any semver, normalised to vMAJOR.MINOR.PATCH. */
  static parse(text: string): KubeVersion {
    const v = SemVersion.parse(text);
    return new KubeVersion(`v${v.toString()}`, v.major.toString(), v.minor.toString());
  }
  override fieldNames(): readonly string[] {
    return ['Version', 'Major', 'Minor'];
  }
  override field(name: string): GoValue {
    return name === 'Version' ? this.version : name === 'Major' ? this.major : name === 'Minor' ? this.minor : null;
  }
  override stringer(): string {
    return this.version;
  }
  override method(name: string): GoFunc | undefined {
    if (name === 'String' || name === 'GitVersion') return def(name, [], 'string', () => this.version);
    return undefined;
  }
  override jsonValue(): GoValue {
    const m = newMap();
    m.Version = this.version;
    m.Major = this.major;
    m.Minor = this.minor;
    return m;
  }
}

class BuildInfo extends GoStruct {
  readonly goType = 'version.BuildInfo';
  override fieldNames(): readonly string[] {
    return ['Version', 'GitCommit', 'GitTreeState', 'GoVersion'];
  }
  override field(name: string): GoValue {
    switch (name) {
      case 'Version':
        return 'v3.10.1';
      case 'GitCommit':
        return '9f88ccb6aee40b9a0535fcc7efea6055e1ef72c9';
      case 'GitTreeState':
        return 'clean';
      case 'GoVersion':
        return 'go1.18.7';
    }
    return null;
  }
  override jsonValue(): GoValue {
    const m = newMap();
    m.version = this.field('Version');
    m.git_commit = this.field('GitCommit');
    m.git_tree_state = this.field('GitTreeState');
    m.go_version = this.field('GoVersion');
    return m;
  }
}

/** chartutil.VersionSet: a []string with Has. */
function versionSet(versions: readonly string[]): GoValue[] {
  const set = setSliceType([...versions], 'chartutil.VersionSet');
  return withMethods(set, { Has: def('Has', ['string'], 'bool', (v: string) => versions.includes(v)) });
}

export class Capabilities extends GoStruct {
  readonly goType = '*chartutil.Capabilities';
  readonly kubeVersion: KubeVersion;
  readonly apiVersions: readonly string[];
  constructor(kubeVersion: KubeVersion, apiVersions: readonly string[]) {
    super();
    this.kubeVersion = kubeVersion;
    this.apiVersions = apiVersions;
  }
  override fieldNames(): readonly string[] {
    return ['KubeVersion', 'APIVersions', 'HelmVersion'];
  }
  override field(name: string): GoValue {
    switch (name) {
      case 'KubeVersion':
        return this.kubeVersion;
      case 'APIVersions':
        return versionSet(this.apiVersions);
      case 'HelmVersion':
        return new BuildInfo();
    }
    return null;
  }
  override fieldType(name: string): string {
    return name === 'APIVersions' ? 'chartutil.VersionSet' : name === 'KubeVersion' ? 'chartutil.KubeVersion' : 'version.BuildInfo';
  }
}

/** engine.files: a map of file name to bytes with Get, GetBytes, Glob, Lines, AsConfig, AsSecrets. */
export function filesObject(files: Map<string, Uint8Array>): GoMap {
  const map = setMapType(newMap(), 'engine.files');
  for (const [name, data] of files) map[name] = data;
  const get = (name: string): Uint8Array => files.get(name) ?? new Uint8Array();
  const baseName = (p: string): string => {
    const trimmed = p.replace(/\/+$/, '');
    return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
  };
  const asMap = (encode: (data: Uint8Array) => string): string => {
    const m = setMapType(newMap(), 'map[string]string');
    for (const [name, data] of files) m[baseName(name)] = encode(data);
    return toYamlString(m);
  };
  return withMethods(map, {
    Get: def('Get', ['string'], 'string', (name: string) => utf8Decode(get(name))),
    GetBytes: def('GetBytes', ['string'], '[]uint8', (name: string) => get(name)),
    Glob: def('Glob', ['string'], 'engine.files', (pattern: string) => {
      const re = compileGlob(pattern) ?? /^.*$/su;
      return filesObject(new Map([...files].filter(([name]) => re.test(name))));
    }),
    Lines: def('Lines', ['string'], '[]string', (name: string) => {
      const data = files.get(name);
      return newSlice(data === undefined ? [] : utf8Decode(data).split('\n'), 'string');
    }),
    AsConfig: def('AsConfig', [], 'string', () => asMap((d) => utf8Decode(d))),
    AsSecrets: def('AsSecrets', [], 'string', () => asMap((d) => Buffer.from(d).toString('base64'))),
  });
}

export function chartFilesMap(files: ChartFile[]): Map<string, Uint8Array> {
  return new Map(files.map((f) => [f.name, f.data]));
}
