package evident.rules.rotation.gcp_kms_key_test

import data.evident.rules.rotation.gcp_kms_key as rule
import rego.v1

profile := {"rotation": {"keyDays": 90}}

key(attributes) := {"resources": [{"id": "k", "source": "terraform", "type": "google_kms_crypto_key", "mode": "resource", "attributes": attributes}]}

test_quarterly_rotation_allowed if {
	count(rule.deny) == 0 with input as key({"rotation_period": "7776000s"}) with data.profile as profile
	rule.applies == {"k"} with input as key({"rotation_period": "7776000s"}) with data.profile as profile
}

test_missing_rotation_denied if {
	rule.deny == {{"resource": "k", "path": [], "message": "missing", "data": {"max": 90}}} with input as key({}) with data.profile as profile
}

test_slow_rotation_denied_with_days if {
	rule.deny == {{
		"resource": "k",
		"path": ["rotation_period"],
		"message": "too_slow",
		"data": {"days": 365, "period": "31536000s", "max": 90},
	}} with input as key({"rotation_period": "31536000s"}) with data.profile as profile
}

test_keys_that_cannot_rotate_not_evaluated if {
	count(rule.applies) == 0 with input as key({"purpose": "ASYMMETRIC_DECRYPT"}) with data.profile as profile
}

test_unknown_or_unparseable_period_is_unknown if {
	count(rule.deny) == 0 with input as key({"rotation_period": {"__unknown__": "var"}}) with data.profile as profile
	rule.unknown == {{"resource": "k", "path": ["rotation_period"]}} with input as key({"rotation_period": {"__unknown__": "var"}}) with data.profile as profile
	count(rule.deny) == 0 with input as key({"rotation_period": "90 days"}) with data.profile as profile
	count(rule.unknown) == 1 with input as key({"rotation_period": "90 days"}) with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as key({"rotation_period": "7776000s"}) with data.profile as {"rotation": {"keyDays": 30}}
}
