package evident.rules.encryption.ingress_tls_test

import data.evident.rules.encryption.ingress_tls as rule
import rego.v1

ingress(source, spec) := {"resources": [{"id": "i", "source": source, "type": "Ingress", "attributes": {"metadata": {"name": "portal"}, "spec": spec}}]}

test_hosts_covered_allowed if {
	spec := {
		"tls": [{"hosts": ["portal.example.eu", "*.api.example.eu"], "secretName": "tls"}],
		"rules": [{"host": "portal.example.eu"}, {"host": "Forms.API.example.eu"}, {}],
	}
	count(rule.deny) == 0 with input as ingress("kubernetes", spec)
	rule.applies == {"i"} with input as ingress("kubernetes", spec)
}

test_tls_entry_without_hosts_covers_every_host if {
	count(rule.deny) == 0 with input as ingress("kubernetes", {"tls": [{"secretName": "default"}], "rules": [{"host": "a.example.eu"}]})
}

test_missing_tls_denied if {
	rule.deny == {{"resource": "i", "path": ["spec"], "message": "no_tls", "data": {"name": "portal"}}} with input as ingress("kubernetes", {"rules": [{"host": "portal.example.eu"}]})
	count(rule.deny) == 1 with input as ingress("kubernetes", {"tls": [], "defaultBackend": {}})
}

test_uncovered_host_denied if {
	spec := {"tls": [{"hosts": ["*.example.eu"]}], "rules": [{"host": "portal.example.eu"}, {"host": "deep.portal.example.eu"}]}
	rule.deny == {{
		"resource": "i",
		"path": ["spec", "rules", 1, "host"],
		"message": "host_not_covered",
		"data": {"name": "portal", "host": "deep.portal.example.eu"},
	}} with input as ingress("kubernetes", spec)
}

test_helm_rendered_ingresses_evaluated if {
	count(rule.deny) == 1 with input as ingress("helm", {"rules": [{"host": "portal.example.eu"}]})
}

test_terraform_resources_ignored if {
	count(rule.applies) == 0 with input as ingress("terraform", {})
}
