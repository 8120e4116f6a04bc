# Subnets of every provider, their address ranges and the network each belongs to.
package evident.lib.subnets

import data.evident.lib.firewall as fw
import data.evident.lib.terraform as tf
import data.evident.lib.values
import data.evident.lib.zones
import rego.v1

virtual_networks := tf.of_type("azurerm_virtual_network")

vpcs := tf.of_type("aws_vpc")

vpc_cidr_associations := tf.of_type("aws_vpc_ipv4_cidr_block_association")

vnet_index := fw.by_scope(virtual_networks)

vpc_index := fw.by_scope(vpcs)

# One entry per address range of a subnet: {"resource", "cidr", "path", "name", "network"}; cidr and name may be unknown.
# network: "reference" (azurerm_subnet, aws_subnet), "inline" (a VNet's subnet block) or "allocation" (GCP subnetworks,
# whose VPC has no address space of its own).
ranges contains entry if {
	some r in tf.of_type("azurerm_subnet")
	some key in ["address_prefixes", "address_prefix"]
	some item in fw.items(r.attributes, key, [])
	entry := {"resource": r, "cidr": item.value, "path": item.path, "name": object.get(r.attributes, "name", null), "network": "reference"}
}

ranges contains entry if {
	some r in virtual_networks
	blocks := object.get(r.attributes, "subnet", [])
	is_array(blocks)
	some k, block in blocks
	some key in ["address_prefixes", "address_prefix"]
	some item in fw.items(block, key, ["subnet", k])
	entry := {"resource": r, "cidr": item.value, "path": item.path, "name": object.get(block, "name", null), "network": "inline"}
}

ranges contains entry if {
	some r in tf.of_type("aws_subnet")
	some item in fw.items(r.attributes, "cidr_block", [])
	entry := {"resource": r, "cidr": item.value, "path": item.path, "name": object.get(tf.tags(r), "Name", null), "network": "reference"}
}

ranges contains entry if {
	some r in tf.of_type("google_compute_subnetwork")
	some item in fw.items(r.attributes, "ip_cidr_range", [])
	entry := {"resource": r, "cidr": item.value, "path": item.path, "name": object.get(r.attributes, "name", null), "network": "allocation"}
}

# GKE pod and service ranges of GCP subnetworks: address space too, but outside the subnet layout.
secondary_ranges contains entry if {
	some r in tf.of_type("google_compute_subnetwork")
	blocks := object.get(r.attributes, "secondary_ip_range", [])
	is_array(blocks)
	some k, block in blocks
	some item in fw.items(block, "ip_cidr_range", ["secondary_ip_range", k])
	entry := {"resource": r, "cidr": item.value, "path": item.path, "name": object.get(block, "range_name", null), "network": "allocation"}
}

# The layout role of a subnet, from its name's descriptor.
role(entry) := zones.role_of_name(entry.name, object.get(entry.resource, "deployment", null))

# The networks a subnet belongs to, each with its ranges: [{"resource", "ranges": [{"value", "path"}]}].
networks(entry) := [{"resource": entry.resource, "ranges": vnet_ranges(entry.resource)}] if entry.network == "inline"

networks(entry) := [{"resource": v, "ranges": vnet_ranges(v)} | some v in subnet_vnets(entry.resource)] if {
	entry.resource.type == "azurerm_subnet"
}

networks(entry) := [{"resource": v, "ranges": vpc_ranges(v)} | some v in fw.referenced_in(entry.resource, "vpc_id", vpc_index)] if {
	entry.resource.type == "aws_subnet"
}

subnet_vnets(r) := fw.referenced_in(r, "virtual_network_name", vnet_index) if r.references.virtual_network_name

else := fw.named(r, r.attributes.virtual_network_name, virtual_networks)

vnet_ranges(v) := fw.items(v.attributes, "address_space", [])

# A VPC's primary range and its secondary CIDR block associations.
vpc_ranges(v) := array.concat(fw.items(v.attributes, "cidr_block", []), [{"value": a.attributes.cidr_block, "path": ["cidr_block"], "resource": a} |
	some a in vpc_cidr_associations
	count(fw.referenced(a, "vpc_id", [v])) > 0
	a.attributes.cidr_block
])

# Subnets compared with each other: one deployment of one root module (or one plan).
group(r) := [r.source, r.deployment] if is_string(r.deployment)

else := fw.scope(r)

known(entry) if fw.cidr(entry.cidr)

unknown(entry) if values.is_unknown(entry.cidr)
