package evident.rules.network.dmz_to_data_test

import data.evident.rules.network.dmz_to_data as rule
import rego.v1

profile := {
	"zones": {"label": "zone", "names": ["dmz", "app", "data", "mgmt"], "flows": {"dmz": ["app"], "app": ["data"], "mgmt": ["dmz", "app", "data"], "data": []}},
	"cidr": {"subnets": {
		"apps": {"number": 1, "zone": "app", "descriptors": ["apps"]},
		"db": {"number": 2, "zone": "data", "descriptors": ["db"]},
		"apim": {"number": 5, "zone": "dmz", "descriptors": ["apim"]},
	}},
}

deployments := {"westeu-prod-1": {"subnets": {"apps": "10.30.1.0/24", "db": "10.30.2.0/24", "apim": "10.30.5.0/24"}}}

resource(type, name, attributes, references) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": "westeu-prod-1", "meta": {"root": "."}, "attributes": attributes, "references": references,
}

nsg(source, destination) := resource(
	"azurerm_network_security_group", "nsg", {"name": "nsg", "security_rule": [{
		"name": "pg", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "destination_port_range": "5432",
		"source_address_prefix": source, "destination_address_prefix": destination,
	}]},
	{},
)

manifest(kind, name, namespace, labels, spec) := {
	"id": name, "address": sprintf("%s/%s", [kind, name]), "source": "kubernetes", "type": kind,
	"attributes": {"kind": kind, "metadata": {"name": name, "namespace": namespace, "labels": labels}, "spec": spec},
}

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources}
		with data.profile as profile
		with data.deployments as deployments
}

test_app_to_data_allowed if {
	result := run([nsg("10.30.1.0/24", "10.30.2.0/24")])
	count(result.deny) == 0
	result.applies == {"nsg"}
}

test_dmz_subnet_to_data_subnet_denied if {
	run([nsg("10.30.5.0/24", "10.30.2.0/24")]).deny == {{
		"resource": "nsg", "path": ["security_rule", 0, "source_address_prefix"], "message": "rule",
		"data": {"rule": "pg", "source": "10.30.5.0/24"},
	}}
}

test_aws_dmz_group_into_data_group_denied if {
	web := resource("aws_security_group", "web", {"tags": {"zone": "dmz"}}, {})
	db := resource("aws_security_group", "db", {"tags": {"zone": "data"}}, {})
	r := resource("aws_security_group_rule", "r", {"type": "ingress", "from_port": 5432, "to_port": 5432, "protocol": "tcp", "source_security_group_id": {"__unknown__": "x"}}, {"security_group_id": ["aws_security_group.db"], "source_security_group_id": ["aws_security_group.web"]})
	{f.resource | some f in run([web, db, r]).deny} == {"r"}
}

test_flows_allowing_dmz_to_data_allow_it if {
	count(rule.deny) == 0 with input as {"resources": [nsg("10.30.5.0/24", "10.30.2.0/24")]}
		with data.profile as object.union(profile, {"zones": {"flows": {"dmz": ["app", "data"]}}})
		with data.deployments as deployments
}

test_data_namespace_admitting_dmz_namespaces_denied if {
	ns := manifest("Namespace", "data-shared", null, {"zone": "data"}, {})
	policy := manifest("NetworkPolicy", "allow-gw", "data-shared", {}, {"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"zone": "dmz"}}}]}]})
	run([ns, policy]).deny == {{
		"resource": "allow-gw", "path": ["spec", "ingress", 0, "from", 0], "message": "network_policy",
		"data": {"policy": "allow-gw", "namespace": "data-shared"},
	}}
}

test_data_namespace_admitting_app_namespaces_allowed if {
	policy := manifest("NetworkPolicy", "allow-app", "data-shared", {}, {"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["app"]}]}}]}]})
	result := run([policy])
	count(result.deny) == 0
	result.applies == {"allow-app"}
}

test_namespace_selected_by_name_resolves_its_zone if {
	gateway := manifest("Namespace", "edge", null, {"zone": "dmz"}, {})
	policy := manifest("NetworkPolicy", "allow-edge", "data-shared", {}, {"ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "edge"}}}]}]})
	count(run([gateway, policy]).deny) == 1
}

test_unknown_source_is_unknown if {
	result := run([nsg({"__unknown__": "x"}, "10.30.2.0/24")])
	count(result.deny) == 0
	result.unknown == {{"resource": "nsg", "path": ["security_rule", 0, "source_address_prefix"]}}
}

test_dynamic_rules_of_a_data_nsg_are_unknown if {
	dynamic := resource("azurerm_network_security_group", "nsg", {"name": "nsg-cf-westeu-prod-1-db", "security_rule": {"__unknown__": "x"}}, {})
	run([dynamic]).unknown == {{"resource": "nsg", "path": ["security_rule"]}}
}
