package evident.rules.workload.privilege_escalation_test

import data.evident.rules.workload.privilege_escalation as rule
import rego.v1

deployment(container) := {"resources": [{"id": "d", "source": "kubernetes", "type": "Deployment", "attributes": {"spec": {"template": {"spec": {"containers": [container]}}}}}]}

test_explicit_true_denied_at_the_setting if {
	some finding in rule.deny with input as deployment({"name": "a", "securityContext": {"allowPrivilegeEscalation": true}})
	finding.message == "allowed"
	finding.path == ["spec", "template", "spec", "containers", 0, "securityContext", "allowPrivilegeEscalation"]
}

test_missing_setting_denied_at_security_context if {
	some finding in rule.deny with input as deployment({"name": "a", "securityContext": {"readOnlyRootFilesystem": true}})
	finding.message == "not_disabled"
	finding.path == ["spec", "template", "spec", "containers", 0, "securityContext"]
}

test_missing_security_context_denied_at_container if {
	some finding in rule.deny with input as deployment({"name": "a"})
	finding.path == ["spec", "template", "spec", "containers", 0]
}

test_false_allowed if {
	count(rule.deny) == 0 with input as deployment({"name": "a", "securityContext": {"allowPrivilegeEscalation": false}})
}
