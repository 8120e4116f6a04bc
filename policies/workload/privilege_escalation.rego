# METADATA
# title: Container allows privilege escalation
# description: >-
#   Unless `allowPrivilegeEscalation` is false, a process in the container can gain more privileges
#   than its parent (setuid binaries, file capabilities). Kubernetes defaults it to true.
# custom:
#   id: EVD-WKL-002
#   severity: medium
#   category: workload
#   remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.'
#   messages:
#     allowed: Container "{{container}}" sets allowPrivilegeEscalation to true
#     not_disabled: Container "{{container}}" does not set allowPrivilegeEscalation to false
package evident.rules.workload.privilege_escalation

import data.evident.lib.kubernetes as k8s
import rego.v1

applies contains entry.id if some entry in k8s.containers

deny contains finding if {
	some entry in k8s.containers
	entry.container.securityContext.allowPrivilegeEscalation == true
	finding := {
		"resource": entry.id,
		"path": array.concat(entry.path, ["securityContext", "allowPrivilegeEscalation"]),
		"message": "allowed",
		"data": {"container": entry.name},
	}
}

deny contains finding if {
	some entry in k8s.containers
	not has_setting(entry.container)
	finding := {
		"resource": entry.id,
		"path": k8s.security_context_path(entry),
		"message": "not_disabled",
		"data": {"container": entry.name},
	}
}

has_setting(container) if is_boolean(container.securityContext.allowPrivilegeEscalation)
