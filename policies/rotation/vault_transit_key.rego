# METADATA
# title: Vault transit key does not rotate within the API key period
# description: >-
#   API keys live in the Vault transit engine and rotate every `rotation.apiKeyDays` (30 days). A
#   `vault_transit_secret_backend_key` needs `auto_rotate_period` (seconds; `auto_rotate_interval` in older provider
#   versions) of at most the maximum; unset or 0 switches automatic rotation off.
# custom:
#   id: EVD-ROT-009
#   severity: high
#   category: rotation
#   remediation: Set `auto_rotate_period` to at most the API key period in seconds (2592000 for 30 days).
#   parameters: [rotation.apiKeyDays]
#   messages:
#     disabled: Transit key "{{name}}" does not rotate automatically (auto_rotate_period is {{value}}); the maximum is {{max}} days
#     too_slow: Transit key "{{name}}" rotates every {{days}} days ({{attribute}} {{value}}); the maximum is {{max}} days
package evident.rules.rotation.vault_transit_key

import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

keys := tf.of_type("vault_transit_secret_backend_key")

limit := data.profile.rotation.apiKeyDays

applies contains r.id if some r in keys

# The attribute the key sets: auto_rotate_period, else the older auto_rotate_interval.
period_attribute(r) := "auto_rotate_period" if object.get(r.attributes, "auto_rotate_period", null) != null

else := "auto_rotate_interval" if object.get(r.attributes, "auto_rotate_interval", null) != null

else := "auto_rotate_period"

period(r) := object.get(r.attributes, period_attribute(r), null)

seconds(value) := value if is_number(value)

seconds(value) := to_number(value) if {
	is_string(value)
	regex.match(`^\d+$`, value)
}

seconds(value) := values.duration_seconds(value) if {
	is_string(value)
	not regex.match(`^\d+$`, value)
}

name(r) := object.get(r.attributes, "name", r.address)

deny contains finding if {
	some r in keys
	value := period(r)
	disabled(value)
	finding := {
		"resource": r.id,
		"path": path_or_resource(r),
		"message": "disabled",
		"data": {"name": name(r), "value": display(value), "max": limit},
	}
}

disabled(null)

disabled(value) if seconds(value) == 0

display(value) := "not set" if value == null

else := value if is_string(value)

else := json.marshal(value)

path_or_resource(r) := [period_attribute(r)] if {
	period(r) != null
} else := []

deny contains finding if {
	some r in keys
	value := period(r)
	seconds(value) > limit * 86400
	finding := {
		"resource": r.id,
		"path": [period_attribute(r)],
		"message": "too_slow",
		"data": {"name": name(r), "days": round((seconds(value) / 86400) * 10) / 10, "attribute": period_attribute(r), "value": value, "max": limit},
	}
}

unknown contains {"resource": r.id, "path": [period_attribute(r)]} if {
	some r in keys
	values.is_unknown(period(r))
}
