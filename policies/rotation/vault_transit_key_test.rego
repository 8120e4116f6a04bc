package evident.rules.rotation.vault_transit_key_test

import data.evident.rules.rotation.vault_transit_key as rule
import rego.v1

profile := {"rotation": {"apiKeyDays": 30}}

key(attributes) := {"resources": [{"id": "k", "address": "vault_transit_secret_backend_key.api", "source": "terraform", "type": "vault_transit_secret_backend_key", "mode": "resource", "attributes": object.union({"name": "api-keys"}, attributes)}]}

test_monthly_rotation_allowed if {
	count(rule.deny) == 0 with input as key({"auto_rotate_period": 2592000}) with data.profile as profile
	count(rule.deny) == 0 with input as key({"auto_rotate_period": "720h"}) with data.profile as profile
	rule.applies == {"k"} with input as key({}) with data.profile as profile
}

test_rotation_off_denied if {
	rule.deny == {{"resource": "k", "path": [], "message": "disabled", "data": {"name": "api-keys", "value": "not set", "max": 30}}} with input as key({}) with data.profile as profile
	rule.deny == {{"resource": "k", "path": ["auto_rotate_period"], "message": "disabled", "data": {"name": "api-keys", "value": "0", "max": 30}}} with input as key({"auto_rotate_period": 0}) with data.profile as profile
}

test_slow_rotation_denied_with_days if {
	rule.deny == {{
		"resource": "k",
		"path": ["auto_rotate_interval"],
		"message": "too_slow",
		"data": {"name": "api-keys", "days": 90, "attribute": "auto_rotate_interval", "value": 7776000, "max": 30},
	}} with input as key({"auto_rotate_interval": 7776000}) with data.profile as profile
}

test_unknown_period_is_unknown if {
	count(rule.deny) == 0 with input as key({"auto_rotate_period": {"__unknown__": "var"}}) with data.profile as profile
	rule.unknown == {{"resource": "k", "path": ["auto_rotate_period"]}} with input as key({"auto_rotate_period": {"__unknown__": "var"}}) with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as key({"auto_rotate_period": 2592000}) with data.profile as {"rotation": {"apiKeyDays": 7}}
}
