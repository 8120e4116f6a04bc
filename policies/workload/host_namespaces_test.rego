package evident.rules.workload.host_namespaces_test

import data.evident.rules.workload.host_namespaces as rule
import rego.v1

daemonset(spec) := {"resources": [{"id": "d", "source": "kubernetes", "type": "DaemonSet", "attributes": {"spec": {"template": {"spec": spec}}}}]}

test_each_host_namespace_denied if {
	findings := rule.deny with input as daemonset({"hostNetwork": true, "hostPID": true, "hostIPC": true, "containers": []})
	{f.data.field | some f in findings} == {"hostNetwork", "hostPID", "hostIPC"}
}

test_false_or_absent_allowed if {
	count(rule.deny) == 0 with input as daemonset({"hostNetwork": false, "containers": []})
}
