# METADATA
# title: Pod shares a host namespace
# description: >-
#   `hostNetwork`, `hostPID` and `hostIPC` put the pod in the node's network, process or IPC
#   namespace, where it can see and reach everything on the node.
# custom:
#   id: EVD-WKL-005
#   severity: high
#   category: workload
#   remediation: Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec.
#   messages:
#     shared: 'Pod shares the host''s {{namespace}} namespace ({{field}}: true)'
package evident.rules.workload.host_namespaces

import data.evident.lib.kubernetes as k8s
import rego.v1

host_fields := {"hostNetwork": "network", "hostPID": "process", "hostIPC": "IPC"}

applies contains pod.id if some pod in k8s.pods

deny contains finding if {
	some pod in k8s.pods
	some field, namespace in host_fields
	pod.spec[field] == true
	finding := {
		"resource": pod.id,
		"path": array.concat(pod.path, [field]),
		"message": "shared",
		"data": {"field": field, "namespace": namespace},
	}
}
