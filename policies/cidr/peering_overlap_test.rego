package evident.rules.cidr.peering_overlap_test

import data.evident.rules.cidr.peering_overlap as rule
import rego.v1

profile := {
	"naming": {"app": "cf", "abbreviations": {"azurerm_virtual_network": "vnet"}},
	"cidr": {"allocations": {"westeu-prod-1": "10.30.0.0/16", "westeu-prod-2": "10.31.0.0/16"}},
}

resource(type, name, attributes, references) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": "westeu-prod-1", "meta": {"root": "."}, "attributes": attributes, "references": references,
}

vnet(name, cidr) := resource("azurerm_virtual_network", name, {"name": name, "address_space": [cidr]}, {})

peering(remote_id, references) := resource("azurerm_virtual_network_peering", "peer", {"virtual_network_name": "one", "remote_virtual_network_id": remote_id}, object.union({"virtual_network_name": ["azurerm_virtual_network.one"]}, references))

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown} with input as {"resources": resources} with data.profile as profile
}

test_disjoint_peers_allowed if {
	result := run([vnet("one", "10.30.0.0/16"), vnet("two", "10.31.0.0/16"), peering({"__unknown__": "x"}, {"remote_virtual_network_id": ["azurerm_virtual_network.two"]})])
	count(result.deny) == 0
	count(result.unknown) == 0
}

test_overlapping_peers_denied if {
	result := run([vnet("one", "10.30.0.0/16"), vnet("two", "10.30.128.0/17"), peering({"__unknown__": "x"}, {"remote_virtual_network_id": ["azurerm_virtual_network.two"]})])
	result.deny == {{
		"resource": "peer", "path": ["remote_virtual_network_id"], "message": "overlap",
		"data": {"local": "azurerm_virtual_network.one", "local_cidrs": "10.30.0.0/16", "remote": "azurerm_virtual_network.two", "remote_cidrs": "10.30.128.0/17"},
	}}
}

test_remote_id_resolved_through_the_allocation_table if {
	id := "/subscriptions/0000/resourceGroups/rg-cf-westeu-prod-2/providers/Microsoft.Network/virtualNetworks/vnet-cf-westeu-prod-2"
	result := run([vnet("one", "10.31.0.0/16"), peering(id, {})])
	some finding in result.deny
	finding.data.remote_cidrs == "10.31.0.0/16"
}

test_remote_data_source_resolved_by_name if {
	source := object.union(resource("azurerm_virtual_network", "prod2", {"name": "vnet-cf-westeu-prod-2"}, {}), {"mode": "data", "address": "data.azurerm_virtual_network.prod2"})
	result := run([vnet("one", "10.30.0.0/16"), source, peering({"__unknown__": "x"}, {"remote_virtual_network_id": ["data.azurerm_virtual_network.prod2"]})])
	count(result.deny) == 0
	count(result.unknown) == 0
}

test_unresolvable_remote_is_unknown if {
	result := run([vnet("one", "10.30.0.0/16"), peering("/subscriptions/0000/virtualNetworks/vnet-partner", {})])
	count(result.deny) == 0
	some item in result.unknown
	item.path == ["remote_virtual_network_id"]
}

test_aws_peering_between_overlapping_vpcs_denied if {
	a := resource("aws_vpc", "a", {"cidr_block": "10.30.0.0/16"}, {})
	b := resource("aws_vpc", "b", {"cidr_block": "10.30.0.0/16"}, {})
	p := resource("aws_vpc_peering_connection", "p", {"vpc_id": {"__unknown__": "x"}, "peer_vpc_id": {"__unknown__": "x"}}, {"vpc_id": ["aws_vpc.a"], "peer_vpc_id": ["aws_vpc.b"]})
	count(run([a, b, p]).deny) == 1
}

test_google_networks_compared_by_their_subnetworks if {
	a := resource("google_compute_network", "a", {}, {})
	b := resource("google_compute_network", "b", {}, {})
	sa := resource("google_compute_subnetwork", "sa", {"ip_cidr_range": "10.30.1.0/24"}, {"network": ["google_compute_network.a"]})
	sb := resource("google_compute_subnetwork", "sb", {"ip_cidr_range": "10.30.1.0/24"}, {"network": ["google_compute_network.b"]})
	p := resource("google_compute_network_peering", "p", {}, {"network": ["google_compute_network.a"], "peer_network": ["google_compute_network.b"]})
	count(run([a, b, sa, sb, p]).deny) == 1
}

test_counted_data_source_resolved if {
	source := object.union(resource("azurerm_virtual_network", "peer", {"name": "vnet-cf-westeu-prod-2"}, {}), {"mode": "data", "address": "data.azurerm_virtual_network.peer[0]"})
	result := run([vnet("one", "10.31.128.0/17"), source, peering({"__unknown__": "x"}, {"remote_virtual_network_id": ["data.azurerm_virtual_network.peer"]})])
	some finding in result.deny
	finding.data.remote == "data.azurerm_virtual_network.peer[0]"
	finding.data.remote_cidrs == "10.31.0.0/16"
}
