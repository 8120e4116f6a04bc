package evident.rules.workload.privileged_test

import data.evident.rules.workload.privileged
import rego.v1

pod(container) := {"resources": [{"id": "p", "source": "kubernetes", "type": "Pod", "attributes": {"spec": {"containers": [container]}}}]}

test_privileged_container_denied if {
	privileged.deny == {{
		"resource": "p",
		"path": ["spec", "containers", 0, "securityContext", "privileged"],
		"message": "privileged",
		"data": {"container": "app"},
	}} with input as pod({"name": "app", "securityContext": {"privileged": true}})
}

test_unprivileged_container_allowed if {
	count(privileged.deny) == 0 with input as pod({"name": "app", "securityContext": {"privileged": false}})
	count(privileged.deny) == 0 with input as pod({"name": "app"})
}

test_init_container_of_cronjob_denied if {
	cronjob := {"resources": [{"id": "c", "source": "helm", "type": "CronJob", "attributes": {"spec": {"jobTemplate": {"spec": {"template": {"spec": {
		"containers": [{"name": "main"}],
		"initContainers": [{"name": "init", "securityContext": {"privileged": true}}],
	}}}}}}}]}
	some finding in privileged.deny with input as cronjob
	finding.path == ["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "securityContext", "privileged"]
}

test_terraform_resources_ignored if {
	count(privileged.deny) == 0 with input as {"resources": [{"id": "t", "source": "terraform", "type": "Pod", "attributes": {"spec": {"containers": [{"securityContext": {"privileged": true}}]}}}]}
}
