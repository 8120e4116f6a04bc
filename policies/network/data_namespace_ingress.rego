# METADATA
# title: Data-zone namespace admits ingress from outside the application zone
# description: >-
#   Namespaces of the data zone (label `zone: data`, or a `data-` name where the Namespace is not in the scan)
#   accept connections only from the zones allowed to reach the data zone (zones.flows: the application zone,
#   and management for operations). A NetworkPolicy there may admit pods of its own namespace and namespaces
#   selected by such a zone; it may not admit every source (an ingress rule without `from`), every namespace
#   (an empty namespaceSelector), IP blocks (addresses outside the cluster's zones), or namespaces of another
#   zone or of none. DMZ namespaces are EVD-NET-006's finding. A selector that names no zone and matches no
#   Namespace of the scan leaves the result unknown.
# custom:
#   id: EVD-NET-008
#   severity: high
#   category: network
#   remediation: 'Select source namespaces by their zone label (`namespaceSelector.matchLabels.zone: app`); remove ipBlock and open rules from data-zone policies.'
#   parameters: [zones.flows, zones.label, zones.names]
#   messages:
#     all_sources: NetworkPolicy "{{policy}}" admits every source into data-zone namespace "{{namespace}}"
#     all_namespaces: NetworkPolicy "{{policy}}" admits every namespace into data-zone namespace "{{namespace}}"
#     ip_block: NetworkPolicy "{{policy}}" admits IP block {{cidr}} into data-zone namespace "{{namespace}}"
#     zone: NetworkPolicy "{{policy}}" admits {{zones}} namespaces into data-zone namespace "{{namespace}}"; allowed are {{allowed}}
package evident.rules.network.data_namespace_ingress

import data.evident.lib.kubernetes as k8s
import data.evident.lib.zones
import rego.v1

data_zone := "data"

policies := zones.ingress_policies(data_zone)

allowed := zones.allowed_sources(data_zone)

# DMZ sources are reported by EVD-NET-006 when the flows forbid them.
elsewhere := {"dmz"} - allowed

applies contains policy.id if some policy in policies

deny contains finding if {
	some policy in policies
	some path in zones.open_ingress_rules(policy)
	finding := result(policy, path, "all_sources", {})
}

deny contains finding if {
	some policy in policies
	some peer in zones.ingress_peers(policy)
	peer.admits.kind == "all"
	finding := result(policy, peer.path, "all_namespaces", {})
}

deny contains finding if {
	some policy in policies
	some peer in zones.ingress_peers(policy)
	peer.admits.kind == "ip_block"
	finding := result(policy, array.concat(peer.path, ["ipBlock"]), "ip_block", {"cidr": peer.admits.cidr})
}

deny contains finding if {
	some policy in policies
	some peer in zones.ingress_peers(policy)
	peer.admits.kind == "zones"
	outside := (peer.admits.zones - allowed) - elsewhere
	count(outside) > 0
	finding := result(policy, peer.path, "zone", {"zones": concat(", ", sort(outside)), "allowed": concat(", ", sort(allowed))})
}

unknown contains {"resource": policy.id, "path": peer.path, "reason": "the namespaceSelector names no zone and matches no Namespace in the scan"} if {
	some policy in policies
	some peer in zones.ingress_peers(policy)
	peer.admits.kind == "unknown"
}

result(policy, path, message, extra) := {
	"resource": policy.id,
	"path": path,
	"message": message,
	"data": object.union({"policy": policy.attributes.metadata.name, "namespace": k8s.namespace_of(policy)}, extra),
}
