# METADATA
# title: AWS KMS key does not rotate within the key rotation period
# description: >-
#   Customer-managed KMS keys must rotate automatically, at least as often as the profile's key
#   period (quarterly: 90 days). `enable_key_rotation` must be true and `rotation_period_in_days`,
#   when set, at most the maximum (AWS defaults it to 365 days when rotation is enabled).
# custom:
#   id: EVD-ROT-001
#   severity: high
#   category: rotation
#   remediation: Set `enable_key_rotation = true` and `rotation_period_in_days` to at most the profile's key period.
#   parameters: [rotation.keyDays]
#   messages:
#     disabled: KMS key rotation is not enabled
#     too_slow: KMS key rotates every {{days}} days; the maximum is {{max}} days
#     default_period: KMS key rotates every 365 days (the AWS default); the maximum is {{max}} days
package evident.rules.rotation.aws_kms_key

import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

keys := tf.of_type("aws_kms_key")

limit := data.profile.rotation.keyDays

applies contains r.id if some r in keys

deny contains finding if {
	some r in keys
	enabled := object.get(r.attributes, "enable_key_rotation", false)
	values.known(enabled)
	enabled != true
	finding := {"resource": r.id, "path": ["enable_key_rotation"], "message": "disabled"}
}

deny contains finding if {
	some r in keys
	r.attributes.enable_key_rotation == true
	days := r.attributes.rotation_period_in_days
	is_number(days)
	days > limit
	finding := {"resource": r.id, "path": ["rotation_period_in_days"], "message": "too_slow", "data": {"days": days, "max": limit}}
}

deny contains finding if {
	some r in keys
	r.attributes.enable_key_rotation == true
	object.get(r.attributes, "rotation_period_in_days", null) == null
	365 > limit
	finding := {"resource": r.id, "path": ["enable_key_rotation"], "message": "default_period", "data": {"max": limit}}
}

unknown contains result if {
	some r in keys
	some attribute in ["enable_key_rotation", "rotation_period_in_days"]
	values.is_unknown(object.get(r.attributes, attribute, null))
	result := {"resource": r.id, "path": [attribute]}
}
