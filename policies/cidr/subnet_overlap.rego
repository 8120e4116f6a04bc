# METADATA
# title: Subnets of a deployment overlap
# description: >-
#   The subnets of one deployment (Azure subnets and inline VNet subnet blocks, AWS subnets, GCP subnetworks)
#   must never share addresses: overlapping ranges are rejected at apply time or, across networks, break routing
#   between the zones. Both subnets are reported, each at the line that sets its range.
# custom:
#   id: EVD-CIDR-004
#   severity: high
#   category: cidr
#   remediation: Give each subnet its own range from the subnet layout.
#   messages:
#     overlap: Subnet range {{cidr}} overlaps {{other_cidr}} of {{other}}
package evident.rules.cidr.subnet_overlap

import data.evident.lib.firewall as fw
import data.evident.lib.subnets
import rego.v1

known_ranges := [entry | some entry in subnets.ranges; subnets.known(entry)]

groups := {subnets.group(entry.resource) | some entry in known_ranges}

by_group := {key: [entry | some entry in known_ranges; subnets.group(entry.resource) == key] | some key in groups}

applies contains entry.resource.id if some entry in known_ranges

deny contains finding if {
	some members in by_group
	some a in members
	some b in members
	not same_subnet(a, b)
	net.cidr_intersects(fw.cidr(a.cidr), fw.cidr(b.cidr))
	finding := {
		"resource": a.resource.id,
		"path": a.path,
		"message": "overlap",
		"data": {"cidr": a.cidr, "other_cidr": b.cidr, "other": label(b)},
	}
}

# A subnet's own ranges (several address_prefixes of one subnet are Azure's concern, not a layout clash).
same_subnet(a, b) if {
	a.resource.id == b.resource.id
	a.network != "inline"
}

same_subnet(a, b) if {
	a.resource.id == b.resource.id
	a.path[1] == b.path[1]
}

label(entry) := sprintf("%s (%s)", [entry.resource.address, entry.name]) if {
	entry.network == "inline"
	is_string(entry.name)
} else := entry.resource.address

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in subnets.ranges
	subnets.unknown(entry)
}
