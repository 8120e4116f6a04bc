package evident.rules.encryption.mtls_test

import data.evident.rules.encryption.mtls as rule
import rego.v1

profile := {"zones": {"label": "zone"}, "encryption": {"mtlsZones": ["app", "data"]}}

namespace(name, zone) := {"id": name, "source": "kubernetes", "type": "Namespace", "attributes": {"metadata": {"name": name, "labels": {"zone": zone}}}}

peer_authentication(id, namespace_name, spec) := {
	"id": id,
	"source": "kubernetes",
	"type": "PeerAuthentication",
	"attributes": {"metadata": {"name": id, "namespace": namespace_name}, "spec": spec},
}

strict := {"mtls": {"mode": "STRICT"}}

test_namespace_or_mesh_strict_allowed if {
	in_namespace := [namespace("app-forms", "app"), peer_authentication("default", "app-forms", strict)]
	mesh_wide := [namespace("app-forms", "app"), peer_authentication("default", "istio-system", strict)]
	count(rule.deny) == 0 with input as {"resources": in_namespace} with data.profile as profile
	count(rule.deny) == 0 with input as {"resources": mesh_wide} with data.profile as profile
	rule.applies == {"app-forms", "default"} with input as {"resources": in_namespace} with data.profile as profile
}

test_policies_of_another_deployment_do_not_count if {
	dev_namespace := object.union(namespace("app-cf", "app"), {"deployment": "westeu-dev-1"})
	prod_policy := object.union(peer_authentication("default", "app-cf", strict), {"deployment": "westeu-prod-1"})
	prod_mesh := object.union(peer_authentication("mesh", "istio-system", strict), {"deployment": "westeu-prod-1"})
	{f.message | some f in rule.deny} == {"missing"} with input as {"resources": [dev_namespace, prod_policy, prod_mesh]} with data.profile as profile
	dev_mesh := object.union(peer_authentication("mesh", "istio-system", strict), {"deployment": "westeu-dev-1"})
	count(rule.deny) == 0 with input as {"resources": [dev_namespace, prod_policy, dev_mesh]} with data.profile as profile
}

test_other_zones_not_evaluated if {
	count(rule.applies) == 0 with input as {"resources": [namespace("dmz-gateway", "dmz")]} with data.profile as profile
}

test_missing_strict_policy_denied if {
	rule.deny == {{
		"resource": "app-forms",
		"path": ["metadata", "labels", "zone"],
		"message": "missing",
		"data": {"namespace": "app-forms", "zone": "app"},
	}} with input as {"resources": [namespace("app-forms", "app")]} with data.profile as profile
}

test_workload_selector_strict_does_not_cover_the_namespace if {
	selective := peer_authentication("api", "app-forms", {"selector": {"matchLabels": {"app": "api"}}, "mtls": {"mode": "STRICT"}})
	count(rule.deny) == 1 with input as {"resources": [namespace("app-forms", "app"), selective]} with data.profile as profile
}

test_permissive_namespace_policy_overrides_mesh_strict if {
	resources := [
		namespace("data-postgres", "data"),
		peer_authentication("mesh", "istio-system", strict),
		peer_authentication("default", "data-postgres", {"mtls": {"mode": "PERMISSIVE"}}),
	]
	rule.deny == {{
		"resource": "default",
		"path": ["spec", "mtls", "mode"],
		"message": "not_strict",
		"data": {"name": "default", "mode": "PERMISSIVE", "scope": "", "namespace": "data-postgres", "zone": "data"},
	}} with input as {"resources": resources} with data.profile as profile
}

test_workload_and_port_exceptions_denied if {
	resources := [
		namespace("data-postgres", "data"),
		peer_authentication("default", "data-postgres", strict),
		peer_authentication("legacy", "data-postgres", {"selector": {"matchLabels": {"app": "pg"}}, "mtls": {"mode": "DISABLE"}, "portLevelMtls": {"5432": {"mode": "PERMISSIVE"}}}),
	]
	{[f.path, f.data.scope] | some f in rule.deny} == {
		[["spec", "mtls", "mode"], " for the workloads it selects"],
		[["spec", "portLevelMtls", "5432", "mode"], " for port 5432"],
	} with input as {"resources": resources} with data.profile as profile
}

test_profile_decides_the_zones if {
	count(rule.deny) == 1 with input as {"resources": [namespace("dmz-gateway", "dmz")]} with data.profile as {"zones": {"label": "zone"}, "encryption": {"mtlsZones": ["dmz"]}}
}
