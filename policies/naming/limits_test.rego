package evident.rules.naming.limits_test

import data.evident.rules.naming.limits as rule
import rego.v1

profile := {"naming": {"limits": {
	"azurerm_key_vault": {"min": 3, "max": 24, "pattern": "^[A-Za-z0-9-]+$", "allowed": "alphanumerics and hyphens"},
	"azurerm_storage_account": {"min": 3, "max": 24, "pattern": "^[a-z0-9]+$", "allowed": "lowercase letters and digits"},
	"aws_s3_bucket": {"min": 3, "max": 63, "pattern": "^[a-z0-9][a-z0-9.-]*[a-z0-9]$", "allowed": "lowercase letters, digits, periods and hyphens"},
}}}

resource(type, attributes) := {"resources": [{"id": "r", "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}]}

test_names_within_limits_allowed if {
	count(rule.deny) == 0 with input as resource("azurerm_key_vault", {"name": "kv-cf-westeu-prod-1-ab12"}) with data.profile as profile
	count(rule.deny) == 0 with input as resource("azurerm_storage_account", {"name": "stcfwesteuprod1"}) with data.profile as profile
	rule.applies == {"r"} with input as resource("azurerm_storage_account", {"name": "stcfwesteuprod1"}) with data.profile as profile
}

test_too_long_denied if {
	rule.deny == {{
		"resource": "r",
		"path": ["name"],
		"message": "too_long",
		"data": {"kind": "Key vault", "name": "kv-cf-australiaeast-prod-1-ab12", "length": 31, "max": 24},
	}} with input as resource("azurerm_key_vault", {"name": "kv-cf-australiaeast-prod-1-ab12"}) with data.profile as profile
}

test_too_short_denied if {
	some finding in rule.deny with input as resource("azurerm_storage_account", {"name": "st"}) with data.profile as profile
	finding.message == "too_short"
	finding.data == {"kind": "Storage account", "name": "st", "length": 2, "min": 3}
}

test_charset_denied if {
	rule.deny == {{
		"resource": "r",
		"path": ["name"],
		"message": "charset",
		"data": {"kind": "Storage account", "name": "st-cf-westeu-prod-1", "allowed": "lowercase letters and digits"},
	}} with input as resource("azurerm_storage_account", {"name": "st-cf-westeu-prod-1"}) with data.profile as profile
	some finding in rule.deny with input as resource("aws_s3_bucket", {"bucket": "Logs_Bucket"}) with data.profile as profile
	finding.path == ["bucket"]
}

test_unknown_name_is_unknown if {
	r := resource("azurerm_key_vault", {"name": {"__unknown__": "var.name"}})
	count(rule.deny) == 0 with input as r with data.profile as profile
	rule.unknown == {{"resource": "r", "path": ["name"]}} with input as r with data.profile as profile
}

test_types_without_limits_not_evaluated if {
	count(rule.applies) == 0 with input as resource("azurerm_redis_cache", {"name": "x"}) with data.profile as profile
}

test_profile_decides if {
	other := json.patch(profile, [{"op": "replace", "path": "/naming/limits/azurerm_key_vault/max", "value": 16}])
	count(rule.deny) == 1 with input as resource("azurerm_key_vault", {"name": "kv-cf-westeu-prod-1"}) with data.profile as other
}
