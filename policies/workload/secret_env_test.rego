package evident.rules.workload.secret_env_test

import data.evident.rules.workload.secret_env as rule
import rego.v1

pod(container) := {"resources": [{"id": "p", "source": "kubernetes", "type": "Pod", "attributes": {"spec": {"containers": [container]}}}]}

test_secret_key_ref_denied if {
	some finding in rule.deny with input as pod({"name": "a", "env": [{"name": "DB", "valueFrom": {"secretKeyRef": {"name": "db", "key": "url"}}}]})
	finding.message == "secret_key_ref"
	finding.data == {"container": "a", "variable": "DB", "secret": "db"}
}

test_env_from_secret_denied if {
	some finding in rule.deny with input as pod({"name": "a", "envFrom": [{"configMapRef": {"name": "c"}}, {"secretRef": {"name": "s"}}]})
	finding.path == ["spec", "containers", 0, "envFrom", 1, "secretRef"]
}

test_config_map_and_literals_allowed if {
	count(rule.deny) == 0 with input as pod({"name": "a", "env": [{"name": "LEVEL", "value": "info"}, {"name": "X", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "x"}}}]})
}
