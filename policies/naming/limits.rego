# METADATA
# title: Resource name breaks the provider's length or character limits
# description: >-
#   Providers reject names outside their limits, often only at apply time, and several names are global DNS labels:
#   Key Vault 3–24 alphanumerics and hyphens, storage accounts 3–24 lowercase letters and digits, container
#   registries 5–50 alphanumerics (the architecture document), and the provider rules for resource groups, VNets,
#   subnets, PostgreSQL/MySQL/SQL servers, Redis, Cosmos DB, Log Analytics, S3 and Cloud Storage buckets. Every
#   resource whose type has an entry in `naming.limits` is checked: its length (in characters) against min/max and
#   the whole name against the pattern. Long deployment names push names over the limit (kv-cf-australiaeast-prod-1-ab12
#   is 31 characters). A name only known after apply is reported as unknown.
# custom:
#   id: EVD-NAM-003
#   severity: medium
#   category: naming
#   remediation: >-
#     Shorten the name (a shorter descriptor; compact types drop hyphens) or remove the characters the provider does
#     not allow; the limits are in `naming.limits`.
#   parameters: [naming.limits]
#   messages:
#     too_long: '{{kind}} name "{{name}}" is {{length}} characters long; the limit is {{max}}'
#     too_short: '{{kind}} name "{{name}}" is {{length}} characters long; the minimum is {{min}}'
#     charset: '{{kind}} name "{{name}}" breaks the naming rule: {{allowed}}'
package evident.rules.naming.limits

import data.evident.lib.naming
import data.evident.lib.resource_kinds
import data.evident.lib.values
import rego.v1

limited contains {"resource": r, "name": entry.value, "path": entry.path, "limit": limit} if {
	some r in input.resources
	limit := data.profile.naming.limits[r.type]
	object.get(r, "mode", "resource") == "resource"
	entry := naming.name_of(r)
}

applies contains entry.resource.id if some entry in limited

deny contains finding if {
	some entry in limited
	is_string(entry.name)
	count(entry.name) > entry.limit.max
	finding := result(entry, "too_long", {"length": count(entry.name), "max": entry.limit.max})
}

deny contains finding if {
	some entry in limited
	is_string(entry.name)
	count(entry.name) < entry.limit.min
	finding := result(entry, "too_short", {"length": count(entry.name), "min": entry.limit.min})
}

deny contains finding if {
	some entry in limited
	is_string(entry.name)
	count(entry.name) >= entry.limit.min
	not regex.match(entry.limit.pattern, entry.name)
	finding := result(entry, "charset", {"allowed": entry.limit.allowed})
}

result(entry, message, extra) := {
	"resource": entry.resource.id,
	"path": entry.path,
	"message": message,
	"data": object.union({"kind": resource_kinds.kind(entry.resource.type), "name": entry.name}, extra),
}

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in limited
	values.is_unknown(entry.name)
}
