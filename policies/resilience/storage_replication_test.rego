package evident.rules.resilience.storage_replication_test

import data.evident.rules.resilience.storage_replication as rule
import rego.v1

profile := {"resilience": {"storageReplication": {"prod": ["GRS", "RAGRS", "GZRS", "RAGZRS"]}}}

deployments := {"westeu-prod-1": {"environment": "prod"}, "westeu-dev-1": {"environment": "dev"}}

account(deployment, attributes) := {"resources": [{
	"id": "st", "source": "terraform", "type": "azurerm_storage_account", "mode": "resource",
	"deployment": deployment, "attributes": attributes,
}]}

findings(deployment, attributes) := result if {
	result := rule.deny with input as account(deployment, attributes) with data.profile as profile with data.deployments as deployments
}

test_geo_redundant_replication_allowed if {
	count(findings("westeu-prod-1", {"account_replication_type": "GRS"})) == 0
	count(findings("westeu-prod-1", {"account_replication_type": "ragzrs"})) == 0
	rule.applies == {"st"} with input as account("westeu-prod-1", {"account_replication_type": "GRS"}) with data.profile as profile with data.deployments as deployments
}

test_local_replication_in_prod_denied if {
	findings("westeu-prod-1", {"account_replication_type": "LRS"}) == {{
		"resource": "st",
		"path": ["account_replication_type"],
		"message": "weak",
		"data": {"environment": "prod", "replication": "LRS", "allowed": "GRS, RAGRS, GZRS, RAGZRS"},
	}}
	some finding in findings("westeu-prod-1", {})
	finding.data.replication == "(not set)"
}

test_environments_without_requirement_not_evaluated if {
	count(rule.applies) == 0 with input as account("westeu-dev-1", {"account_replication_type": "LRS"}) with data.profile as profile with data.deployments as deployments
	untagged := {"resources": [{"id": "st", "source": "terraform", "type": "azurerm_storage_account", "mode": "resource", "attributes": {"account_replication_type": "LRS"}}]}
	count(rule.applies) == 0 with input as untagged with data.profile as profile with data.deployments as deployments
}

test_environment_tag_read_without_deployment if {
	labelled := {"resources": [{"id": "st", "source": "terraform", "type": "azurerm_storage_account", "mode": "resource", "attributes": {"account_replication_type": "LRS", "tags": {"Environment": "prod"}}}]}
	count(rule.deny) == 1 with input as labelled with data.profile as profile with data.deployments as deployments
}

test_unknown_replication_is_unknown if {
	attributes := {"account_replication_type": {"__unknown__": "var.replication"}}
	count(findings("westeu-prod-1", attributes)) == 0
	rule.unknown == {{"resource": "st", "path": ["account_replication_type"]}} with input as account("westeu-prod-1", attributes) with data.profile as profile with data.deployments as deployments
}

test_profile_decides if {
	other := {"resilience": {"storageReplication": {"dev": ["ZRS"], "prod": ["GZRS"]}}}
	count(rule.deny) == 1 with input as account("westeu-dev-1", {"account_replication_type": "LRS"}) with data.profile as other with data.deployments as deployments
	count(rule.deny) == 1 with input as account("westeu-prod-1", {"account_replication_type": "GRS"}) with data.profile as other with data.deployments as deployments
}
