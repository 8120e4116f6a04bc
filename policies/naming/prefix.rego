# METADATA
# title: Resource name does not start with its type abbreviation and the application name
# description: >-
#   Resource names follow {resource-type}-{app-name}-{deployment-name}-{descriptor}: a resource group is
#   rg-cf-westeu-prod-1, a PostgreSQL server psql-cf-westeu-prod-1. Every Terraform resource whose type has an
#   abbreviation in `naming.abbreviations` must be named `{abbr}-{app}-...`; the alphanumeric-only types of
#   `naming.compact` (storage accounts, container registries) `{abbr}{app}...` (stcfwesteuprod1). The name is the
#   provider's name attribute (`name`; `bucket`, `identifier`, ... or the Name tag on AWS types that have no name).
#   The comparison is exact: the convention is lowercase. A name only known after apply is reported as unknown;
#   resources without a name (AWS `name_prefix`, generated names) are not evaluated.
# custom:
#   id: EVD-NAM-001
#   severity: low
#   category: naming
#   remediation: Rename the resource to `{abbr}-{app}-{deployment}-{descriptor}` (compact types `{abbr}{app}{deployment}`), e.g. psql-cf-westeu-prod-1.
#   parameters: [naming.app, naming.abbreviations, naming.compact]
#   messages:
#     wrong_prefix: '{{kind}} name "{{name}}" does not start with "{{prefix}}" ({{form}})'
package evident.rules.naming.prefix

import data.evident.lib.naming
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

named contains {"resource": r, "name": entry.value, "path": entry.path} if {
	some r in tf.of_types({type | some type, _ in data.profile.naming.abbreviations})
	entry := naming.name_of(r)
}

applies contains entry.resource.id if some entry in named

deny contains finding if {
	some entry in named
	is_string(entry.name)
	prefix := naming.prefix(entry.resource.type)
	not startswith(entry.name, prefix)
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "wrong_prefix",
		"data": {
			"kind": resource_kinds.kind(entry.resource.type),
			"name": entry.name,
			"prefix": prefix,
			"form": form(entry.resource.type),
		},
	}
}

form(type) := "{abbr}{app}, letters and digits only" if naming.compact(type)

else := "{abbr}-{app}-"

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in named
	values.is_unknown(entry.name)
}
