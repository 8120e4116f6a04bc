# METADATA
# title: Secret written in plain text in a container's environment
# description: >-
#   An environment variable named like a password, token or key has a literal value in the
#   manifest: the secret is in version control and readable by anyone who can read the workload.
# custom:
#   id: EVD-WKL-008
#   severity: high
#   category: workload
#   remediation: Store the value in a Secret or Vault and mount it as a file; rotate the exposed secret.
#   messages:
#     literal: Container "{{container}}" sets {{variable}} to a literal value in the manifest
package evident.rules.workload.plaintext_secret_env

import data.evident.lib.kubernetes as k8s
import rego.v1

secret_name := `(?i)pass(word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential`

# Docker's convention: *_FILE and *_PATH variables hold the path of a mounted secret, not the secret.
secret_file_reference := `(?i)[_-](file|path)$`

# Switches such as ALLOW_EMPTY_PASSWORD=no configure secret handling; they are not secrets.
switch_value := `(?i)^(yes|no|true|false|on|off|0|1|enabled|disabled)$`

applies contains entry.id if some entry in k8s.containers

deny contains finding if {
	some entry in k8s.containers
	some i, variable in entry.container.env
	regex.match(secret_name, variable.name)
	not regex.match(secret_file_reference, variable.name)
	is_string(variable.value)
	variable.value != ""
	not regex.match(switch_value, variable.value)
	not startswith(variable.value, "$(")
	finding := {
		"resource": entry.id,
		"path": array.concat(entry.path, ["env", i, "value"]),
		"message": "literal",
		"data": {"container": entry.name, "variable": variable.name},
	}
}
