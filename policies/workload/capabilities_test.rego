package evident.rules.workload.capabilities_test

import data.evident.rules.workload.capabilities as rule
import rego.v1

profile := {"kubernetes": {"forbiddenCapabilities": ["SYS_ADMIN", "NET_ADMIN", "ALL"]}}

pod(add) := {"resources": [{"id": "p", "source": "kubernetes", "type": "Pod", "attributes": {"spec": {"containers": [{"name": "a", "securityContext": {"capabilities": {"add": add}}}]}}}]}

test_forbidden_capabilities_denied_with_their_index if {
	findings := rule.deny with input as pod(["CHOWN", "cap_sys_admin", "ALL"]) with data.profile as profile
	{f.path[6] | some f in findings} == {1, 2}
	{f.data.capability | some f in findings} == {"cap_sys_admin", "ALL"}
}

test_harmless_capabilities_allowed if {
	count(rule.deny) == 0 with input as pod(["NET_BIND_SERVICE"]) with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as pod(["NET_BIND_SERVICE"]) with data.profile as {"kubernetes": {"forbiddenCapabilities": ["NET_BIND_SERVICE"]}}
}
