package evident.rules.rotation.key_vault_key_test

import data.evident.rules.rotation.key_vault_key as rule
import rego.v1

profile := {"rotation": {"keyDays": 90}}

key(attributes) := {"resources": [{"id": "k", "source": "terraform", "type": "azurerm_key_vault_key", "mode": "resource", "attributes": attributes}]}

policy(automatic, expire_after) := {"rotation_policy": [{"automatic": [automatic], "expire_after": expire_after}]}

test_rotation_within_the_period_allowed if {
	count(rule.deny) == 0 with input as key(policy({"time_before_expiry": "P30D"}, "P120D")) with data.profile as profile
	count(rule.deny) == 0 with input as key(policy({"time_after_creation": "P12W"}, "P1Y")) with data.profile as profile
	rule.applies == {"k"} with input as key({}) with data.profile as profile
}

test_slow_rotation_denied_with_the_interval if {
	rule.deny == {{
		"resource": "k",
		"path": ["rotation_policy", 0, "automatic", 0, "time_before_expiry"],
		"message": "too_slow",
		"data": {"days": 150, "how": "expire_after P180D minus time_before_expiry P30D", "max": 90},
	}} with input as key(policy({"time_before_expiry": "P30D"}, "P180D")) with data.profile as profile
}

test_missing_policy_automatic_or_expiry_denied if {
	{f.message | some f in rule.deny} == {"no_policy"} with input as key({}) with data.profile as profile
	{f.message | some f in rule.deny} == {"not_automatic", "no_expiry"} with input as key({"rotation_policy": [{"notify_before_expiry": "P29D"}]}) with data.profile as profile
	{f.message | some f in rule.deny} == {"no_expiry"} with input as key({"rotation_policy": [{"automatic": [{"time_after_creation": "P30D"}]}]}) with data.profile as profile
}

test_unknown_and_unparseable_durations_are_unknown if {
	unknown_policy := key(policy({"time_after_creation": {"__unknown__": "var"}}, "P120D"))
	count(rule.deny) == 0 with input as unknown_policy with data.profile as profile
	rule.unknown == {{"resource": "k", "path": ["rotation_policy", 0, "automatic", 0, "time_after_creation"]}} with input as unknown_policy with data.profile as profile
	count(rule.deny) == 0 with input as key(policy({"time_after_creation": "PT2160H"}, "P120D")) with data.profile as profile
	count(rule.unknown) == 1 with input as key(policy({"time_after_creation": "PT2160H"}, "P120D")) with data.profile as profile
	count(rule.deny) == 0 with input as key({"rotation_policy": {"__unknown__": "dynamic"}}) with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as key(policy({"time_after_creation": "P60D"}, "P90D")) with data.profile as {"rotation": {"keyDays": 30}}
}
