# METADATA
# title: Network or subnet uses a reserved range
# description: >-
#   10.60.0.0/16 – 10.99.0.0/16 are kept for future regions. No VNet, VPC (nor its secondary CIDR blocks),
#   subnet or GCP subnetwork (nor its secondary GKE ranges) may take addresses from them, or the next region
#   to be allocated collides with it.
# custom:
#   id: EVD-CIDR-007
#   severity: high
#   category: cidr
#   remediation: Use the deployment's row of the allocation table; reserved ranges are allocated to new regions only.
#   parameters: [cidr.reserved]
#   messages:
#     reserved: Range {{cidr}} uses the reserved range {{reserved}}
package evident.rules.cidr.reserved_range

import data.evident.lib.firewall as fw
import data.evident.lib.ipv4
import data.evident.lib.network
import data.evident.lib.subnets
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

ranges := array.concat(
	[{"resource": e.resource, "cidr": e.cidr, "path": e.path} | some e in network.ranges],
	array.concat(
		[{"resource": a, "cidr": a.attributes.cidr_block, "path": ["cidr_block"]} |
			some a in tf.of_type("aws_vpc_ipv4_cidr_block_association")
			a.attributes.cidr_block
		],
		[{"resource": e.resource, "cidr": e.cidr, "path": e.path} | some e in (subnets.ranges | subnets.secondary_ranges)],
	),
)

reserved_ranges := [{"cidr": cidr, "bounds": ipv4.bounds(cidr)} | some cidr in data.profile.cidr.reserved]

applies contains entry.resource.id if some entry in ranges

deny contains finding if {
	some entry in ranges
	bounds := ipv4.bounds(fw.cidr(entry.cidr))
	hits := [reserved.cidr | some reserved in reserved_ranges; ipv4.overlap(bounds, reserved.bounds)]
	count(hits) > 0
	finding := {"resource": entry.resource.id, "path": entry.path, "message": "reserved", "data": {"cidr": entry.cidr, "reserved": concat(", ", hits)}}
}

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in ranges
	values.is_unknown(entry.cidr)
}
