# METADATA
# title: Container adds a dangerous capability
# description: >-
#   Capabilities such as SYS_ADMIN, NET_ADMIN or ALL give a container near-root power over the
#   node's kernel and network. The list comes from the profile (`kubernetes.forbiddenCapabilities`).
# custom:
#   id: EVD-WKL-004
#   severity: high
#   category: workload
#   remediation: Remove the capability from `securityContext.capabilities.add`; drop ALL and add back only what is needed.
#   parameters: [kubernetes.forbiddenCapabilities]
#   messages:
#     forbidden: Container "{{container}}" adds capability {{capability}}
package evident.rules.workload.capabilities

import data.evident.lib.kubernetes as k8s
import rego.v1

applies contains entry.id if some entry in k8s.containers

forbidden := {normalise(c) | some c in data.profile.kubernetes.forbiddenCapabilities}

deny contains finding if {
	some entry in k8s.containers
	some i, capability in entry.container.securityContext.capabilities.add
	is_string(capability)
	forbidden[normalise(capability)]
	finding := {
		"resource": entry.id,
		"path": array.concat(entry.path, ["securityContext", "capabilities", "add", i]),
		"message": "forbidden",
		"data": {"container": entry.name, "capability": capability},
	}
}

normalise(capability) := trim_prefix(upper(capability), "CAP_")
