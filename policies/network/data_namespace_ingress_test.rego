package evident.rules.network.data_namespace_ingress_test

import data.evident.rules.network.data_namespace_ingress as rule
import rego.v1

profile := {"zones": {"label": "zone", "names": ["dmz", "app", "data", "mgmt"], "flows": {"dmz": ["app"], "app": ["data"], "mgmt": ["dmz", "app", "data"], "data": []}}}

manifest(kind, name, namespace, labels, spec) := {
	"id": name, "address": sprintf("%s/%s", [kind, name]), "source": "kubernetes", "type": kind,
	"attributes": {"kind": kind, "metadata": {"name": name, "namespace": namespace, "labels": labels}, "spec": spec},
}

policy(ingress) := manifest("NetworkPolicy", "p", "data-shared", {}, {"podSelector": {}, "ingress": ingress})

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources} with data.profile as profile
}

test_app_and_mgmt_namespaces_and_own_pods_allowed if {
	result := run([policy([{"from": [
		{"namespaceSelector": {"matchLabels": {"zone": "app"}}},
		{"namespaceSelector": {"matchLabels": {"zone": "mgmt"}}, "podSelector": {"matchLabels": {"app": "prometheus"}}},
		{"podSelector": {"matchLabels": {"app": "replica"}}},
	]}])])
	count(result.deny) == 0
	result.applies == {"p"}
}

test_rule_without_from_admits_everything if {
	run([policy([{"ports": [{"port": 5432}]}])]).deny == {{
		"resource": "p", "path": ["spec", "ingress", 0], "message": "all_sources",
		"data": {"policy": "p", "namespace": "data-shared"},
	}}
}

test_empty_namespace_selector_and_ip_block_denied if {
	findings := run([policy([{"from": [{"namespaceSelector": {}}, {"ipBlock": {"cidr": "0.0.0.0/0"}}]}])]).deny
	{f.message | some f in findings} == {"all_namespaces", "ip_block"}
}

test_other_zone_denied_with_the_allowed_zones if {
	some finding in run([policy([{"from": [{"namespaceSelector": {"matchExpressions": [{"key": "zone", "operator": "NotIn", "values": ["dmz"]}]}}]}])]).deny
	finding.data.zones == "(none), data"
	finding.data.allowed == "app, mgmt"
}

test_dmz_left_to_net_006 if {
	count(run([policy([{"from": [{"namespaceSelector": {"matchLabels": {"zone": "dmz"}}}]}])]).deny) == 0
}

test_selected_namespaces_resolved_from_the_scan if {
	batch := manifest("Namespace", "batch", null, {"team": "etl"}, {})
	p := policy([{"from": [{"namespaceSelector": {"matchLabels": {"team": "etl"}}}]}])
	some finding in run([batch, p]).deny
	finding.data.zones == "(none)"
}

test_unresolvable_selector_is_unknown if {
	result := run([policy([{"from": [{"namespaceSelector": {"matchLabels": {"team": "etl"}}}]}])])
	count(result.deny) == 0
	count(result.unknown) == 1
}

test_other_zone_namespaces_not_checked if {
	p := manifest("NetworkPolicy", "p", "app-shared", {}, {"ingress": [{}]})
	count(run([p]).applies) == 0
}

test_profile_flows_decide if {
	p := policy([{"from": [{"namespaceSelector": {"matchLabels": {"zone": "mgmt"}}}]}])
	count(rule.deny) == 1 with input as {"resources": [p]} with data.profile as object.union(profile, {"zones": {"flows": {"mgmt": ["app"]}}})
}
