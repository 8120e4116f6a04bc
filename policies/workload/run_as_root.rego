# METADATA
# title: Container may run as root
# description: >-
#   A container runs as root unless `runAsNonRoot: true` or a non-zero `runAsUser` is set on the
#   container or its pod. Root in a container is root on the node after any escape.
# custom:
#   id: EVD-WKL-003
#   severity: medium
#   category: workload
#   remediation: 'Set `runAsNonRoot: true` and a non-zero `runAsUser` in the pod or container securityContext.'
#   messages:
#     root_user: Container "{{container}}" runs as user 0 (root)
#     may_run_as_root: Container "{{container}}" neither sets runAsNonRoot nor a non-root runAsUser
package evident.rules.workload.run_as_root

import data.evident.lib.kubernetes as k8s
import rego.v1

applies contains entry.id if some entry in k8s.containers

deny contains finding if {
	some entry in k8s.containers
	path := root_user_path(entry)
	finding := {"resource": entry.id, "path": path, "message": "root_user", "data": {"container": entry.name}}
}

deny contains finding if {
	some entry in k8s.containers
	not root_user_path(entry)
	not non_root(entry)
	finding := {
		"resource": entry.id,
		"path": k8s.security_context_path(entry),
		"message": "may_run_as_root",
		"data": {"container": entry.name},
	}
}

root_user_path(entry) := array.concat(entry.path, ["securityContext", "runAsUser"]) if {
	entry.container.securityContext.runAsUser == 0
} else := array.concat(entry.pod_path, ["securityContext", "runAsUser"]) if {
	container_setting(entry, "runAsUser") == null
	entry.pod_security.runAsUser == 0
}

non_root(entry) if effective(entry, "runAsNonRoot") == true

non_root(entry) if {
	user := effective(entry, "runAsUser")
	is_number(user)
	user > 0
}

# A container's own setting wins over its pod's.
effective(entry, field) := container_setting(entry, field) if {
	container_setting(entry, field) != null
} else := object.get(entry.pod_security, field, null)

container_setting(entry, field) := object.get(entry.container, ["securityContext", field], null)
