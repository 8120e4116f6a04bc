package evident.rules.cidr.subnet_outside_test

import data.evident.rules.cidr.subnet_outside as rule
import rego.v1

deployments := {"westeu-prod-1": {"cidr": "10.30.0.0/16", "subnets": {}}}

resource(id, type, attributes, references) := {
	"id": id, "address": sprintf("%s.%s", [type, id]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": "westeu-prod-1", "meta": {"root": "."}, "attributes": attributes, "references": references,
}

vnet := resource("v", "azurerm_virtual_network", {"name": "vnet-cf-westeu-prod-1", "address_space": ["10.30.0.0/16"]}, {})

subnet(prefix) := resource("s", "azurerm_subnet", {"name": "snet-cf-westeu-prod-1-db", "virtual_network_name": "vnet-cf-westeu-prod-1", "address_prefixes": [prefix]}, {"virtual_network_name": ["azurerm_virtual_network.v"]})

test_subnet_inside_its_vnet_allowed if {
	count(rule.deny) == 0 with input as {"resources": [vnet, subnet("10.30.2.0/24")]} with data.deployments as deployments
	rule.applies == {"s"} with input as {"resources": [vnet, subnet("10.30.2.0/24")]} with data.deployments as deployments
}

test_subnet_outside_its_vnet_denied if {
	rule.deny == {{
		"resource": "s", "path": ["address_prefixes", 0], "message": "outside",
		"data": {"cidr": "10.40.2.0/24", "network": "azurerm_virtual_network.v", "network_cidrs": "10.30.0.0/16"},
	}} with input as {"resources": [vnet, subnet("10.40.2.0/24")]} with data.deployments as deployments
}

test_vnet_found_by_name_without_references if {
	plain := object.union(subnet("10.40.2.0/24"), {"references": {}})
	count(rule.deny) == 1 with input as {"resources": [vnet, plain]} with data.deployments as deployments
}

test_inline_subnet_block_checked if {
	inline := resource("v", "azurerm_virtual_network", {"address_space": ["10.30.0.0/16"], "subnet": [{"name": "snet-db", "address_prefixes": ["10.31.0.0/24"]}]}, {})
	some finding in rule.deny with input as {"resources": [inline]} with data.deployments as deployments
	finding.path == ["subnet", 0, "address_prefixes", 0]
}

test_aws_subnet_in_secondary_vpc_block_allowed if {
	vpc := resource("main", "aws_vpc", {"cidr_block": "10.30.0.0/16"}, {})
	extra := resource("extra", "aws_vpc_ipv4_cidr_block_association", {"cidr_block": "10.31.0.0/16"}, {"vpc_id": ["aws_vpc.main"]})
	inside := resource("a", "aws_subnet", {"cidr_block": "10.31.1.0/24"}, {"vpc_id": ["aws_vpc.main"]})
	outside := resource("b", "aws_subnet", {"cidr_block": "10.32.1.0/24"}, {"vpc_id": ["aws_vpc.main"]})
	{f.resource | some f in rule.deny} == {"b"} with input as {"resources": [vpc, extra, inside, outside]} with data.deployments as deployments
}

test_gcp_subnetwork_compared_with_the_allocation if {
	sub := resource("g", "google_compute_subnetwork", {"ip_cidr_range": "10.40.1.0/24"}, {})
	some finding in rule.deny with input as {"resources": [sub]} with data.deployments as deployments
	finding.message == "outside_allocation"
	finding.data.allocated == "10.30.0.0/16"
}

test_profile_allocation_decides_for_gcp if {
	sub := resource("g", "google_compute_subnetwork", {"ip_cidr_range": "10.40.1.0/24"}, {})
	count(rule.deny) == 0 with input as {"resources": [sub]} with data.deployments as {"westeu-prod-1": {"cidr": "10.40.0.0/16"}}
}

test_unknown_subnet_range_is_unknown if {
	res := {"resources": [vnet, subnet({"__unknown__": "known after apply"})]}
	count(rule.deny) == 0 with input as res with data.deployments as deployments
	rule.unknown == {{"resource": "s", "path": ["address_prefixes", 0]}} with input as res with data.deployments as deployments
}

test_unknown_vnet_space_is_unknown if {
	dark := resource("v", "azurerm_virtual_network", {"name": "vnet-cf-westeu-prod-1", "address_space": {"__unknown__": "x"}}, {})
	count(rule.deny) == 0 with input as {"resources": [dark, subnet("10.40.2.0/24")]} with data.deployments as deployments
	some result in rule.unknown with input as {"resources": [dark, subnet("10.40.2.0/24")]} with data.deployments as deployments
	result.path == ["address_prefixes", 0]
}

test_network_outside_the_scan_is_unknown if {
	lone := resource("s", "azurerm_subnet", {"virtual_network_name": "vnet-hub", "address_prefixes": ["10.30.1.0/24"]}, {})
	count(rule.deny) == 0 with input as {"resources": [lone]} with data.deployments as deployments
	count(rule.unknown) == 1 with input as {"resources": [lone]} with data.deployments as deployments
}

test_vpc_behind_a_module_output if {
	vpc := object.union(resource("main", "aws_vpc", {"cidr_block": "10.30.0.0/16"}, {}), {"address": "module.network.aws_vpc.main"})
	sub := resource("a", "aws_subnet", {"cidr_block": "10.40.1.0/24"}, {"vpc_id": ["module.network"]})
	{f.resource | some f in rule.deny} == {"a"} with input as {"resources": [vpc, sub]} with data.deployments as deployments
}
