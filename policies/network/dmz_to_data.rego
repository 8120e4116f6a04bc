# METADATA
# title: DMZ reaches the data zone directly
# description: >-
#   Traffic from the DMZ (API gateway, WAF, ingress) goes to the application zone, never straight to databases,
#   caches or storage: the zone flows allow dmz → app → data. Reported are allow rules whose source lies in the
#   deployment's DMZ subnet (or is a DMZ security group or GCP `dmz` tag) and whose destination lies in a
#   data-zone subnet (or whose NSG, security group or GCP target tag is in the data zone), and Kubernetes
#   NetworkPolicies of data-zone namespaces that admit namespaces of the DMZ zone. Rules whose source or
#   destination spans several zones are not attributed to a zone here.
# custom:
#   id: EVD-NET-006
#   severity: high
#   category: network
#   remediation: Route DMZ traffic through the application zone; allow the data zone only from application subnets and namespaces.
#   parameters: [zones.flows, zones.label, zones.names, cidr.subnets]
#   messages:
#     rule: Rule "{{rule}}" lets the DMZ ({{source}}) connect to the data zone directly
#     network_policy: NetworkPolicy "{{policy}}" admits DMZ namespaces into data-zone namespace "{{namespace}}"
package evident.rules.network.dmz_to_data

import data.evident.lib.firewall as fw
import data.evident.lib.kubernetes as k8s
import data.evident.lib.zones
import rego.v1

dmz := "dmz"

data_zone := "data"

forbidden if not zones.may_reach(dmz, data_zone)

# Azure rules name both ends explicitly, so outbound rules open the path too; elsewhere only ingress rules do.
direction_counts(entry) if fw.flag(entry.inbound) == "yes"

direction_counts(entry) if startswith(entry.resource.type, "azurerm_")

into_data := [entry |
	some entry in fw.rules
	fw.flag(entry.allow) != "no"
	data_zone in fw.destination_zones(entry)
]

applies contains entry.resource.id if some entry in into_data

applies contains policy.id if some policy in zones.ingress_policies(data_zone)

violations := [{"entry": entry, "source": source} |
	forbidden
	some entry in into_data
	fw.flag(entry.allow) == "yes"
	direction_counts(entry)
	some source in entry.sources
	dmz in fw.address_zones(entry, source)
]

deny contains finding if {
	some v in violations
	finding := {
		"resource": v.entry.resource.id,
		"path": fw.finding_path(v.entry, v.source),
		"message": "rule",
		"data": {"rule": v.entry.name, "source": v.source.value},
	}
}

deny contains finding if {
	forbidden
	some policy in zones.ingress_policies(data_zone)
	some peer in zones.ingress_peers(policy)
	peer.admits.kind == "zones"
	dmz in peer.admits.zones
	finding := {
		"resource": policy.id,
		"path": peer.path,
		"message": "network_policy",
		"data": {"policy": policy.attributes.metadata.name, "namespace": k8s.namespace_of(policy)},
	}
}

unknown contains {"resource": entry.resource.id, "path": path} if {
	forbidden
	some entry in into_data
	not violated[fw.key(entry)]
	some path in ({entry.allow.path | fw.flag(entry.allow) == "unknown"} | {item.path | some item in fw.unknown_addresses(entry.sources)})
}

violated := {fw.key(v.entry) | some v in violations}

unknown contains {"resource": block.resource.id, "path": block.path} if {
	forbidden
	some block in fw.unknown_blocks
	data_zone in fw.block_zones(block.resource)
}
