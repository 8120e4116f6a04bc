# METADATA
# title: Subnet lies outside its network
# description: >-
#   Every subnet must sit inside the address space of the network it belongs to: an Azure subnet inside its
#   VNet (found through `virtual_network_name`, or a VNet's inline `subnet` block), an AWS subnet inside its
#   VPC's primary or associated CIDR blocks (through `vpc_id`). A GCP VPC has no address space of its own, so a
#   subnetwork's primary range must lie inside its deployment's row of the CIDR allocation table. A range
#   outside the network is rejected by the cloud or, for GCP, takes addresses planned for another deployment.
# custom:
#   id: EVD-CIDR-003
#   severity: high
#   category: cidr
#   remediation: Take the subnet's range from its network's address space (the deployment's /16 of the allocation table).
#   parameters: [cidr.allocations]
#   messages:
#     outside: Subnet range {{cidr}} lies outside {{network}} ({{network_cidrs}})
#     outside_allocation: Subnetwork range {{cidr}} lies outside {{deployment}}'s allocation {{allocated}}
package evident.rules.cidr.subnet_outside

import data.evident.lib.firewall as fw
import data.evident.lib.ipv4
import data.evident.lib.subnets
import data.evident.lib.values
import rego.v1

checked := [entry | some entry in subnets.ranges; entry.network != "allocation"]

gcp := [entry | some entry in subnets.ranges; entry.network == "allocation"; data.deployments[entry.resource.deployment].cidr]

applies contains entry.resource.id if some entry in checked

applies contains entry.resource.id if some entry in gcp

deny contains finding if {
	some entry in checked
	subnets.known(entry)
	some network in subnets.networks(entry)
	count(network.ranges) > 0
	every range in network.ranges {
		fw.cidr(range.value)
		not ipv4.within(ipv4.bounds(fw.cidr(range.value)), ipv4.bounds(fw.cidr(entry.cidr)))
	}
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "outside",
		"data": {"cidr": entry.cidr, "network": network.resource.address, "network_cidrs": concat(", ", [range.value | some range in network.ranges])},
	}
}

deny contains finding if {
	some entry in gcp
	subnets.known(entry)
	allocated := data.deployments[entry.resource.deployment].cidr
	not ipv4.within(ipv4.bounds(allocated), ipv4.bounds(fw.cidr(entry.cidr)))
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "outside_allocation",
		"data": {"cidr": entry.cidr, "deployment": entry.resource.deployment, "allocated": allocated},
	}
}

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in array.concat(checked, gcp)
	subnets.unknown(entry)
}

# The network's range is not known, and no known range holds the subnet.
unknown contains result if {
	some entry in checked
	subnets.known(entry)
	some network in subnets.networks(entry)
	some range in network.ranges
	values.is_unknown(range.value)
	not contained(entry, network)
	result := {
		"resource": entry.resource.id,
		"path": entry.path,
		"reason": sprintf("the address space of %s is not known before apply", [network.resource.address]),
	}
}

# The network is not managed here (a data source, another configuration): nothing to compare with.
unknown contains result if {
	some entry in checked
	entry.network == "reference"
	subnets.known(entry)
	count(subnets.networks(entry)) == 0
	result := {
		"resource": entry.resource.id,
		"path": entry.path,
		"reason": "the subnet's network is not managed in the scanned configuration",
	}
}

contained(entry, network) if {
	some range in network.ranges
	fw.cidr(range.value)
	ipv4.within(ipv4.bounds(fw.cidr(range.value)), ipv4.bounds(fw.cidr(entry.cidr)))
}
