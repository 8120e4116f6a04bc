# Network address spaces of VNets and VPCs, with the attribute path of each range.
package evident.lib.network

import data.evident.lib.terraform as tf
import rego.v1

network_types := {"azurerm_virtual_network", "aws_vpc"}

# One entry per address range of a network: {"resource", "cidr", "path"}; cidr may be unknown.
ranges contains entry if {
	some r in tf.of_types(network_types)
	r.type == "azurerm_virtual_network"
	some i, cidr in r.attributes.address_space
	entry := {"resource": r, "cidr": cidr, "path": ["address_space", i]}
}

ranges contains entry if {
	some r in tf.of_types(network_types)
	r.type == "aws_vpc"
	entry := {"resource": r, "cidr": object.get(r.attributes, "cidr_block", null), "path": ["cidr_block"]}
}

# IPv4 CIDRs only: IPv6 ranges are outside the allocation table.
is_ipv4_cidr(value) if {
	is_string(value)
	regex.match(`^\d+\.\d+\.\d+\.\d+/\d+$`, value)
}
