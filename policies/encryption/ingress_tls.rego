# METADATA
# title: Kubernetes Ingress serves a host without TLS
# description: >-
#   Traffic entering the cluster is encrypted (TLS 1.2+ in transit; certificates issued by cert-manager). An Ingress
#   needs `spec.tls`, and every host of its rules must be covered by a `tls` entry: listed in its `hosts` (a
#   `*.example.com` entry covers one label below example.com), or by an entry without `hosts`, which the controller
#   serves for every host. A rule without a host is covered by any `tls` entry. Applies to Kubernetes manifests and
#   Helm-rendered objects.
# custom:
#   id: EVD-ENC-005
#   severity: high
#   category: encryption
#   remediation: >-
#     Add a `spec.tls` entry listing the Ingress hosts and the Secret holding their certificate (for instance with the
#     `cert-manager.io/cluster-issuer` annotation so cert-manager issues and renews it).
#   parameters: []
#   messages:
#     no_tls: Ingress "{{name}}" has no spec.tls; it serves its hosts over plain HTTP
#     host_not_covered: Ingress "{{name}}" serves host {{host}} without TLS (no spec.tls entry lists it)
package evident.rules.encryption.ingress_tls

import data.evident.lib.kubernetes as k8s
import rego.v1

ingresses := k8s.resources_of_kind("Ingress")

applies contains ingress.id if some ingress in ingresses

tls_entries(ingress) := entries if {
	entries := object.get(ingress.attributes, ["spec", "tls"], [])
	is_array(entries)
} else := []

deny contains finding if {
	some ingress in ingresses
	count(tls_entries(ingress)) == 0
	finding := {
		"resource": ingress.id,
		"path": spec_path(ingress),
		"message": "no_tls",
		"data": {"name": object.get(ingress.attributes, ["metadata", "name"], "")},
	}
}

spec_path(ingress) := ["spec"] if is_object(ingress.attributes.spec)

else := []

deny contains finding if {
	some ingress in ingresses
	entries := tls_entries(ingress)
	count(entries) > 0
	some i, rule in object.get(ingress.attributes, ["spec", "rules"], [])
	host := object.get(rule, "host", "")
	is_string(host)
	host != ""
	not covered(host, entries)
	finding := {
		"resource": ingress.id,
		"path": ["spec", "rules", i, "host"],
		"message": "host_not_covered",
		"data": {"name": object.get(ingress.attributes, ["metadata", "name"], ""), "host": host},
	}
}

# An entry without hosts gets the controller's default certificate for every host.
covered(_, entries) if {
	some entry in entries
	count(object.get(entry, "hosts", [])) == 0
}

covered(host, entries) if {
	some entry in entries
	some pattern in object.get(entry, "hosts", [])
	matches(lower(host), lower(pattern))
}

matches(host, host)

matches(host, pattern) if {
	startswith(pattern, "*.")
	suffix := substring(pattern, 1, -1)
	endswith(host, suffix)
	label := trim_suffix(host, suffix)
	label != ""
	not contains(label, ".")
}
