# METADATA
# title: Peered networks overlap
# description: >-
#   VNet peering (blue/green between westeu-prod-1 and westeu-prod-2, disaster recovery across regions) only
#   routes between networks whose address spaces are disjoint: Azure and AWS refuse overlapping peers, and a
#   GCP peering drops the overlapping subnet routes. Each side is found through the peering's references to a
#   VNet, VPC or GCP network of the scan (a GCP network's ranges are those of its subnetworks), a data source
#   naming one, or a VNet id whose name follows the naming convention (vnet-cf-westeu-prod-2 → that
#   deployment's row of the allocation table). A side that cannot be resolved leaves the result unknown.
# custom:
#   id: EVD-CIDR-006
#   severity: high
#   category: cidr
#   remediation: Peer only networks with disjoint ranges; give each deployment its own row of the allocation table.
#   parameters: [cidr.allocations, naming.app, naming.abbreviations]
#   population:
#     - azurerm_virtual_network_peering
#     - aws_vpc_peering_connection
#     - google_compute_network_peering
#     - azurerm_virtual_network
#     - aws_vpc
#     - aws_vpc_ipv4_cidr_block_association
#     - google_compute_network
#     - google_compute_subnetwork
#   messages:
#     overlap: Peering joins {{local}} ({{local_cidrs}}) and {{remote}} ({{remote_cidrs}}), which overlap
package evident.rules.cidr.peering_overlap

import data.evident.lib.firewall as fw
import data.evident.lib.ipv4
import data.evident.lib.subnets
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

# Peering type → its local and remote attributes.
peering_types := {
	"azurerm_virtual_network_peering": {"local": "virtual_network_name", "remote": "remote_virtual_network_id"},
	"aws_vpc_peering_connection": {"local": "vpc_id", "remote": "peer_vpc_id"},
	"google_compute_network_peering": {"local": "network", "remote": "peer_network"},
}

peerings := tf.of_types({type | some type, _ in peering_types})

network_data_sources := [r |
	some r in input.resources
	r.mode == "data"
	r.type in {"azurerm_virtual_network", "aws_vpc", "google_compute_network"}
	r.source in tf.terraform_sources
]

google_networks := tf.of_type("google_compute_network")

google_subnetworks := tf.of_type("google_compute_subnetwork")

applies contains r.id if some r in peerings

# One side of a peering: [{"label", "ranges": [{"value", "path"}]}]; empty when it cannot be resolved.
side(r, attribute) := [network(v) | some v in fw.referenced_in(r, attribute, managed_index[r.type])] if {
	count(fw.referenced_in(r, attribute, managed_index[r.type])) > 0
} else := [network(v) | some v in fw.named(r, r.attributes[attribute], managed(r.type))] if {
	r.type == "azurerm_virtual_network_peering"
	attribute == "virtual_network_name"
} else := [looked_up(r.type, d) | some d in referenced_data(r, attribute); looked_up(r.type, d)] if {
	count(referenced_data(r, attribute)) > 0
} else := by_vnet_id(r.attributes[attribute]) if {
	r.type == "azurerm_virtual_network_peering"
} else := []

managed("azurerm_virtual_network_peering") := subnets.virtual_networks

managed("aws_vpc_peering_connection") := subnets.vpcs

managed("google_compute_network_peering") := google_networks

managed_index := {type: fw.by_scope(managed(type)) | some type, _ in peering_types}

referenced_data(r, attribute) := [d |
	addresses := object.get(object.get(r, "references", {}), attribute, [])
	some d in network_data_sources
	d.type == data_type[r.type]
	fw.scope(d) == fw.scope(r)
	some address in addresses
	instance_of(d.address, address)
]

# A reference names every instance of a resource with count or for_each (data.x.y → data.x.y[0]).
instance_of(instance, address) if instance == address

instance_of(instance, address) if startswith(instance, concat("", [address, "["]))

data_type := {
	"azurerm_virtual_network_peering": "azurerm_virtual_network",
	"aws_vpc_peering_connection": "aws_vpc",
	"google_compute_network_peering": "google_compute_network",
}

network(v) := {"label": v.address, "ranges": subnets.vnet_ranges(v)} if v.type == "azurerm_virtual_network"

network(v) := {"label": v.address, "ranges": subnets.vpc_ranges(v)} if v.type == "aws_vpc"

network(v) := {"label": v.address, "ranges": [range |
	some s in google_subnetworks
	count(fw.referenced(s, "network", [v])) > 0
	some range in fw.items(s.attributes, "ip_cidr_range", [])
]} if {
	v.type == "google_compute_network"
}

# A data source: the managed network of that name anywhere in the scan, else a CIDR it states, else the
# allocation of the deployment its name follows the convention for.
looked_up(type, d) := network(managed_by_name[0]) if {
	managed_by_name := [v | some v in managed_of_type(type); v.attributes.name == d.attributes.name]
	count(managed_by_name) > 0
} else := {"label": d.address, "ranges": [{"value": d.attributes.cidr_block, "path": []}]} if {
	is_string(d.attributes.cidr_block)
} else := allocation(d.address, d.attributes.name)

managed_of_type(type) := managed(type)

# /subscriptions/.../virtualNetworks/vnet-cf-westeu-prod-2 → that VNet in the scan, else its allocation.
by_vnet_id(id) := [network(v) | some v in subnets.virtual_networks; v.attributes.name == name] if {
	name := vnet_name(id)
	count([v | some v in subnets.virtual_networks; v.attributes.name == name]) > 0
} else := [allocation(vnet_name(id), vnet_name(id))]

vnet_name(id) := parts[count(parts) - 1] if {
	is_string(id)
	contains(lower(id), "/virtualnetworks/")
	parts := split(id, "/")
}

allocation(label, name) := {"label": label, "ranges": [{"value": cidr, "path": []}]} if {
	is_string(name)
	prefix := concat("", [data.profile.naming.abbreviations.azurerm_virtual_network, "-", data.profile.naming.app, "-"])
	startswith(name, prefix)
	cidr := data.profile.cidr.allocations[substring(name, count(prefix), -1)]
}

attributes(r) := peering_types[r.type]

# Overlapping (local, remote) network pairs of a peering.
overlaps(r) := [{"here": here, "there": there} |
	some here in side(r, attributes(r).local)
	some there in side(r, attributes(r).remote)
	intersect(here, there)
]

intersect(here, there) if {
	some a in here.ranges
	some b in there.ranges
	ipv4.overlap(ipv4.bounds(fw.cidr(a.value)), ipv4.bounds(fw.cidr(b.value)))
}

# One finding per peering, on its remote side.
deny contains finding if {
	some r in peerings
	pairs := overlaps(r)
	count(pairs) > 0
	pair := pairs[0]
	finding := {
		"resource": r.id,
		"path": [attributes(r).remote],
		"message": "overlap",
		"data": {"local": pair.here.label, "local_cidrs": cidrs(pair.here), "remote": pair.there.label, "remote_cidrs": cidrs(pair.there)},
	}
}

cidrs(network) := concat(", ", [range.value | some range in network.ranges; is_string(range.value)])

# A side that cannot be resolved, or whose ranges are not known (and no known pair overlaps).
unknown contains {"resource": r.id, "path": [attribute], "reason": reason} if {
	some r in peerings
	not overlapping(r)
	some key in ["local", "remote"]
	attribute := attributes(r)[key]
	reason := unresolved(r, attribute)
}

unresolved(r, attribute) := sprintf("%s does not name a network whose address space the scan knows", [attribute]) if {
	count([range | some n in side(r, attribute); some range in n.ranges; fw.cidr(range.value)]) == 0
} else := sprintf("the address space behind %s is not known before apply", [attribute]) if {
	some n in side(r, attribute)
	some range in n.ranges
	values.is_unknown(range.value)
}

overlapping(r) if count(overlaps(r)) > 0
