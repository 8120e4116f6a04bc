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

# Subnets are compared within their group and /16 (first two octets); ranges wider than a /16 with every
# subnet of their group. Keeps the pairing linear in practice.
bucket(entry) := [subnets.group(entry.resource), octets[0], octets[1]] if {
	to_number(split(fw.cidr(entry.cidr), "/")[1]) >= 16
	octets := split(fw.cidr(entry.cidr), ".")
} else := [subnets.group(entry.resource), "wide"]

keyed := [{"entry": entry, "bucket": bucket(entry)} | some entry in known_ranges]

by_bucket := {b: [k.entry | some k in keyed; k.bucket == b] | some b in {k.bucket | some k in keyed}}

wide := [k | some k in keyed; count(k.bucket) == 2]

# Candidate pairs (arrays: entries are large to hash).
pairs := array.concat(
	[[a, b] |
		some members in by_bucket
		some a in members
		some b in members
	],
	array.concat(
		[[k.entry, w.entry] | some w in wide; some k in keyed; count(k.bucket) == 3; k.bucket[0] == w.bucket[0]],
		[[w.entry, k.entry] | some w in wide; some k in keyed; count(k.bucket) == 3; k.bucket[0] == w.bucket[0]],
	),
)

applies contains entry.resource.id if some entry in known_ranges

deny contains finding if {
	some [a, b] in pairs
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
