package evident.rules.cidr.subnet_overlap_test

import data.evident.rules.cidr.subnet_overlap as rule
import rego.v1

subnet(id, deployment, prefix) := {
	"id": id, "address": sprintf("azurerm_subnet.%s", [id]), "source": "terraform", "type": "azurerm_subnet", "mode": "resource",
	"deployment": deployment, "meta": {"root": "."}, "attributes": {"name": id, "address_prefixes": [prefix]},
}

test_distinct_subnets_allowed if {
	count(rule.deny) == 0 with input as {"resources": [subnet("a", "x", "10.30.1.0/24"), subnet("b", "x", "10.30.2.0/24")]}
}

test_overlap_reported_on_both_subnets if {
	findings := rule.deny with input as {"resources": [subnet("a", "x", "10.30.0.0/22"), subnet("b", "x", "10.30.2.0/24")]}
	{f.resource | some f in findings} == {"a", "b"}
	some f in findings
	f.resource == "b"
	f.data == {"cidr": "10.30.2.0/24", "others": "azurerm_subnet.a (10.30.0.0/22)"}
}

test_other_deployments_are_not_compared if {
	count(rule.deny) == 0 with input as {"resources": [subnet("a", "x", "10.30.1.0/24"), subnet("b", "y", "10.30.1.0/24")]}
}

test_inline_subnet_blocks_compared_with_each_other if {
	vnet := {
		"id": "v", "address": "azurerm_virtual_network.v", "source": "terraform", "type": "azurerm_virtual_network", "mode": "resource",
		"deployment": "x", "attributes": {"subnet": [{"name": "a", "address_prefixes": ["10.30.1.0/24"]}, {"name": "b", "address_prefixes": ["10.30.1.128/25"]}]},
	}
	{f.path | some f in rule.deny} == {["subnet", 0, "address_prefixes", 0], ["subnet", 1, "address_prefixes", 0]} with input as {"resources": [vnet]}
}

test_unknown_range_is_unknown if {
	res := {"resources": [subnet("a", "x", {"__unknown__": "later"}), subnet("b", "x", "10.30.2.0/24")]}
	count(rule.deny) == 0 with input as res
	rule.unknown == {{"resource": "a", "path": ["address_prefixes", 0]}} with input as res
}

test_one_finding_per_range_naming_every_overlap if {
	resources := [subnet("a", "x", "10.30.0.0/16"), subnet("b", "x", "10.30.1.0/24"), subnet("c", "x", "10.30.2.0/24"), subnet("d", "x", "10.30.3.0/24"), subnet("e", "x", "10.30.4.0/24")]
	findings := rule.deny with input as {"resources": resources}
	count(findings) == 5
	some f in findings
	f.resource == "a"
	f.data.others == "azurerm_subnet.b (10.30.1.0/24), azurerm_subnet.c (10.30.2.0/24), azurerm_subnet.d (10.30.3.0/24) and 1 more"
}

test_wide_range_compared_with_the_whole_group if {
	resources := [subnet("a", "x", "10.0.0.0/8"), subnet("b", "x", "10.30.1.0/24"), subnet("c", "y", "10.30.1.0/24")]
	{f.resource | some f in rule.deny} == {"a", "b"} with input as {"resources": resources}
}
