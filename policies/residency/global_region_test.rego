package evident.rules.residency.global_region_test

import data.evident.rules.residency.global_region as rule
import rego.v1

profile := {
	"naming": {"deploymentAnchors": ["azurerm_resource_group"]},
	"deployments": {"globalRegion": "westeu", "regions": {"westeu": {"name": "West Europe"}}},
}

deployments := {
	"global-dev": {"global": true, "regionCode": "westeu", "locations": ["westeurope"]},
	"westeu-dev-1": {"global": false, "regionCode": "westeu", "locations": ["westeurope"]},
}

resource(type, name, deployment, location) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": deployment, "meta": {"root": "."}, "attributes": {"location": location},
}

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources}
		with data.profile as profile
		with data.deployments as deployments
}

test_global_deployment_in_west_europe_allowed if {
	result := run([resource("azurerm_resource_group", "rg", "global-dev", "West Europe")])
	count(result.deny) == 0
	result.applies == {"rg"}
}

test_global_deployment_elsewhere_denied if {
	run([resource("azurerm_resource_group", "rg", "global-dev", "North Europe"), resource("azurerm_key_vault", "kv", "global-dev", "North Europe")]).deny == {{
		"resource": "rg", "path": ["location"], "message": "elsewhere",
		"data": {"location": "North Europe", "region": "West Europe", "locations": "westeurope", "deployment": "global-dev"},
	}}
}

test_regional_deployments_not_checked if {
	count(run([resource("azurerm_resource_group", "rg", "westeu-dev-1", "North Europe")]).applies) == 0
}

test_unknown_location_is_unknown if {
	count(run([resource("azurerm_resource_group", "rg", "global-dev", {"__unknown__": "x"})]).unknown) == 1
}

test_profile_global_region_decides if {
	moved := {"global-dev": {"global": true, "regionCode": "northeu", "locations": ["northeurope"]}}
	count(rule.deny) == 0 with input as {"resources": [resource("azurerm_resource_group", "rg", "global-dev", "North Europe")]}
		with data.profile as {"naming": {"deploymentAnchors": ["azurerm_resource_group"]}, "deployments": {"globalRegion": "northeu", "regions": {"northeu": {"name": "North Europe"}}}}
		with data.deployments as moved
}
