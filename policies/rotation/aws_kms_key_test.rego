package evident.rules.rotation.aws_kms_key_test

import data.evident.rules.rotation.aws_kms_key as rule
import rego.v1

profile := {"rotation": {"keyDays": 90}}

key(attributes) := {"resources": [{"id": "k", "source": "terraform", "type": "aws_kms_key", "mode": "resource", "attributes": attributes}]}

test_rotation_within_limit_allowed if {
	count(rule.deny) == 0 with input as key({"enable_key_rotation": true, "rotation_period_in_days": 90}) with data.profile as profile
}

test_rotation_disabled_or_absent_denied if {
	rule.deny == {{"resource": "k", "path": ["enable_key_rotation"], "message": "disabled"}} with input as key({}) with data.profile as profile
	count(rule.deny) == 1 with input as key({"enable_key_rotation": false}) with data.profile as profile
}

test_slow_rotation_denied_with_numbers if {
	some finding in rule.deny with input as key({"enable_key_rotation": true, "rotation_period_in_days": 180}) with data.profile as profile
	finding.data == {"days": 180, "max": 90}
}

test_default_period_denied if {
	some finding in rule.deny with input as key({"enable_key_rotation": true}) with data.profile as profile
	finding.message == "default_period"
}

test_unknown_period_is_unknown_not_a_finding if {
	attributes := {"enable_key_rotation": true, "rotation_period_in_days": {"__unknown__": "known after apply"}}
	count(rule.deny) == 0 with input as key(attributes) with data.profile as profile
	rule.unknown == {{"resource": "k", "path": ["rotation_period_in_days"]}} with input as key(attributes) with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as key({"enable_key_rotation": true, "rotation_period_in_days": 60}) with data.profile as {"rotation": {"keyDays": 30}}
}
