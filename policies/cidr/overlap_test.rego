package evident.rules.cidr.overlap_test

import data.evident.rules.cidr.overlap as rule
import rego.v1

vnet(id, deployment, cidr) := {"id": id, "address": "azurerm_virtual_network.v", "source": "terraform", "type": "azurerm_virtual_network", "mode": "resource", "deployment": deployment, "attributes": {"address_space": [cidr]}}

test_overlap_reported_on_both_networks if {
	findings := rule.deny with input as {"resources": [vnet("a", "westeu-prod-1", "10.30.0.0/16"), vnet("b", "eastus-prod-1", "10.30.0.0/16")]}
	{f.resource | some f in findings} == {"a", "b"}
}

test_partial_overlap_denied if {
	count(rule.deny) == 2 with input as {"resources": [vnet("a", "x", "10.30.0.0/16"), vnet("b", "y", "10.30.128.0/17")]}
}

test_distinct_ranges_allowed if {
	count(rule.deny) == 0 with input as {"resources": [vnet("a", "x", "10.30.0.0/16"), vnet("b", "y", "10.31.0.0/16")]}
}

test_same_network_seen_twice_is_not_an_overlap if {
	count(rule.deny) == 0 with input as {"resources": [vnet("a", "x", "10.30.0.0/16"), vnet("b", "x", "10.30.0.0/16")]}
}
