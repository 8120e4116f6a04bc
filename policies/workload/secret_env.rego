# METADATA
# title: Secret passed to a container as an environment variable
# description: >-
#   Environment variables leak into logs, crash dumps, child processes and `kubectl describe`.
#   Secrets should be mounted as files (or fetched from Vault) instead.
# custom:
#   id: EVD-WKL-007
#   severity: low
#   category: workload
#   remediation: Mount the Secret as a volume (or use the Vault agent/CSI driver) and read it from a file.
#   messages:
#     secret_key_ref: Container "{{container}}" reads Secret "{{secret}}" into environment variable {{variable}}
#     secret_env_from: Container "{{container}}" loads every key of Secret "{{secret}}" into its environment
package evident.rules.workload.secret_env

import data.evident.lib.kubernetes as k8s
import rego.v1

applies contains entry.id if some entry in k8s.containers

deny contains finding if {
	some entry in k8s.containers
	some i, variable in entry.container.env
	reference := variable.valueFrom.secretKeyRef
	finding := {
		"resource": entry.id,
		"path": array.concat(entry.path, ["env", i, "valueFrom", "secretKeyRef"]),
		"message": "secret_key_ref",
		"data": {"container": entry.name, "variable": object.get(variable, "name", ""), "secret": object.get(reference, "name", "")},
	}
}

deny contains finding if {
	some entry in k8s.containers
	some i, source in entry.container.envFrom
	reference := source.secretRef
	finding := {
		"resource": entry.id,
		"path": array.concat(entry.path, ["envFrom", i, "secretRef"]),
		"message": "secret_env_from",
		"data": {"container": entry.name, "secret": object.get(reference, "name", "")},
	}
}
