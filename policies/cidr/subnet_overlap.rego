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
#     overlap: Subnet range {{cidr}} overlaps {{others}}
package evident.rules.cidr.subnet_overlap

import data.evident.lib.firewall as fw
import data.evident.lib.ipv4
import data.evident.lib.subnets
import rego.v1

known_ranges := [entry | some entry in subnets.ranges; subnets.known(entry)]

# Subnets are compared within their group and /16 (first two octets); ranges wider than a /16 with every
# subnet of their group. Keeps the pairing linear in practice.
bucket(entry) := [subnets.group(entry.resource), octets[0], octets[1]] if {
	to_number(split(fw.cidr(entry.cidr), "/")[1]) >= 16
	octets := split(fw.cidr(entry.cidr), ".")
} else := [subnets.group(entry.resource), "wide"]

keyed := [{"entry": entry, "bucket": bucket(entry), "bounds": ipv4.bounds(fw.cidr(entry.cidr))} | some entry in known_ranges]

by_bucket := {b: [k | some k in keyed; k.bucket == b] | some b in {k.bucket | some k in keyed}}

# Ranges wider than a /16, per group, and the whole of those groups.
wide_groups := {k.bucket[0] | some k in keyed; count(k.bucket) == 2}

wide := {g: [k | some k in keyed; k.bucket == [g, "wide"]] | some g in wide_groups}

by_group := {g: [k | some k in keyed; k.bucket[0] == g] | some g in wide_groups}

# What a range is compared with: its bucket and the group's wide ranges, or, for a wide range, its whole group.
candidates(k) := by_group[k.bucket[0]] if count(k.bucket) == 2

else := array.concat(by_bucket[k.bucket], wide_in(k.bucket[0]))

# object.get would read an array key as a path.
wide_in(group) := list if {
	list := wide[group]
} else := []

applies contains entry.resource.id if some entry in known_ranges

# One finding per range, naming every subnet it overlaps.
deny contains finding if {
	some k in keyed
	a := k.entry
	others := [label(b.entry) |
		some b in candidates(k)
		ipv4.overlap(k.bounds, b.bounds)
		not same_subnet(a, b.entry)
	]
	count(others) > 0
	finding := {
		"resource": a.resource.id,
		"path": a.path,
		"message": "overlap",
		"data": {"cidr": a.cidr, "others": summary(others)},
	}
}

# "a", "a, b" ... and at most three names, then how many more.
summary(names) := concat(", ", sorted) if {
	sorted := sort(names)
	count(sorted) <= 3
} else := concat("", [concat(", ", array.slice(sort(names), 0, 3)), " and ", format_int(count(names) - 3, 10), " more"])

# A subnet's own ranges (several address_prefixes of one subnet are Azure's concern, not a layout clash).
same_subnet(a, b) if {
	a.resource.id == b.resource.id
	a.network != "inline"
}

same_subnet(a, b) if {
	a.resource.id == b.resource.id
	a.path[1] == b.path[1]
}

label(entry) := concat("", [entry.resource.address, " (", entry.cidr, ")"]) if {
	entry.network != "inline"
} else := concat("", [entry.resource.address, " subnet ", entry.name, " (", entry.cidr, ")"]) if {
	entry.network == "inline"
	is_string(entry.name)
} else := concat("", [entry.resource.address, " (", entry.cidr, ")"])

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in subnets.ranges
	subnets.unknown(entry)
}
