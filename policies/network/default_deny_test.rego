package evident.rules.network.default_deny_test

import data.evident.rules.network.default_deny as rule
import rego.v1

namespace(name) := {"id": name, "source": "kubernetes", "type": "Namespace", "attributes": {"metadata": {"name": name}}}

policy(namespace, spec) := {"id": sprintf("np-%s", [namespace]), "source": "kubernetes", "type": "NetworkPolicy", "attributes": {"metadata": {"name": "p", "namespace": namespace}, "spec": spec}}

test_namespace_without_policy_denied if {
	rule.deny == {{"resource": "a", "path": ["metadata", "name"], "message": "missing", "data": {"namespace": "a"}}} with input as {"resources": [namespace("a")]}
}

test_deny_all_policy_allows if {
	count(rule.deny) == 0 with input as {"resources": [namespace("a"), policy("a", {"podSelector": {}, "policyTypes": ["Ingress"]})]}
}

test_policy_without_types_counts_as_ingress if {
	count(rule.deny) == 0 with input as {"resources": [namespace("a"), policy("a", {"podSelector": {}})]}
}

test_selective_or_permissive_policies_do_not_count if {
	count(rule.deny) == 1 with input as {"resources": [namespace("a"), policy("a", {"podSelector": {"matchLabels": {"app": "x"}}})]}
	count(rule.deny) == 1 with input as {"resources": [namespace("a"), policy("a", {"podSelector": {}, "ingress": [{}]})]}
	count(rule.deny) == 1 with input as {"resources": [namespace("a"), policy("a", {"podSelector": {}, "policyTypes": ["Egress"]})]}
}

test_policy_in_other_namespace_does_not_count if {
	count(rule.deny) == 1 with input as {"resources": [namespace("a"), policy("b", {"podSelector": {}})]}
}
