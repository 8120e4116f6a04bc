package evident.rules.rotation.key_vault_certificate_test

import data.evident.rules.rotation.key_vault_certificate as rule
import rego.v1

profile := {"rotation": {"tlsCertificateDays": 90}}

certificate(action_type, months) := {"resources": [{
	"id": "c",
	"source": "terraform",
	"type": "azurerm_key_vault_certificate",
	"mode": "resource",
	"attributes": {"certificate_policy": [{
		"lifetime_action": [{"action": [{"action_type": action_type}], "trigger": [{"days_before_expiry": 30}]}],
		"x509_certificate_properties": [{"validity_in_months": months}],
	}]},
}]}

test_auto_renewing_quarterly_certificate_allowed if {
	count(rule.deny) == 0 with input as certificate("AutoRenew", 3) with data.profile as profile
	rule.applies == {"c"} with input as certificate("AutoRenew", 3) with data.profile as profile
}

test_email_only_denied if {
	rule.deny == {{"resource": "c", "path": ["certificate_policy", 0], "message": "no_auto_renew"}} with input as certificate("EmailContacts", 3) with data.profile as profile
}

test_long_validity_denied_with_days if {
	rule.deny == {{
		"resource": "c",
		"path": ["certificate_policy", 0, "x509_certificate_properties", 0, "validity_in_months"],
		"message": "too_long",
		"data": {"months": 12, "days": 360, "max": 90},
	}} with input as certificate("AutoRenew", 12) with data.profile as profile
}

test_imported_certificate_denied if {
	imported := {"resources": [{"id": "c", "source": "terraform", "type": "azurerm_key_vault_certificate", "mode": "resource", "attributes": {"certificate": [{"contents": "MIIC"}]}}]}
	rule.deny == {{"resource": "c", "path": [], "message": "no_auto_renew"}} with input as imported with data.profile as profile
}

test_unknown_values_are_unknown if {
	count(rule.deny) == 0 with input as certificate({"__unknown__": "var"}, {"__unknown__": "var"}) with data.profile as profile
	count(rule.unknown) == 2 with input as certificate({"__unknown__": "var"}, {"__unknown__": "var"}) with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as certificate("AutoRenew", 3) with data.profile as {"rotation": {"tlsCertificateDays": 60}}
}
