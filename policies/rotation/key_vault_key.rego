# METADATA
# title: Key Vault key does not rotate automatically within the key rotation period
# description: >-
#   Keys rotate at least quarterly (`rotation.keyDays`, 90 days). An `azurerm_key_vault_key` needs a `rotation_policy`
#   with an `automatic` block and an `expire_after`; it rotates `time_after_creation` after each version is created,
#   or `time_before_expiry` before the version expires (every `expire_after` minus `time_before_expiry`), and that
#   interval must not exceed the maximum. Durations are ISO 8601 (P90D, P3M, P1Y; a month counts 30 days, a year 365).
#   A key without a rotation policy only rotates when someone does it by hand.
# custom:
#   id: EVD-ROT-002
#   severity: high
#   category: rotation
#   remediation: >-
#     Add `rotation_policy { automatic { time_before_expiry = "P30D" } expire_after = "P120D" }` (or
#     `time_after_creation`) so that a new version is created at least every rotation period.
#   parameters: [rotation.keyDays]
#   messages:
#     no_policy: Key Vault key has no rotation_policy, so it never rotates automatically; the maximum is {{max}} days
#     not_automatic: Key Vault key rotation_policy has no automatic block, so it only notifies and never rotates
#     no_expiry: Key Vault key rotation_policy sets no expire_after, so its versions never expire
#     too_slow: Key Vault key rotates every {{days}} days ({{how}}); the maximum is {{max}} days
package evident.rules.rotation.key_vault_key

import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

keys := tf.of_type("azurerm_key_vault_key")

limit := data.profile.rotation.keyDays

applies contains r.id if some r in keys

policy_path := ["rotation_policy", 0]

automatic_path := ["rotation_policy", 0, "automatic", 0]

has_policy(r) if {
	policies := object.get(r.attributes, "rotation_policy", [])
	is_array(policies)
	count(policies) > 0
}

deny contains finding if {
	some r in keys
	not has_policy(r)
	not values.is_unknown(object.get(r.attributes, "rotation_policy", null))
	finding := {"resource": r.id, "path": [], "message": "no_policy", "data": {"max": limit}}
}

deny contains finding if {
	some r in keys
	has_policy(r)
	value := values.value_at(r.attributes, array.concat(policy_path, ["automatic"]), [])
	is_array(value)
	count(value) == 0
	finding := {"resource": r.id, "path": policy_path, "message": "not_automatic"}
}

deny contains finding if {
	some r in keys
	has_policy(r)
	values.value_at(r.attributes, array.concat(policy_path, ["expire_after"]), null) == null
	finding := {"resource": r.id, "path": policy_path, "message": "no_expiry"}
}

# Each way the policy triggers a rotation, with the interval it gives in days.
intervals(r) := {entry |
	some entry in after_creation(r)
} | {entry |
	some entry in before_expiry(r)
}

after_creation(r) := {{"days": days, "path": path, "how": concat(" ", ["time_after_creation", text])} |
	path := array.concat(automatic_path, ["time_after_creation"])
	text := object.get(r.attributes, path, null)
	days := values.duration_days(text)
}

before_expiry(r) := {{"days": expire - before, "path": path, "how": concat(" ", ["expire_after", expiry_text, "minus time_before_expiry", before_text])} |
	path := array.concat(automatic_path, ["time_before_expiry"])
	before_text := object.get(r.attributes, path, null)
	before := values.duration_days(before_text)
	expiry_text := object.get(r.attributes, array.concat(policy_path, ["expire_after"]), null)
	expire := values.duration_days(expiry_text)
}

deny contains finding if {
	some r in keys
	has_policy(r)
	entries := intervals(r)
	count(entries) > 0
	fastest := min({entry.days | some entry in entries})
	fastest > limit
	some entry in entries
	entry.days == fastest
	finding := {
		"resource": r.id,
		"path": entry.path,
		"message": "too_slow",
		"data": {"days": entry.days, "how": entry.how, "max": limit},
	}
}

unknown contains {"resource": r.id, "path": ["rotation_policy"]} if {
	some r in keys
	values.is_unknown(object.get(r.attributes, "rotation_policy", null))
}

unknown contains {"resource": r.id, "path": path} if {
	some r in keys
	has_policy(r)
	some path in [
		array.concat(policy_path, ["automatic"]),
		array.concat(policy_path, ["expire_after"]),
		array.concat(automatic_path, ["time_after_creation"]),
		array.concat(automatic_path, ["time_before_expiry"]),
	]
	values.is_unknown(values.value_at(r.attributes, path, null))
}

unknown contains {"resource": r.id, "path": path, "reason": concat(" ", [text, "is not an ISO 8601 duration of days, weeks, months or years"])} if {
	some r in keys
	has_policy(r)
	some path in [
		array.concat(policy_path, ["expire_after"]),
		array.concat(automatic_path, ["time_after_creation"]),
		array.concat(automatic_path, ["time_before_expiry"]),
	]
	text := values.value_at(r.attributes, path, null)
	is_string(text)
	not values.duration_days(text)
}
