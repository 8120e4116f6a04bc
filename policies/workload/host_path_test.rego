package evident.rules.workload.host_path_test

import data.evident.rules.workload.host_path as rule
import rego.v1

pod(volumes) := {"resources": [{"id": "p", "source": "kubernetes", "type": "Pod", "attributes": {"spec": {"volumes": volumes, "containers": []}}}]}

test_host_path_denied if {
	rule.deny == {{
		"resource": "p",
		"path": ["spec", "volumes", 1, "hostPath"],
		"message": "host_path",
		"data": {"volume": "docker", "hostPath": "/var/run/docker.sock"},
	}} with input as pod([{"name": "tmp", "emptyDir": {}}, {"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}])
}

test_other_volumes_allowed if {
	count(rule.deny) == 0 with input as pod([{"name": "tmp", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "x"}}])
}
