package evident.rules.cidr.reserved_range_test

import data.evident.rules.cidr.reserved_range as rule
import rego.v1

profile := {"cidr": {"reserved": ["10.60.0.0/14", "10.64.0.0/11", "10.96.0.0/14"]}}

resource(type, attributes) := {"id": type, "address": sprintf("%s.x", [type]), "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}

test_allocated_ranges_allowed if {
	resources := [resource("aws_vpc", {"cidr_block": "10.30.0.0/16"}), resource("azurerm_subnet", {"address_prefixes": ["10.59.255.0/24"]})]
	count(rule.deny) == 0 with input as {"resources": resources} with data.profile as profile
	count(rule.applies) == 2 with input as {"resources": resources} with data.profile as profile
}

test_reserved_network_denied if {
	rule.deny == {{"resource": "azurerm_virtual_network", "path": ["address_space", 0], "message": "reserved", "data": {"cidr": "10.70.0.0/16", "reserved": "10.64.0.0/11"}}} with input as {"resources": [resource("azurerm_virtual_network", {"address_space": ["10.70.0.0/16"]})]}
		with data.profile as profile
}

test_gke_secondary_range_in_reserved_space_denied if {
	sub := resource("google_compute_subnetwork", {"ip_cidr_range": "10.30.1.0/24", "secondary_ip_range": [{"range_name": "pods", "ip_cidr_range": "10.96.0.0/14"}]})
	{f.path | some f in rule.deny} == {["secondary_ip_range", 0, "ip_cidr_range"]} with input as {"resources": [sub]} with data.profile as profile
}

test_vpc_association_checked if {
	count(rule.deny) == 1 with input as {"resources": [resource("aws_vpc_ipv4_cidr_block_association", {"cidr_block": "10.99.0.0/16"})]} with data.profile as profile
}

test_unknown_range_is_unknown if {
	res := {"resources": [resource("aws_subnet", {"cidr_block": {"__unknown__": "later"}})]}
	rule.unknown == {{"resource": "aws_subnet", "path": ["cidr_block"]}} with input as res with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as {"resources": [resource("aws_vpc", {"cidr_block": "10.30.0.0/16"})]} with data.profile as {"cidr": {"reserved": ["10.30.0.0/15"]}}
}

test_one_finding_naming_every_reserved_range if {
	findings := rule.deny with input as {"resources": [resource("aws_vpc", {"cidr_block": "10.64.0.0/10"})]} with data.profile as profile
	count(findings) == 1
	some f in findings
	f.data.reserved == "10.64.0.0/11, 10.96.0.0/14"
}
