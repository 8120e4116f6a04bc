package evident.rules.network.private_endpoint_test

import data.evident.rules.network.private_endpoint as rule
import rego.v1

profile := {"zones": {"label": "zone", "dataTypes": ["azurerm_storage_account", "azurerm_redis_cache", "azurerm_postgresql_flexible_server"], "privateEndpointEnvironments": ["prod"]}}

deployments := {"westeu-prod-1": {"environment": "prod"}, "westeu-dev-1": {"environment": "dev"}}

resource(type, name, deployment, attributes, references) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": deployment, "meta": {"root": "."}, "attributes": attributes, "references": references,
}

storage(deployment, attributes) := resource("azurerm_storage_account", "st", deployment, object.union({"name": "st"}, attributes), {})

endpoint := resource("azurerm_private_endpoint", "pe", "westeu-prod-1", {"private_service_connection": [{"private_connection_resource_id": {"__unknown__": "x"}}]}, {"private_service_connection[0].private_connection_resource_id": ["azurerm_storage_account.st"]})

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources}
		with data.profile as profile
		with data.deployments as deployments
}

test_service_with_endpoint_allowed if {
	result := run([storage("westeu-prod-1", {}), endpoint])
	count(result.deny) == 0
	result.applies == {"st"}
}

test_public_service_without_endpoint_denied if {
	run([storage("westeu-prod-1", {"public_network_access_enabled": true})]).deny == {{
		"resource": "st", "path": [], "message": "missing",
		"data": {"name": "st", "type": "azurerm_storage_account", "environment": "prod"},
	}}
	count(run([storage("westeu-prod-1", {})]).deny) == 1
}

test_disabled_public_access_or_vnet_integration_allowed if {
	count(run([storage("westeu-prod-1", {"public_network_access_enabled": false})]).deny) == 0
	redis := resource("azurerm_redis_cache", "r", "westeu-prod-1", {"subnet_id": {"__unknown__": "x"}}, {})
	count(run([redis]).deny) == 0
}

test_environments_outside_the_profile_not_checked if {
	result := run([storage("westeu-dev-1", {})])
	count(result.deny) == 0
	count(result.applies) == 0
}

test_unknown_public_access_is_unknown if {
	result := run([storage("westeu-prod-1", {"public_network_access_enabled": {"__unknown__": "x"}})])
	count(result.deny) == 0
	result.unknown == {{"resource": "st", "path": ["public_network_access_enabled"]}}
}

test_profile_environments_decide if {
	count(rule.deny) == 1 with input as {"resources": [storage("westeu-dev-1", {})]}
		with data.profile as object.union(profile, {"zones": {"privateEndpointEnvironments": ["dev"]}})
		with data.deployments as deployments
}

test_endpoint_reaching_the_service_through_a_module_output if {
	inside := object.union(storage("westeu-prod-1", {}), {"address": "module.storage.azurerm_storage_account.this"})
	outside := resource("azurerm_private_endpoint", "pe", "westeu-prod-1", {}, {"private_service_connection[0].private_connection_resource_id": ["module.storage"]})
	count(run([inside, outside]).deny) == 0
}
