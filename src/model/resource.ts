import type { JsonObject, JsonValue } from './json.js';

export type SourceKind = 'kubernetes' | 'terraform' | 'terraform-plan' | 'helm';

/** A 1-based position in a repository file (forward slashes, relative to the scan root). */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/**
 * Marker for a value Terraform would only know after apply (or an expression Evident cannot evaluate).
 * Policies test for it with `lib.unknown(x)`; they must never treat it as true or false.
 */
export const UNKNOWN_KEY = '__unknown__';
export type UnknownValue = { [UNKNOWN_KEY]: string };

export function unknownValue(reason: string): UnknownValue {
  return { [UNKNOWN_KEY]: reason };
}

export function isUnknown(value: JsonValue | undefined): value is UnknownValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value[UNKNOWN_KEY] === 'string';
}

/** Where a rendered value came from, when it is not the file itself (a Helm values key, a tfvars line). */
export interface ValueOrigin extends SourceLocation {
  /** e.g. `values.yaml: securityContext.privileged` or `deployments/westeu-prod-1.tfvars: vnet_cidr` */
  description: string;
  /** Findings about this value point here, not at the line that uses it: the value is wrong where it is set (a tfvars line). */
  primary?: boolean;
}

export interface Resource {
  /** Unique within one scan; assigned by the scan after sorting. Policies refer to resources by it. */
  id: string;
  source: SourceKind;
  /** `Deployment`, `azurerm_storage_account`, ... */
  type: string;
  /** Stable address: `Deployment/payments/api`, `module.net.azurerm_subnet.this["db"]`. */
  address: string;
  /** Terraform deployment (tfvars set) or Helm release the resource was evaluated for. */
  deployment?: string;
  /** Terraform provider (`azurerm`, `aws`, `google`, `kubernetes`, ...) or `kubernetes` for manifests. */
  provider?: string;
  /** Terraform `resource` or `data`; for manifests always `resource`. */
  mode?: 'resource' | 'data';
  /** The configuration as plain JSON; unknown values are `{"__unknown__": reason}`. */
  attributes: JsonObject;
  file: string;
  line: number;
  endLine: number;
  /** Line of each attribute path, keyed by `formatPath(path)`; may point into another file (modules, templates). */
  locations: Record<string, SourceLocation>;
  /** Origins of values that came from elsewhere (values files, tfvars), keyed like `locations`. */
  origins?: Record<string, ValueOrigin>;
  /** Attribute paths whose values are secret; reports redact them. */
  sensitive?: string[];
  /** Addresses of the resources each attribute's expression refers to (`azurerm_storage_account.this`), keyed like `locations`. */
  references?: Record<string, string[]>;
  /** Free-form facts parsers know (chart name, module path, k8s namespace...). */
  meta?: Record<string, string>;
}
