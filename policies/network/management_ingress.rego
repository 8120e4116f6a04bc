# METADATA
# title: Management zone admits traffic from outside the VPN
# description: >-
#   The management zone (bastion, jump boxes, CI/CD and monitoring hosts) is reached through the VPN only, with
#   MFA. An inbound allow rule into the management zone may admit the VPN ranges and the management subnet itself,
#   nothing else: not the internet, not service tags such as VirtualNetwork, not other subnets or security
#   groups. A rule goes into the management zone when its destination lies in the deployment's management
#   subnet (.10.0/24), when its NSG or security group is in the management zone (`zone` tag, a name ending in
#   a management descriptor, an NSG associated with the management subnet), or when a GCP rule targets the
#   `mgmt` network tag.
# custom:
#   id: EVD-NET-005
#   severity: high
#   category: network
#   remediation: Allow only the VPN range (`zones.vpnCidrs`) as the source of rules into the management zone.
#   parameters: [zones.vpnCidrs, zones.label, zones.names, cidr.subnets]
#   messages:
#     outside_vpn: Rule "{{rule}}" admits {{source}} into the management zone; only {{vpn}} may connect
package evident.rules.network.management_ingress

import data.evident.lib.firewall as fw
import data.evident.lib.ipv4
import rego.v1

vpn := data.profile.zones.vpnCidrs

management := "mgmt"

into_management := [entry |
	some entry in fw.rules
	fw.flag(entry.inbound) != "no"
	fw.flag(entry.allow) != "no"
	management in fw.destination_zones(entry)
]

applies contains entry.resource.id if some entry in into_management

violations := [{"entry": entry, "source": source} |
	some entry in into_management
	fw.flag(entry.inbound) == "yes"
	fw.flag(entry.allow) == "yes"
	some source in entry.sources
	outside(entry, source)
]

deny contains finding if {
	some v in violations
	finding := {
		"resource": v.entry.resource.id,
		"path": fw.finding_path(v.entry, v.source),
		"message": "outside_vpn",
		"data": {"rule": v.entry.name, "source": source_text(v.source), "vpn": concat(", ", vpn)},
	}
}

source_text(source) := concat("", ["the public IP of ", source.value]) if source.kind == "public_ip"

else := source.value if is_string(source.value)

else := source.kind

# A source that is neither a VPN range nor the management zone itself.
outside(_, source) if source.kind in {"internet", "public_ip", "other"}

outside(entry, source) if {
	source.kind == "cidr"
	not inside_vpn(source.bounds)
	not management in fw.address_zones(entry, source)
}

outside(entry, source) if {
	source.kind == "tag"
	not management in fw.address_zones(entry, source)
}

outside(entry, source) if {
	source.kind == "group"
	count(source.refs) > 0
	not management in fw.address_zones(entry, source)
}

inside_vpn(bounds) if {
	some vpn_bounds in vpn_ranges
	ipv4.within(vpn_bounds, bounds)
}

vpn_ranges := [ipv4.bounds(range) | some range in vpn]

# Unknown: the rule's direction or action, a source, or a security group outside the scan.
unknown contains {"resource": entry.resource.id, "path": path} if {
	some entry in into_management
	not violated[fw.key(entry)]
	some path in undecided(entry)
}

undecided(entry) := ({field.path | some field in [entry.inbound, entry.allow]; fw.flag(field) == "unknown"} | {source.path |
	some source in entry.sources
	source.kind == "unknown"
}) | {source.path |
	some source in entry.sources
	source.kind == "group"
	count(source.refs) == 0
}

violated := {fw.key(v.entry) | some v in violations}

unknown contains {"resource": block.resource.id, "path": block.path} if {
	some block in fw.unknown_blocks
	management in fw.block_zones(block.resource)
}
