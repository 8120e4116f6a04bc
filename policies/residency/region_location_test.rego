package evident.rules.residency.region_location_test

import data.evident.rules.residency.region_location as rule
import rego.v1

profile := {
	"naming": {"deploymentAnchors": ["azurerm_resource_group", "aws_vpc", "google_compute_network"]},
	"deployments": {"regions": {"westeu": {"name": "West Europe"}, "eastus": {"name": "East US"}}},
}

deployments := {
	"westeu-prod-1": {"global": false, "regionCode": "westeu", "locations": ["westeurope", "europe-west4"]},
	"eastus-prod-1": {"global": false, "regionCode": "eastus", "locations": ["eastus", "us-east-1"]},
	"global-prod": {"global": true, "regionCode": "westeu", "locations": ["westeurope"]},
}

resource(type, name, deployment, attributes, meta) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": deployment, "meta": object.union({"root": "."}, meta), "attributes": attributes,
}

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources}
		with data.profile as profile
		with data.deployments as deployments
}

test_resources_in_the_region_allowed if {
	result := run([
		resource("azurerm_resource_group", "rg", "westeu-prod-1", {"location": "West Europe"}, {}),
		resource("google_storage_bucket", "b", "westeu-prod-1", {"location": "EUROPE-WEST4"}, {}),
		resource("google_compute_instance", "vm", "westeu-prod-1", {"zone": "europe-west4-a"}, {"region": "europe-west4"}),
		resource("aws_vpc", "vpc", "eastus-prod-1", {"cidr_block": "10.40.0.0/16"}, {"region": "us-east-1"}),
	])
	count(result.deny) == 0
	count(result.applies) == 4
}

test_deployment_elsewhere_reported_once_on_its_anchor if {
	result := run([
		resource("azurerm_resource_group", "rg", "westeu-prod-1", {"location": "North Europe"}, {}),
		resource("azurerm_storage_account", "st", "westeu-prod-1", {"location": "North Europe"}, {}),
	])
	result.deny == {{
		"resource": "rg", "path": ["location"], "message": "elsewhere",
		"data": {"location": "North Europe", "region": "West Europe", "locations": "westeurope, europe-west4", "deployment": "westeu-prod-1"},
	}}
}

test_stray_resource_reported if {
	result := run([
		resource("azurerm_resource_group", "rg", "westeu-prod-1", {"location": "West Europe"}, {}),
		resource("azurerm_storage_account", "st", "westeu-prod-1", {"location": "eastus"}, {}),
	])
	{f.resource | some f in result.deny} == {"st"}
}

test_aws_provider_region_checked if {
	vpc := resource("aws_vpc", "vpc", "eastus-prod-1", {}, {"region": "eu-west-1"})
	role := resource("aws_iam_role", "role", "eastus-prod-1", {}, {"region": "eu-west-1"})
	some finding in run([vpc, role]).deny
	finding.resource == "vpc"
	finding.path == []
	count(run([vpc, role]).deny) == 1
}

test_global_deployments_left_to_res_002 if {
	count(run([resource("azurerm_resource_group", "rg", "global-prod", {"location": "North Europe"}, {})]).applies) == 0
}

test_unknown_location_is_unknown if {
	result := run([resource("azurerm_resource_group", "rg", "westeu-prod-1", {"location": {"__unknown__": "x"}}, {})])
	result.unknown == {{"resource": "rg", "path": ["location"]}}
}

test_deployments_decide if {
	moved := {"westeu-prod-1": {"global": false, "regionCode": "westeu", "locations": ["northeurope"]}}
	count(rule.deny) == 1 with input as {"resources": [resource("azurerm_resource_group", "rg", "westeu-prod-1", {"location": "West Europe"}, {})]}
		with data.profile as profile
		with data.deployments as moved
}
