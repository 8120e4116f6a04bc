package evident.rules.tagging.kubernetes_labels_test

import data.evident.rules.tagging.kubernetes_labels as rule
import rego.v1

profile := {"tagging": {"kubernetesLabels": ["app.kubernetes.io/name", "app.kubernetes.io/part-of"]}}

labels := {"app.kubernetes.io/name": "user-service", "app.kubernetes.io/part-of": "complianceflow"}

object(kind, attributes) := {"resources": [{"id": "o", "source": "kubernetes", "type": kind, "attributes": attributes}]}

deployment(own, template) := object("Deployment", {
	"metadata": {"name": "user-service", "labels": own},
	"spec": {"template": {"metadata": {"labels": template}, "spec": {"containers": []}}},
})

test_labelled_workloads_allowed if {
	count(rule.deny) == 0 with input as deployment(labels, labels) with data.profile as profile
	count(rule.deny) == 0 with input as object("Service", {"metadata": {"name": "s", "labels": labels}}) with data.profile as profile
	rule.applies == {"o"} with input as deployment(labels, labels) with data.profile as profile
}

test_missing_object_labels_denied if {
	rule.deny == {{
		"resource": "o",
		"path": ["metadata"],
		"message": "missing",
		"data": {"kind": "Service", "name": "s", "missing": "app.kubernetes.io/name, app.kubernetes.io/part-of"},
	}} with input as object("Service", {"metadata": {"name": "s"}}) with data.profile as profile
}

test_missing_template_labels_denied if {
	rule.deny == {{
		"resource": "o",
		"path": ["spec", "template", "metadata", "labels"],
		"message": "missing_template",
		"data": {"kind": "Deployment", "name": "user-service", "missing": "app.kubernetes.io/part-of"},
	}} with input as deployment(labels, {"app.kubernetes.io/name": "user-service"}) with data.profile as profile
}

test_cronjob_template_checked if {
	cron := object("CronJob", {
		"metadata": {"name": "report", "labels": labels},
		"spec": {"jobTemplate": {"spec": {"template": {"metadata": {"labels": {"app.kubernetes.io/part-of": ""}}, "spec": {}}}}},
	})
	some finding in rule.deny with input as cron with data.profile as profile
	finding.path == ["spec", "jobTemplate", "spec", "template", "metadata", "labels"]
	finding.data.missing == "app.kubernetes.io/name, app.kubernetes.io/part-of"
}

test_other_kinds_not_evaluated if {
	count(rule.applies) == 0 with input as object("ConfigMap", {"metadata": {"name": "c"}}) with data.profile as profile
}

test_helm_objects_evaluated if {
	chart := {"resources": [{"id": "h", "source": "helm", "type": "Pod", "attributes": {"metadata": {"name": "p"}, "spec": {}}}]}
	count(rule.deny) == 1 with input as chart with data.profile as profile
}

test_profile_decides if {
	other := {"tagging": {"kubernetesLabels": ["team"]}}
	count(rule.deny) == 2 with input as deployment(labels, labels) with data.profile as other
}
