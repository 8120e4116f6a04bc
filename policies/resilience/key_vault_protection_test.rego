package evident.rules.resilience.key_vault_protection_test

import data.evident.rules.resilience.key_vault_protection as rule
import rego.v1

profile := {"resilience": {"purgeProtectionEnvironments": ["prod"], "softDeleteRetentionDays": 7}}

deployments := {"westeu-prod-1": {"environment": "prod"}, "westeu-dev-1": {"environment": "dev"}}

vault(deployment, attributes) := {"resources": [{
	"id": "kv", "source": "terraform", "type": "azurerm_key_vault", "mode": "resource",
	"deployment": deployment, "attributes": attributes,
}]}

findings(deployment, attributes) := result if {
	result := rule.deny with input as vault(deployment, attributes) with data.profile as profile with data.deployments as deployments
}

test_protected_vault_allowed if {
	count(findings("westeu-prod-1", {"purge_protection_enabled": true, "soft_delete_retention_days": 90})) == 0
	count(findings("westeu-dev-1", {})) == 0
	rule.applies == {"kv"} with input as vault("westeu-dev-1", {}) with data.profile as profile with data.deployments as deployments
}

test_missing_purge_protection_in_prod_denied if {
	findings("westeu-prod-1", {}) == {{
		"resource": "kv",
		"path": ["purge_protection_enabled"],
		"message": "no_purge_protection",
		"data": {"kind": "Key vault", "environment": "prod", "value": "not set (default false)"},
	}}
	some finding in findings("westeu-prod-1", {"purge_protection_enabled": false})
	finding.data.value == "false"
}

test_short_soft_delete_retention_denied_everywhere if {
	findings("westeu-dev-1", {"soft_delete_retention_days": 3}) == {{
		"resource": "kv",
		"path": ["soft_delete_retention_days"],
		"message": "short_retention",
		"data": {"kind": "Key vault", "days": 3, "min": 7},
	}}
}

test_soft_delete_disabled_denied if {
	some finding in findings("westeu-dev-1", {"soft_delete_enabled": false})
	finding.message == "soft_delete_disabled"
}

test_managed_hsm_checked if {
	hsm := {"resources": [{"id": "hsm", "source": "terraform", "type": "azurerm_key_vault_managed_hardware_security_module", "mode": "resource", "deployment": "westeu-prod-1", "attributes": {}}]}
	some finding in rule.deny with input as hsm with data.profile as profile with data.deployments as deployments
	finding.data.kind == "Managed HSM"
}

test_unknown_values_are_unknown if {
	attributes := {"purge_protection_enabled": {"__unknown__": "var.purge"}, "soft_delete_retention_days": {"__unknown__": "var.days"}}
	count(findings("westeu-prod-1", attributes)) == 0
	rule.unknown == {
		{"resource": "kv", "path": ["purge_protection_enabled"]},
		{"resource": "kv", "path": ["soft_delete_retention_days"]},
	} with input as vault("westeu-prod-1", attributes) with data.profile as profile with data.deployments as deployments
}

test_profile_decides if {
	other := {"resilience": {"purgeProtectionEnvironments": ["dev", "prod"], "softDeleteRetentionDays": 30}}
	count(rule.deny) == 2 with input as vault("westeu-dev-1", {"soft_delete_retention_days": 14}) with data.profile as other with data.deployments as deployments
}
