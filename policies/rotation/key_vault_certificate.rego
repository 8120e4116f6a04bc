# METADATA
# title: Key Vault certificate does not renew automatically within the TLS certificate period
# description: >-
#   TLS certificates last at most `rotation.tlsCertificateDays` (90 days) and renew automatically. An
#   `azurerm_key_vault_certificate` needs a `certificate_policy.lifetime_action` whose action is `AutoRenew`
#   (EmailContacts only notifies), and its `x509_certificate_properties.validity_in_months` must not exceed the
#   maximum (a month counts 30 days: 3 months is 90 days). Imported certificates (no policy, or issuer `Unknown`)
#   cannot renew in Key Vault and are reported as well.
# custom:
#   id: EVD-ROT-007
#   severity: medium
#   category: rotation
#   remediation: >-
#     Issue the certificate from Key Vault with `validity_in_months = 3` and a `lifetime_action { action { action_type =
#     "AutoRenew" } trigger { days_before_expiry = 30 } }`.
#   parameters: [rotation.tlsCertificateDays]
#   messages:
#     no_auto_renew: Key Vault certificate has no AutoRenew lifetime_action, so it does not renew automatically
#     too_long: Key Vault certificate is valid for {{months}} months ({{days}} days); the maximum is {{max}} days
package evident.rules.rotation.key_vault_certificate

import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

certificates := tf.of_type("azurerm_key_vault_certificate")

limit := data.profile.rotation.tlsCertificateDays

applies contains r.id if some r in certificates

policy_path := ["certificate_policy", 0]

validity_path := ["certificate_policy", 0, "x509_certificate_properties", 0, "validity_in_months"]

lifetime_actions(r) := actions if {
	actions := values.value_at(r.attributes, array.concat(policy_path, ["lifetime_action"]), [])
	is_array(actions)
}

auto_renews(r) if {
	some action in lifetime_actions(r)
	some inner in object.get(action, "action", [])
	inner.action_type == "AutoRenew"
}

renewal_unknown(r) if values.is_unknown(values.value_at(r.attributes, array.concat(policy_path, ["lifetime_action"]), null))

renewal_unknown(r) if {
	some action in lifetime_actions(r)
	values.is_unknown(values.value_at(action, ["action", 0, "action_type"], null))
}

deny contains finding if {
	some r in certificates
	not auto_renews(r)
	not renewal_unknown(r)
	finding := {"resource": r.id, "path": policy_or_resource(r), "message": "no_auto_renew"}
}

policy_or_resource(r) := policy_path if {
	policies := object.get(r.attributes, "certificate_policy", [])
	is_array(policies)
	count(policies) > 0
} else := []

deny contains finding if {
	some r in certificates
	months := values.value_at(r.attributes, validity_path, null)
	is_number(months)
	months * 30 > limit
	finding := {
		"resource": r.id,
		"path": validity_path,
		"message": "too_long",
		"data": {"months": months, "days": months * 30, "max": limit},
	}
}

unknown contains {"resource": r.id, "path": array.concat(policy_path, ["lifetime_action"])} if {
	some r in certificates
	not auto_renews(r)
	renewal_unknown(r)
}

unknown contains {"resource": r.id, "path": validity_path} if {
	some r in certificates
	values.is_unknown(values.value_at(r.attributes, validity_path, null))
}
