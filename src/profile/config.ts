import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { diagnostic, SEVERITIES, type Diagnostic } from '../model/index.js';
import { defaultProfile } from './defaults.js';
import { profileOverridesSchema, type Profile } from './schema.js';
import { locateInYaml } from './yaml-locate.js';

export const CONFIG_FILE_NAMES = ['evident.config.yaml', 'evident.config.yml'];

export const configSchema = z.strictObject({
  ...profileOverridesSchema.shape,
  failOn: z.enum([...SEVERITIES, 'none']).optional().describe('Default for --fail-on.'),
  terraform: z
    .strictObject({
      deployments: z
        .array(
          z.strictObject({
            name: z.string().min(1),
            root: z.string().optional().describe('Root module directory; default: every root module.'),
            varFiles: z.array(z.string().min(1)).min(1).describe('tfvars files, relative to the scan root, in -var-file order.'),
          }),
        )
        .describe('Deployments to evaluate each root module for; default: deployments/*.tfvars and environments/*.tfvars beside it.'),
    })
    .partial()
    .optional(),
  scan: z
    .strictObject({
      maxFileBytes: z.number().int().positive().describe('Files larger than this are reported and skipped.'),
    })
    .partial()
    .optional(),
  helm: z
    .strictObject({
      releases: z
        .array(
          z.strictObject({
            chart: z.string().min(1).describe('Chart directory, relative to the scan root.'),
            name: z.string().min(1).describe('Release name (.Release.Name).'),
            namespace: z.string().min(1).optional().describe('Release namespace (default "default").'),
            values: z.array(z.string().min(1)).optional().describe('Values files relative to the scan root, in -f order (later files win).'),
            set: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('--set overrides, applied last.'),
            deployment: z.string().min(1).optional().describe('Deployment the release stands for (default: the release name).'),
          }),
        )
        .describe('Releases to render each chart as; a chart without releases renders with its defaults like `helm template` (release-name, namespace default).'),
      kubeVersion: z.string().optional().describe('.Capabilities.KubeVersion (default v1.25.0, as helm template).'),
      apiVersions: z.array(z.string()).optional().describe('Extra .Capabilities.APIVersions.'),
    })
    .partial()
    .optional(),
  policies: z
    .strictObject({
      paths: z.array(z.string().min(1)).min(1).describe("Directories of the organisation's own Rego rules (packages evident.rules.<family>.<name>)."),
      bundle: z.string().min(1).optional().describe('Where `evident policy build` writes the compiled bundle, and scans load it (default: <first path>/compiled).'),
    })
    .optional()
    .describe("The organisation's own policies, compiled to WASM and run beside Evident's."),
  evidence: z
    .strictObject({
      organisation: z.string().trim().min(1).describe('Organisation named on the evidence pack (default: the scanned directory name).'),
      repository: z.string().trim().min(1).describe('Repository named on the evidence pack (default: the scanned directory name).'),
    })
    .partial()
    .optional(),
});

export type EvidentConfig = z.infer<typeof configSchema>;

export interface LoadedConfig {
  /** Repo-relative or absolute path of the config file, when one was read. */
  file?: string;
  text?: string;
  config: EvidentConfig;
  profile: Profile;
  diagnostics: Diagnostic[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars from the override replace the default. */
export function deepMerge<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = key in base ? deepMerge(base[key], value) : value;
  return out as T;
}

function profileOf(config: EvidentConfig): Profile {
  const overrides = Object.fromEntries(Object.keys(profileOverridesSchema.shape).map((key) => [key, config[key as keyof EvidentConfig]]));
  return deepMerge(defaultProfile, overrides);
}

/** Reads `evident.config.yaml` at the root (or `explicitPath`); every problem is a diagnostic at file:line. */
export function loadConfig(root: string, explicitPath?: string): LoadedConfig {
  const candidates = explicitPath ? [path.resolve(explicitPath)] : CONFIG_FILE_NAMES.map((name) => path.join(root, name));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    if (explicitPath) {
      return { config: {}, profile: defaultProfile, diagnostics: [diagnostic('config-invalid', explicitPath, 'config file not found')] };
    }
    return { config: {}, profile: defaultProfile, diagnostics: [] };
  }
  const relative = path.relative(root, found);
  const file = relative.startsWith('..') ? found : relative.split(path.sep).join('/');
  const text = readFileSync(found, 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error) => {
      const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
      return diagnostic('config-invalid', file, error.message.split('\n')[0], { line: pos.line, column: pos.col });
    });
    return { file, text, config: {}, profile: defaultProfile, diagnostics };
  }
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => {
          const pos = locateInYaml(doc, counter, issue.path, key);
          return diagnostic('config-invalid', file, `unknown key "${[...issue.path, key].join('.')}"`, pos);
        });
      }
      const pos = locateInYaml(doc, counter, issue.path);
      return [diagnostic('config-invalid', file, `${issue.path.join('.') || '(top level)'}: ${issue.message}`, pos)];
    });
    return { file, text, config: {}, profile: defaultProfile, diagnostics };
  }
  return { file, text, config: parsed.data, profile: profileOf(parsed.data), diagnostics: [] };
}
