# METADATA
# title: Sensitive port open to the internet
# description: >-
#   SSH, RDP, database, cache and other administrative ports (the profile's list) are never reachable from
#   the internet: management goes through the VPN, data through the application zone. An inbound allow rule
#   whose source is the internet (`*`, `0.0.0.0/0`, `::/0`, Azure's `Internet`, or a GCP ingress rule without any
#   source, which GCP reads as 0.0.0.0/0) and whose ports (single ports, ranges such as 20-3400, `*`, or all
#   ports of protocol -1/all) include a sensitive port is reported: NSG `security_rule` blocks and
#   azurerm_network_security_rule, aws_security_group ingress blocks, aws_security_group_rule and
#   aws_vpc_security_group_ingress_rule, google_compute_firewall allow blocks.
# custom:
#   id: EVD-NET-003
#   severity: critical
#   category: network
#   remediation: Restrict the source to the VPN range or a private network, or remove the rule; reach administrative ports through the VPN and bastion.
#   parameters: [zones.sensitivePorts]
#   messages:
#     open: Rule "{{rule}}" opens port {{ports}} to {{source}}
package evident.rules.network.sensitive_port

import data.evident.lib.firewall as fw
import rego.v1

applies contains entry.resource.id if some entry in fw.rules

# Inbound allow rules, as far as their direction and action are known.
candidates := [entry |
	some entry in fw.rules
	fw.flag(entry.inbound) != "no"
	fw.flag(entry.allow) != "no"
]

violations := [{"entry": entry, "source": source, "ports": ports} |
	some entry in candidates
	fw.flag(entry.inbound) == "yes"
	fw.flag(entry.allow) == "yes"
	ports := fw.open_sensitive_ports(entry)
	count(ports) > 0
	some source in entry.sources
	source.kind == "internet"
]

deny contains finding if {
	some v in violations
	finding := {
		"resource": v.entry.resource.id,
		"path": fw.finding_path(v.entry, v.source),
		"message": "open",
		"data": {"rule": v.entry.name, "ports": concat(", ", [format_int(p, 10) | some p in v.ports]), "source": v.source.value},
	}
}

# Whether the rule opens a sensitive port to the internet depends on a value known only after apply.
unknown contains {"resource": entry.resource.id, "path": path} if {
	some entry in candidates
	not denied[fw.key(entry)]
	exposed_or_unknown(entry)
	sensitive_or_unknown(entry)
	some path in unknown_paths(entry)
}

denied := {fw.key(v.entry) | some v in violations}

# Rule blocks generated from a collection known only after apply.
unknown contains {"resource": block.resource.id, "path": block.path} if some block in fw.unknown_blocks

exposed_or_unknown(entry) if {
	some source in entry.sources
	source.kind in {"internet", "unknown"}
}

sensitive_or_unknown(entry) if count(fw.open_sensitive_ports(entry)) > 0

sensitive_or_unknown(entry) if count(fw.unknown_ports(entry)) > 0

unknown_paths(entry) := ({path |
	some field in [entry.inbound, entry.allow]
	fw.flag(field) == "unknown"
	path := field.path
} | {item.path | some item in fw.unknown_addresses(entry.sources)}) | {item.path | some item in fw.unknown_ports(entry)}
