# METADATA
# title: Container runs privileged
# description: >-
#   A privileged container has every capability of the host and can escape to the node.
#   Applies to containers, init containers and ephemeral containers of every pod-bearing kind.
# custom:
#   id: EVD-WKL-001
#   severity: high
#   category: workload
#   remediation: 'Remove `securityContext.privileged: true`; grant the single capability the workload needs instead.'
#   messages:
#     privileged: Container "{{container}}" runs privileged
package evident.rules.workload.privileged

import data.evident.lib.kubernetes as k8s
import rego.v1

applies contains entry.id if some entry in k8s.containers

deny contains finding if {
	some entry in k8s.containers
	entry.container.securityContext.privileged == true
	finding := {
		"resource": entry.id,
		"path": array.concat(entry.path, ["securityContext", "privileged"]),
		"message": "privileged",
		"data": {"container": entry.name},
	}
}
