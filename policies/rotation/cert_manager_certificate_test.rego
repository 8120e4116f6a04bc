package evident.rules.rotation.cert_manager_certificate_test

import data.evident.rules.rotation.cert_manager_certificate as rule
import rego.v1

profile := {"rotation": {"tlsCertificateDays": 90}}

certificate(spec) := {"resources": [{
	"id": "c",
	"source": "kubernetes",
	"type": "Certificate",
	"attributes": {"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "portal-tls"}, "spec": spec},
}]}

manifest(spec) := {"resources": [{
	"id": "m",
	"source": "terraform",
	"type": "kubernetes_manifest",
	"mode": "resource",
	"attributes": {"manifest": {"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "portal-tls"}, "spec": spec}},
}]}

test_ninety_days_with_renewal_allowed if {
	count(rule.deny) == 0 with input as certificate({"duration": "2160h", "renewBefore": "360h"}) with data.profile as profile
	count(rule.deny) == 0 with input as certificate({"renewBeforePercentage": 25}) with data.profile as profile
	rule.applies == {"c"} with input as certificate({}) with data.profile as profile
}

test_long_duration_denied_with_days if {
	rule.deny == {{
		"resource": "c",
		"path": ["spec", "duration"],
		"message": "too_long",
		"data": {"name": "portal-tls", "days": 365, "duration": "8760h", "max": 90},
	}} with input as certificate({"duration": "8760h", "renewBefore": "720h"}) with data.profile as profile
}

test_missing_renew_before_denied if {
	rule.deny == {{"resource": "c", "path": ["spec"], "message": "no_renew_before", "data": {"name": "portal-tls"}}} with input as certificate({"duration": "2160h"}) with data.profile as profile
}

test_terraform_manifest_paths_include_manifest if {
	some finding in rule.deny with input as manifest({"duration": "4320h", "renewBefore": "360h"}) with data.profile as profile
	finding.path == ["manifest", "spec", "duration"]
}

test_other_certificate_kinds_ignored if {
	other := {"resources": [{"id": "x", "source": "kubernetes", "type": "Certificate", "attributes": {"apiVersion": "acme.example.io/v1", "spec": {}}}]}
	count(rule.applies) == 0 with input as other with data.profile as profile
}

test_unknown_and_unreadable_durations_are_unknown if {
	count(rule.deny) == 0 with input as manifest({"duration": {"__unknown__": "var"}, "renewBefore": "360h"}) with data.profile as profile
	rule.unknown == {{"resource": "m", "path": ["manifest", "spec", "duration"]}} with input as manifest({"duration": {"__unknown__": "var"}, "renewBefore": "360h"}) with data.profile as profile
	count(rule.unknown) == 1 with input as certificate({"duration": "90d", "renewBefore": "360h"}) with data.profile as profile
}

test_profile_decides if {
	{f.message | some f in rule.deny} == {"default_too_long"} with input as certificate({"renewBefore": "240h"}) with data.profile as {"rotation": {"tlsCertificateDays": 30}}
}
