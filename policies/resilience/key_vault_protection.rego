# METADATA
# title: Key vault can be purged, or keeps deleted objects too briefly
# description: >-
#   Deleted keys and secrets stay recoverable through soft delete (the architecture document relies on it when
#   deployments are torn down); purge protection stops anyone, an attacker included, from purging them before the
#   retention ends, which would make data encrypted with customer-managed keys unreadable. Key vaults and managed HSMs
#   in `resilience.purgeProtectionEnvironments` (prod) need `purge_protection_enabled` (default false); every key vault
#   and managed HSM keeps deleted objects at least `resilience.softDeleteRetentionDays` (7, the Azure minimum; the
#   default `soft_delete_retention_days` is 90), and soft delete may not be turned off (`soft_delete_enabled = false`
#   of azurerm before 3.0). Values only known after apply are reported as unknown.
# custom:
#   id: EVD-RSL-005
#   severity: high
#   category: resilience
#   remediation: Set `purge_protection_enabled = true` (it cannot be turned off again) and `soft_delete_retention_days` to at least the minimum; keep soft delete on.
#   parameters: [resilience.purgeProtectionEnvironments, resilience.softDeleteRetentionDays]
#   messages:
#     no_purge_protection: '{{kind}} in {{environment}} can be purged: purge_protection_enabled is {{value}}'
#     short_retention: '{{kind}} keeps deleted objects for {{days}} days; the minimum is {{min}} days'
#     soft_delete_disabled: '{{kind}} has soft delete turned off: deleted keys and secrets cannot be recovered'
package evident.rules.resilience.key_vault_protection

import data.evident.lib.resilience as res
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import rego.v1

vaults := tf.of_types({"azurerm_key_vault", "azurerm_key_vault_managed_hardware_security_module"})

min_days := data.profile.resilience.softDeleteRetentionDays

applies contains r.id if some r in vaults

deny contains finding if {
	some r in vaults
	res.environment(r) in data.profile.resilience.purgeProtectionEnvironments
	s := res.setting(r, ["purge_protection_enabled"], false)
	s.state != "unknown"
	res.boolean(s.value) != true
	finding := {
		"resource": r.id,
		"path": s.path,
		"message": "no_purge_protection",
		"data": {"kind": resource_kinds.kind(r.type), "environment": res.environment(r), "value": shown(s)},
	}
}

deny contains finding if {
	some r in vaults
	s := res.setting(r, ["soft_delete_retention_days"], 90)
	days := res.number(s.value)
	days < min_days
	finding := {
		"resource": r.id,
		"path": s.path,
		"message": "short_retention",
		"data": {"kind": resource_kinds.kind(r.type), "days": days, "min": min_days},
	}
}

deny contains finding if {
	some r in vaults
	res.boolean(object.get(r.attributes, "soft_delete_enabled", true)) == false
	finding := {"resource": r.id, "path": ["soft_delete_enabled"], "message": "soft_delete_disabled", "data": {"kind": resource_kinds.kind(r.type)}}
}

unknown contains {"resource": r.id, "path": ["purge_protection_enabled"]} if {
	some r in vaults
	res.environment(r) in data.profile.resilience.purgeProtectionEnvironments
	res.setting(r, ["purge_protection_enabled"], false).state == "unknown"
}

unknown contains {"resource": r.id, "path": [attribute]} if {
	some r in vaults
	some attribute in ["soft_delete_retention_days", "soft_delete_enabled"]
	res.setting(r, [attribute], null).state == "unknown"
}

shown(s) := "not set (default false)" if s.state == "default"

else := sprintf("%v", [s.value])
