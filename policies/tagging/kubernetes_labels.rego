# METADATA
# title: Kubernetes workload or Service is missing required labels
# description: >-
#   Workloads carry the labels of `tagging.kubernetesLabels` (app.kubernetes.io/name, app.kubernetes.io/part-of): cost
#   reports, dashboards and network policies group pods by them. Checked on every pod-bearing object (Pod, Deployment,
#   StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) and Service in manifests and rendered
#   Helm charts: the object's own labels, and for controllers also the pod template's labels, because the pods they
#   create carry only those. A label with a blank value is missing.
# custom:
#   id: EVD-TAG-003
#   severity: low
#   category: tagging
#   remediation: Add the labels to `metadata.labels` and, for controllers, to the pod template's `metadata.labels` (Helm charts usually share them in a `labels` helper).
#   parameters: [tagging.kubernetesLabels]
#   messages:
#     missing: '{{kind}} "{{name}}" is missing the required labels: {{missing}}'
#     missing_template: '{{kind}} "{{name}}" creates pods without the required labels: {{missing}}'
package evident.rules.tagging.kubernetes_labels

import data.evident.lib.kubernetes as k8s
import data.evident.lib.tagging
import rego.v1

# Where each kind keeps its pod template's metadata.
template_paths := {kind: array.concat(array.slice(path, 0, count(path) - 1), ["metadata"]) |
	some kind, path in k8s.pod_spec_paths
	count(path) > 1
}

workloads contains r if {
	some r in input.resources
	k8s.manifest_sources[r.source]
	labelled_kind(r.type)
}

labelled_kind(kind) if k8s.pod_spec_paths[kind]

labelled_kind("Service")

applies contains r.id if some r in workloads

deny contains finding if {
	some r in workloads
	missing := missing_labels(object.get(r.attributes, ["metadata", "labels"], {}))
	count(missing) > 0
	finding := {
		"resource": r.id,
		"path": label_path(r, ["metadata"]),
		"message": "missing",
		"data": {"kind": r.type, "name": object.get(r.attributes, ["metadata", "name"], ""), "missing": concat(", ", missing)},
	}
}

deny contains finding if {
	some r in workloads
	metadata_path := template_paths[r.type]
	is_object(object.get(r.attributes, array.slice(metadata_path, 0, count(metadata_path) - 1), null))
	missing := missing_labels(object.get(r.attributes, array.concat(metadata_path, ["labels"]), {}))
	count(missing) > 0
	finding := {
		"resource": r.id,
		"path": label_path(r, metadata_path),
		"message": "missing_template",
		"data": {"kind": r.type, "name": object.get(r.attributes, ["metadata", "name"], ""), "missing": concat(", ", missing)},
	}
}

missing_labels(labels) := [key |
	some key in data.profile.tagging.kubernetesLabels
	not carries(labels, key)
]

carries(labels, key) if {
	is_object(labels)
	tagging.carries_value(labels[key])
}

# The labels when the object has them, else the metadata they belong in.
label_path(r, metadata_path) := array.concat(metadata_path, ["labels"]) if {
	is_object(object.get(r.attributes, array.concat(metadata_path, ["labels"]), null))
} else := metadata_path
