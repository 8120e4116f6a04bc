package evident.rules.workload.run_as_root_test

import data.evident.rules.workload.run_as_root as rule
import rego.v1

pod(pod_security, container) := {"resources": [{"id": "p", "source": "kubernetes", "type": "Pod", "attributes": {"spec": {"securityContext": pod_security, "containers": [container]}}}]}

test_pod_level_non_root_allowed if {
	count(rule.deny) == 0 with input as pod({"runAsNonRoot": true}, {"name": "a"})
	count(rule.deny) == 0 with input as pod({"runAsUser": 1000}, {"name": "a"})
}

test_container_level_non_root_allowed if {
	count(rule.deny) == 0 with input as pod({}, {"name": "a", "securityContext": {"runAsNonRoot": true}})
}

test_container_overrides_pod if {
	some finding in rule.deny with input as pod({"runAsNonRoot": true}, {"name": "a", "securityContext": {"runAsNonRoot": false}})
	finding.message == "may_run_as_root"
}

test_nothing_set_denied if {
	some finding in rule.deny with input as pod({}, {"name": "a"})
	finding.message == "may_run_as_root"
}

test_root_uid_on_container_denied_at_setting if {
	some finding in rule.deny with input as pod({"runAsNonRoot": true}, {"name": "a", "securityContext": {"runAsUser": 0}})
	finding.message == "root_user"
	finding.path == ["spec", "containers", 0, "securityContext", "runAsUser"]
}

test_root_uid_on_pod_denied_at_pod_setting if {
	some finding in rule.deny with input as pod({"runAsUser": 0}, {"name": "a"})
	finding.path == ["spec", "securityContext", "runAsUser"]
}

test_string_uid_is_not_non_root if {
	some finding in rule.deny with input as pod({}, {"name": "a", "securityContext": {"runAsUser": "1000"}})
	finding.message == "may_run_as_root"
}
