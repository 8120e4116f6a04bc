package evident.rules.cidr.subnet_layout_test

import data.evident.rules.cidr.subnet_layout as rule
import rego.v1

profile := {"cidr": {"subnets": {
	"apps": {"number": 1, "zone": "app", "descriptors": ["apps", "app"]},
	"db": {"number": 2, "zone": "data", "descriptors": ["db", "database"]},
}}}

deployments := {"westeu-prod-1": {"cidr": "10.30.0.0/16", "subnets": {"apps": "10.30.1.0/24", "db": "10.30.2.0/24"}}}

subnet(name, prefix) := {
	"id": name, "address": "azurerm_subnet.s", "source": "terraform", "type": "azurerm_subnet", "mode": "resource",
	"deployment": "westeu-prod-1", "attributes": {"name": name, "address_prefixes": [prefix]},
}

evaluate(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources}
		with data.profile as profile
		with data.deployments as deployments
}

test_layout_range_allowed if {
	result := evaluate([subnet("snet-cf-westeu-prod-1-db", "10.30.2.0/24")])
	count(result.deny) == 0
	result.applies == {"snet-cf-westeu-prod-1-db"}
}

test_other_range_denied_with_the_expected_one if {
	result := evaluate([subnet("snet-cf-westeu-prod-1-database", "10.30.3.0/24")])
	result.deny == {{
		"resource": "snet-cf-westeu-prod-1-database", "path": ["address_prefixes", 0], "message": "mismatch",
		"data": {"name": "snet-cf-westeu-prod-1-database", "role": "db", "cidr": "10.30.3.0/24", "expected": "10.30.2.0/24", "deployment": "westeu-prod-1"},
	}}
}

test_name_without_role_not_checked if {
	result := evaluate([subnet("snet-cf-westeu-prod-1-jobs", "10.30.30.0/24"), subnet("AzureBastionSubnet", "10.30.11.0/26")])
	count(result.deny) == 0
	count(result.applies) == 0
}

test_aws_name_tag_gives_the_role if {
	aws := {
		"id": "a", "address": "aws_subnet.a", "source": "terraform", "type": "aws_subnet", "mode": "resource",
		"deployment": "westeu-prod-1", "attributes": {"cidr_block": "10.30.9.0/24", "tags": {"Name": "snet-cf-westeu-prod-1-apps"}},
	}
	some finding in evaluate([aws]).deny
	finding.data.expected == "10.30.1.0/24"
}

test_unknown_range_or_name_is_unknown if {
	result := evaluate([subnet("snet-cf-westeu-prod-1-db", {"__unknown__": "x"}), subnet({"__unknown__": "y"}, "10.30.7.0/24")])
	count(result.deny) == 0
	count(result.unknown) == 2
}

test_profile_layout_decides if {
	moved := {"westeu-prod-1": {"cidr": "10.30.0.0/16", "subnets": {"db": "10.30.20.0/24"}}}
	count(rule.deny) == 1 with input as {"resources": [subnet("snet-cf-westeu-prod-1-db", "10.30.2.0/24")]}
		with data.profile as profile
		with data.deployments as moved
}
