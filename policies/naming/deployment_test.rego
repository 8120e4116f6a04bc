package evident.rules.naming.deployment_test

import data.evident.rules.naming.deployment as rule
import rego.v1

profile := {"naming": {
	"app": "cf",
	"abbreviations": {"azurerm_resource_group": "rg", "azurerm_key_vault": "kv", "azurerm_storage_account": "st", "aws_vpc": "vpc"},
	"compact": ["azurerm_storage_account"],
	"deploymentAnchors": ["azurerm_resource_group", "aws_vpc"],
}}

deployments := {
	"westeu-prod-1": {"valid": true},
	"global-dev": {"valid": true},
	"westeu-test-1": {"valid": false, "problem": "environment \"test\" is not one of dev, stg, prod"},
}

resource(type, name, deployment) := {
	"id": concat(":", [deployment, type]), "source": "terraform", "type": type, "address": concat(".", [type, "main"]),
	"mode": "resource", "deployment": deployment, "attributes": {"name": name},
}

scan(resources) := {"resources": resources}

test_names_embedding_their_deployment_allowed if {
	resources := [
		resource("azurerm_resource_group", "rg-cf-westeu-prod-1", "westeu-prod-1"),
		resource("azurerm_key_vault", "kv-cf-westeu-prod-1-ab12", "westeu-prod-1"),
		resource("azurerm_storage_account", "stcfglobaldev", "global-dev"),
		resource("azurerm_storage_account", "stcfwesteuprod1logs", "westeu-prod-1"),
	]
	count(rule.deny) == 0 with input as scan(resources) with data.profile as profile with data.deployments as deployments
	count(rule.applies) == 4 with input as scan(resources) with data.profile as profile with data.deployments as deployments
}

test_other_deployment_denied if {
	rule.deny == {{
		"resource": "eastus-prod-1:azurerm_key_vault",
		"path": ["name"],
		"message": "wrong_deployment",
		"data": {"kind": "Key vault", "name": "kv-cf-westeu-prod-1", "deployment": "eastus-prod-1", "expected": "kv-cf-eastus-prod-1", "separator": "-"},
	}} with input as scan([resource("azurerm_key_vault", "kv-cf-westeu-prod-1", "eastus-prod-1")]) with data.profile as profile with data.deployments as {"eastus-prod-1": {"valid": true}}
}

test_missing_deployment_and_empty_descriptor_denied if {
	count(rule.deny) == 1 with input as scan([resource("azurerm_key_vault", "kv-cf-data", "westeu-prod-1")]) with data.profile as profile with data.deployments as deployments
	count(rule.deny) == 1 with input as scan([resource("azurerm_key_vault", "kv-cf-westeu-prod-1-", "westeu-prod-1")]) with data.profile as profile with data.deployments as deployments
	count(rule.deny) == 1 with input as scan([resource("azurerm_key_vault", "kv-cf-westeu-prod-10", "westeu-prod-1")]) with data.profile as profile with data.deployments as deployments
}

test_compact_name_reading_as_another_instance_denied if {
	some finding in rule.deny with input as scan([resource("azurerm_storage_account", "stcfwesteuprod12", "westeu-prod-1")]) with data.profile as profile with data.deployments as deployments
	finding.data.expected == "stcfwesteuprod1"
	finding.data.separator == ""
}

test_wrong_prefix_left_to_nam_001 if {
	count(rule.applies) == 0 with input as scan([resource("azurerm_key_vault", "vault-westeu", "westeu-prod-1")]) with data.profile as profile with data.deployments as deployments
}

test_resource_outside_a_deployment_not_evaluated if {
	r := object.remove(resource("azurerm_key_vault", "kv-cf-data", "x"), ["deployment"])
	count(rule.applies) == 0 with input as scan([r]) with data.profile as profile with data.deployments as deployments
}

test_invalid_deployment_reported_once_on_first_anchor if {
	resources := [
		object.union(resource("aws_vpc", "vpc-cf-westeu-test-1", "westeu-test-1"), {"id": "vpc", "attributes": {}}),
		object.union(resource("azurerm_resource_group", "rg-cf-westeu-test-1", "westeu-test-1"), {"id": "rg-b", "address": "azurerm_resource_group.b"}),
		object.union(resource("azurerm_resource_group", "rg-cf-westeu-test-1-net", "westeu-test-1"), {"id": "rg-a", "address": "azurerm_resource_group.a"}),
	]
	rule.deny == {{
		"resource": "rg-a",
		"path": [],
		"message": "invalid_deployment",
		"data": {"deployment": "westeu-test-1", "problem": "environment \"test\" is not one of dev, stg, prod"},
	}} with input as scan(resources) with data.profile as profile with data.deployments as deployments
}

test_unknown_name_is_unknown if {
	r := resource("azurerm_key_vault", {"__unknown__": "var.name"}, "westeu-prod-1")
	count(rule.deny) == 0 with input as scan([r]) with data.profile as profile with data.deployments as deployments
	rule.unknown == {{"resource": r.id, "path": ["name"]}} with input as scan([r]) with data.profile as profile with data.deployments as deployments
}

test_profile_decides if {
	other := json.patch(profile, [{"op": "add", "path": "/naming/compact/-", "value": "azurerm_key_vault"}])
	count(rule.deny) == 0 with input as scan([resource("azurerm_key_vault", "kvcfwesteuprod1", "westeu-prod-1")]) with data.profile as other with data.deployments as deployments
	count(rule.deny) == 1 with input as scan([resource("azurerm_key_vault", "kvcfeastusprod1", "westeu-prod-1")]) with data.profile as other with data.deployments as deployments
}
