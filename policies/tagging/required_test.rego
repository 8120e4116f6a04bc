package evident.rules.tagging.required_test

import data.evident.rules.tagging.required as rule
import rego.v1

profile := {"tagging": {"required": ["Deployment", "Environment", "Owner"], "untaggedTypes": ["azurerm_subnet"]}}

resource(type, attributes) := {"resources": [{"id": "r", "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}]}

all_tags := {"Deployment": "westeu-prod-1", "Environment": "prod", "Owner": "DevOps"}

test_all_tags_allowed if {
	count(rule.deny) == 0 with input as resource("azurerm_resource_group", {"tags": all_tags}) with data.profile as profile
	rule.applies == {"r"} with input as resource("azurerm_resource_group", {"tags": all_tags}) with data.profile as profile
}

test_missing_tags_listed_in_profile_order if {
	rule.deny == {{
		"resource": "r",
		"path": ["tags"],
		"message": "missing",
		"data": {"kind": "Resource group", "missing": "Deployment, Owner"},
	}} with input as resource("azurerm_resource_group", {"tags": {"Environment": "prod", "Owner": "  "}}) with data.profile as profile
}

test_taggable_type_without_tags_denied if {
	some finding in rule.deny with input as resource("azurerm_redis_cache", {"name": "redis-cf-westeu-prod-1"}) with data.profile as profile
	finding.data.missing == "Deployment, Environment, Owner"
}

test_any_resource_setting_tags_evaluated if {
	count(rule.deny) == 1 with input as resource("aws_iam_policy", {"tags": {"Owner": "x"}}) with data.profile as profile
	count(rule.applies) == 0 with input as resource("aws_iam_policy", {"name": "p"}) with data.profile as profile
}

test_untagged_types_and_other_providers_not_evaluated if {
	count(rule.applies) == 0 with input as resource("azurerm_subnet", {"tags": {}}) with data.profile as profile
	count(rule.applies) == 0 with input as resource("random_string", {"tags": {}}) with data.profile as profile
}

test_aws_default_tags_count if {
	r := resource("aws_s3_bucket", {"tags": {"Owner": "DevOps"}, "tags_all": all_tags})
	count(rule.deny) == 0 with input as r with data.profile as profile
	some finding in rule.deny with input as resource("aws_s3_bucket", {"tags_all": {"Owner": "DevOps"}}) with data.profile as profile
	finding.path == ["tags_all"]
}

test_google_labels_compare_without_case if {
	labels := {"deployment": "westeu-prod-1", "environment": "prod", "owner": "devops"}
	count(rule.deny) == 0 with input as resource("google_storage_bucket", {"labels": labels}) with data.profile as profile
	count(rule.deny) == 0 with input as resource("google_sql_database_instance", {"settings": [{"user_labels": labels}]}) with data.profile as profile
	count(rule.deny) == 0 with input as resource("google_compute_instance", {"effective_labels": labels}) with data.profile as profile
}

test_unknown_values_count_as_set if {
	tags := object.union(all_tags, {"Owner": {"__unknown__": "var.owner"}})
	count(rule.deny) == 0 with input as resource("azurerm_resource_group", {"tags": tags}) with data.profile as profile
}

test_unknown_map_is_unknown if {
	r := resource("azurerm_resource_group", {"tags": {"__unknown__": "var.tags"}})
	count(rule.deny) == 0 with input as r with data.profile as profile
	rule.unknown == {{"resource": "r", "path": ["tags"]}} with input as r with data.profile as profile
}

test_profile_decides if {
	other := {"tagging": {"required": ["Owner"], "untaggedTypes": []}}
	count(rule.deny) == 0 with input as resource("azurerm_resource_group", {"tags": {"Owner": "x"}}) with data.profile as other
	count(rule.deny) == 1 with input as resource("azurerm_resource_group", {"tags": {"Owner": "x"}}) with data.profile as profile
}
