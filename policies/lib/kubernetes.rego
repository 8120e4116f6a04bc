# Pod specs and containers of every pod-bearing Kubernetes kind, with their attribute paths.
package evident.lib.kubernetes

import rego.v1

pod_spec_paths := {
	"Pod": ["spec"],
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}

container_fields := ["containers", "initContainers", "ephemeralContainers"]

manifest_sources := {"kubernetes", "helm"}

pods contains pod if {
	some r in input.resources
	manifest_sources[r.source]
	prefix := pod_spec_paths[r.type]
	spec := object.get(r.attributes, prefix, null)
	is_object(spec)
	pod := {"id": r.id, "spec": spec, "path": prefix}
}

containers contains entry if {
	some pod in pods
	some field in container_fields
	some i, container in object.get(pod.spec, field, [])
	entry := {
		"id": pod.id,
		"container": container,
		"name": container_name(container, field, i),
		"path": array.concat(pod.path, [field, i]),
		"pod_security": object.get(pod.spec, "securityContext", {}),
		"pod_path": pod.path,
	}
}

# The container's name, else its position; no sprintf per container (it is a slow host call in WASM).
container_name(container, field, i) := container.name if is_string(container.name)

else := concat("", [field, "[", format_int(i, 10), "]"])

# Path to the container's securityContext when it has one, else to the container itself.
security_context_path(entry) := array.concat(entry.path, ["securityContext"]) if {
	is_object(entry.container.securityContext)
} else := entry.path

resources_of_kind(kind) := [r | some r in input.resources; manifest_sources[r.source]; r.type == kind]

namespace_of(r) := object.get(r.attributes, ["metadata", "namespace"], "default")
