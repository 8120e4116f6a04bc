# METADATA
# title: Pod mounts a hostPath volume
# description: >-
#   A hostPath volume exposes the node's filesystem to the pod; writable mounts of paths such as
#   /var/run/docker.sock or /etc lead straight to node compromise.
# custom:
#   id: EVD-WKL-006
#   severity: medium
#   category: workload
#   remediation: Use a persistentVolumeClaim, configMap, secret or emptyDir volume instead of hostPath.
#   messages:
#     host_path: Volume "{{volume}}" mounts host path {{hostPath}}
package evident.rules.workload.host_path

import data.evident.lib.kubernetes as k8s
import rego.v1

applies contains pod.id if some pod in k8s.pods

deny contains finding if {
	some pod in k8s.pods
	some i, volume in pod.spec.volumes
	is_object(volume.hostPath)
	finding := {
		"resource": pod.id,
		"path": array.concat(pod.path, ["volumes", i, "hostPath"]),
		"message": "host_path",
		"data": {"volume": volume_name(volume, i), "hostPath": object.get(volume.hostPath, "path", "")},
	}
}

volume_name(volume, i) := volume.name if is_string(volume.name)

else := concat("", ["volumes[", format_int(i, 10), "]"])
