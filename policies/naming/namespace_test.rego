package evident.rules.naming.namespace_test

import data.evident.rules.naming.namespace as rule
import rego.v1

profile := {
	"naming": {"namespacePattern": "^(dmz|app|data|mgmt)-[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},
	"zones": {"label": "zone", "names": ["dmz", "app", "data", "mgmt"]},
}

namespace(name, labels) := {"resources": [{
	"id": "ns", "source": "kubernetes", "type": "Namespace",
	"attributes": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": labels}},
}]}

terraform_namespace(metadata) := {"resources": [{
	"id": "ns", "source": "terraform", "type": "kubernetes_namespace_v1", "mode": "resource",
	"attributes": {"metadata": [metadata]},
}]}

test_zone_tenant_names_allowed if {
	count(rule.deny) == 0 with input as namespace("app-acme", {"zone": "app", "tenant": "acme"}) with data.profile as profile
	count(rule.deny) == 0 with input as namespace("data-shared", {}) with data.profile as profile
	rule.applies == {"ns"} with input as namespace("data-shared", {}) with data.profile as profile
}

test_name_outside_pattern_denied if {
	rule.deny == {{
		"resource": "ns",
		"path": ["metadata", "name"],
		"message": "pattern",
		"data": {"namespace": "payments", "pattern": profile.naming.namespacePattern},
	}} with input as namespace("payments", {"zone": "app"}) with data.profile as profile
}

test_zone_label_disagreeing_with_name_denied if {
	rule.deny == {{
		"resource": "ns",
		"path": ["metadata", "labels", "zone"],
		"message": "zone_mismatch",
		"data": {"namespace": "app-acme", "label": "zone", "zone": "data", "name_zone": "app"},
	}} with input as namespace("app-acme", {"zone": "data"}) with data.profile as profile
	count(rule.deny) == 0 with input as namespace("app-acme", {"Zone": "APP"}) with data.profile as profile
}

test_terraform_namespace_checked if {
	some finding in rule.deny with input as terraform_namespace({"name": "team-a"}) with data.profile as profile
	finding.path == ["metadata", 0, "name"]
}

test_system_namespaces_not_evaluated if {
	count(rule.applies) == 0 with input as namespace("kube-system", {}) with data.profile as profile
}

test_unknown_name_is_unknown if {
	ns := terraform_namespace({"name": {"__unknown__": "var.tenant"}})
	count(rule.deny) == 0 with input as ns with data.profile as profile
	rule.unknown == {{"resource": "ns", "path": ["metadata", 0, "name"]}} with input as ns with data.profile as profile
}

test_profile_decides if {
	other := json.patch(profile, [{"op": "replace", "path": "/naming/namespacePattern", "value": "^tenant-[a-z]+$"}])
	count(rule.deny) == 0 with input as namespace("tenant-acme", {}) with data.profile as other
	count(rule.deny) == 1 with input as namespace("app-acme", {}) with data.profile as other
}
