package evident.rules.cidr.allocation_test

import data.evident.rules.cidr.allocation as rule
import rego.v1

deployments := {"westeu-prod-1": {"cidr": "10.30.0.0/16"}, "westeu-prod-9": {}}

vnet(deployment, space) := {"resources": [{"id": "v", "source": "terraform", "type": "azurerm_virtual_network", "mode": "resource", "deployment": deployment, "attributes": {"address_space": space}}]}

test_allocated_range_allowed if {
	count(rule.deny) == 0 with input as vnet("westeu-prod-1", ["10.30.0.0/16"]) with data.deployments as deployments
}

test_other_range_denied if {
	rule.deny == {{
		"resource": "v",
		"path": ["address_space", 0],
		"message": "mismatch",
		"data": {"cidr": "10.40.0.0/16", "deployment": "westeu-prod-1", "allocated": "10.30.0.0/16"},
	}} with input as vnet("westeu-prod-1", ["10.40.0.0/16"]) with data.deployments as deployments
}

test_unallocated_deployment_denied if {
	some finding in rule.deny with input as vnet("westeu-prod-9", ["10.70.0.0/16"]) with data.deployments as deployments
	finding.message == "unallocated"
}

test_unknown_range_is_unknown if {
	v := vnet("westeu-prod-1", [{"__unknown__": "x"}])
	count(rule.deny) == 0 with input as v with data.deployments as deployments
	count(rule.unknown) == 1 with input as v with data.deployments as deployments
}

test_no_deployment_not_evaluated if {
	count(rule.applies) == 0 with input as {"resources": [{"id": "v", "source": "terraform", "type": "aws_vpc", "attributes": {"cidr_block": "10.0.0.0/16"}}]}
}
