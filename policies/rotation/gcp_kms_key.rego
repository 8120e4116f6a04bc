# METADATA
# title: Cloud KMS key does not rotate within the key rotation period
# description: >-
#   Keys rotate at least quarterly (`rotation.keyDays`, 90 days). A `google_kms_crypto_key` for symmetric
#   encryption (purpose ENCRYPT_DECRYPT, the default) needs a `rotation_period` (seconds, "7776000s" for 90 days) of
#   at most the maximum; without one Cloud KMS never rotates it. Asymmetric, MAC and raw keys cannot rotate
#   automatically and are not evaluated.
# custom:
#   id: EVD-ROT-003
#   severity: high
#   category: rotation
#   remediation: Set `rotation_period` to at most the key period in seconds, e.g. `rotation_period = "7776000s"` for 90 days.
#   parameters: [rotation.keyDays]
#   messages:
#     missing: Cloud KMS key has no rotation_period, so it never rotates; the maximum is {{max}} days
#     too_slow: Cloud KMS key rotates every {{days}} days (rotation_period {{period}}); the maximum is {{max}} days
package evident.rules.rotation.gcp_kms_key

import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

limit := data.profile.rotation.keyDays

keys contains r if {
	some r in tf.of_type("google_kms_crypto_key")
	object.get(r.attributes, "purpose", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
}

applies contains r.id if some r in keys

deny contains finding if {
	some r in keys
	object.get(r.attributes, "rotation_period", null) == null
	finding := {"resource": r.id, "path": [], "message": "missing", "data": {"max": limit}}
}

deny contains finding if {
	some r in keys
	period := r.attributes.rotation_period
	seconds := values.duration_seconds(period)
	seconds > limit * 86400
	finding := {
		"resource": r.id,
		"path": ["rotation_period"],
		"message": "too_slow",
		"data": {"days": round((seconds / 86400) * 10) / 10, "period": period, "max": limit},
	}
}

unknown contains {"resource": r.id, "path": ["rotation_period"]} if {
	some r in keys
	values.is_unknown(object.get(r.attributes, "rotation_period", null))
}

unknown contains {"resource": r.id, "path": ["purpose"]} if {
	some r in tf.of_type("google_kms_crypto_key")
	values.is_unknown(object.get(r.attributes, "purpose", null))
}

unknown contains {"resource": r.id, "path": ["rotation_period"], "reason": concat(" ", [period, "is not a duration in seconds"])} if {
	some r in keys
	period := r.attributes.rotation_period
	is_string(period)
	not values.duration_seconds(period)
}
