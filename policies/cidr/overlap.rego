# METADATA
# title: Networks of different deployments overlap
# description: >-
#   Address spaces must never overlap, across every deployment (tfvars file) and every root module
#   of the repository: overlapping ranges break peering, VPN routing and failover. Both networks are
#   reported, each at the line that sets its range.
# custom:
#   id: EVD-CIDR-002
#   severity: critical
#   category: cidr
#   remediation: Give each network its own range from the allocation table.
#   population: [azurerm_virtual_network, aws_vpc]
#   messages:
#     overlap: Network range {{cidr}} overlaps {{other_cidr}} of {{other}}{{other_deployment}}
package evident.rules.cidr.overlap

import data.evident.lib.network
import rego.v1

known_ranges := [entry | some entry in network.ranges; network.is_ipv4_cidr(entry.cidr)]

applies contains entry.resource.id if some entry in known_ranges

deny contains finding if {
	some i, a in known_ranges
	some j, b in known_ranges
	i != j
	not same_network(a.resource, b.resource)
	net.cidr_intersects(a.cidr, b.cidr)
	finding := {
		"resource": a.resource.id,
		"path": a.path,
		"message": "overlap",
		"data": {
			"cidr": a.cidr,
			"other_cidr": b.cidr,
			"other": b.resource.address,
			"other_deployment": deployment_note(b.resource),
		},
	}
}

# A plan and its configuration describe the same network twice.
same_network(a, b) if {
	a.address == b.address
	object.get(a, "deployment", "") == object.get(b, "deployment", "")
}

deployment_note(r) := sprintf(" in deployment %s", [r.deployment]) if r.deployment

else := ""
