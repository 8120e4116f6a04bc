# METADATA
# title: Storage account replication is weaker than the environment requires
# description: >-
#   The DR requirements for production keep storage accounts geo-redundant (GRS) so that blobs survive the loss of a
#   region: `resilience.storageReplication` lists the replication types allowed per environment (prod: GRS, RAGRS,
#   GZRS, RAGZRS); LRS and ZRS copies stay in one region. Checked on `account_replication_type` of Azure storage
#   accounts (required by the provider; compared without case) in the environments the profile lists. Resources whose
#   environment is unknown are not evaluated; a replication type only known after apply is reported as unknown.
# custom:
#   id: EVD-RSL-007
#   severity: high
#   category: resilience
#   remediation: Set `account_replication_type` to one of the environment's allowed types (GRS or better in prod).
#   parameters: [resilience.storageReplication]
#   messages:
#     weak: 'Storage account in {{environment}} has account_replication_type {{replication}}; {{environment}} requires one of {{allowed}}'
package evident.rules.resilience.storage_replication

import data.evident.lib.resilience as res
import data.evident.lib.values
import rego.v1

replication := data.profile.resilience.storageReplication

evaluated contains {"resource": r, "environment": env, "allowed": replication[env]} if {
	some r in res.in_environments({"azurerm_storage_account"}, {env | some env, _ in replication})
	env := res.environment(r)
}

applies contains entry.resource.id if some entry in evaluated

deny contains finding if {
	some entry in evaluated
	value := object.get(entry.resource.attributes, "account_replication_type", null)
	not values.is_unknown(value)
	not upper(text(value)) in {upper(allowed) | some allowed in entry.allowed}
	finding := {
		"resource": entry.resource.id,
		"path": ["account_replication_type"],
		"message": "weak",
		"data": {"environment": entry.environment, "replication": text(value), "allowed": concat(", ", entry.allowed)},
	}
}

text(value) := value if is_string(value)

else := "(not set)"

unknown contains {"resource": entry.resource.id, "path": ["account_replication_type"]} if {
	some entry in evaluated
	values.is_unknown(object.get(entry.resource.attributes, "account_replication_type", null))
}
