package evident.rules.tagging.consistency_test

import data.evident.rules.tagging.consistency as rule
import rego.v1

profile := {"tagging": {"persistentEnvironments": ["prod"], "untaggedTypes": []}}

deployments := {
	"westeu-prod-1": {"valid": true, "global": false, "environment": "prod", "regionCode": "westeu", "instance": 1},
	"global-dev": {"valid": true, "global": true, "environment": "dev", "regionCode": "westeu"},
	"sandbox": {"valid": false, "global": false},
}

resource(deployment, tags) := {"resources": [{
	"id": "r", "source": "terraform", "type": "azurerm_resource_group", "mode": "resource",
	"deployment": deployment, "attributes": {"tags": tags},
}]}

prod_tags := {"Deployment": "westeu-prod-1", "Environment": "prod", "Region": "westeu", "Instance": "1", "Ephemeral": "false", "Owner": "DevOps"}

test_consistent_tags_allowed if {
	count(rule.deny) == 0 with input as resource("westeu-prod-1", prod_tags) with data.profile as profile with data.deployments as deployments
	rule.applies == {"r"} with input as resource("westeu-prod-1", prod_tags) with data.profile as profile with data.deployments as deployments
}

test_numbers_and_booleans_compare_as_terraform_stores_them if {
	tags := object.union(prod_tags, {"Instance": 1, "Ephemeral": false})
	count(rule.deny) == 0 with input as resource("westeu-prod-1", tags) with data.profile as profile with data.deployments as deployments
}

test_global_deployment_tags_allowed if {
	tags := {"Deployment": "global-dev", "Environment": "dev", "Region": "global", "Instance": "global", "Ephemeral": "true"}
	count(rule.deny) == 0 with input as resource("global-dev", tags) with data.profile as profile with data.deployments as deployments
	count(rule.deny) == 0 with input as resource("global-dev", object.union(tags, {"Region": "westeu"})) with data.profile as profile with data.deployments as deployments
}

test_copied_tags_denied if {
	tags := object.union(prod_tags, {"Environment": "dev", "Ephemeral": "true"})
	rule.deny == {
		{
			"resource": "r", "path": ["tags", "Environment"], "message": "mismatch",
			"data": {"tag": "Environment", "value": "dev", "deployment": "westeu-prod-1", "expected": "prod"},
		},
		{
			"resource": "r", "path": ["tags", "Ephemeral"], "message": "mismatch",
			"data": {"tag": "Ephemeral", "value": "true", "deployment": "westeu-prod-1", "expected": "false"},
		},
	} with input as resource("westeu-prod-1", tags) with data.profile as profile with data.deployments as deployments
}

test_global_instance_number_denied if {
	some finding in rule.deny with input as resource("global-dev", {"Instance": "1"}) with data.profile as profile with data.deployments as deployments
	finding.data.expected == "global"
}

test_missing_tags_left_to_tag_001 if {
	count(rule.deny) == 0 with input as resource("westeu-prod-1", {"Owner": "x", "Region": ""}) with data.profile as profile with data.deployments as deployments
}

test_unparsable_deployment_checks_only_the_deployment_tag if {
	count(rule.deny) == 0 with input as resource("sandbox", {"Deployment": "sandbox", "Environment": "prod"}) with data.profile as profile with data.deployments as deployments
	count(rule.deny) == 1 with input as resource("sandbox", {"Deployment": "westeu-prod-1"}) with data.profile as profile with data.deployments as deployments
}

test_google_labels_compare_keys_without_case if {
	r := {"resources": [{
		"id": "g", "source": "terraform", "type": "google_storage_bucket", "mode": "resource", "deployment": "westeu-prod-1",
		"attributes": {"labels": {"environment": "dev"}},
	}]}
	some finding in rule.deny with input as r with data.profile as profile with data.deployments as deployments
	finding.path == ["labels", "environment"]
}

test_aws_default_tag_points_at_tags_all if {
	r := {"resources": [{
		"id": "a", "source": "terraform", "type": "aws_vpc", "mode": "resource", "deployment": "westeu-prod-1",
		"attributes": {"tags": {"Name": "vpc"}, "tags_all": {"Name": "vpc", "Region": "eastus"}},
	}]}
	some finding in rule.deny with input as r with data.profile as profile with data.deployments as deployments
	finding.path == ["tags_all", "Region"]
}

test_unknown_value_is_unknown if {
	r := resource("westeu-prod-1", object.union(prod_tags, {"Environment": {"__unknown__": "var.environment"}}))
	count(rule.deny) == 0 with input as r with data.profile as profile with data.deployments as deployments
	rule.unknown == {{"resource": "r", "path": ["tags", "Environment"]}} with input as r with data.profile as profile with data.deployments as deployments
}

test_no_deployment_not_evaluated if {
	r := {"resources": [{"id": "r", "source": "terraform", "type": "azurerm_resource_group", "mode": "resource", "attributes": {"tags": {"Environment": "x"}}}]}
	count(rule.applies) == 0 with input as r with data.profile as profile with data.deployments as deployments
}

test_profile_decides if {
	other := {"tagging": {"persistentEnvironments": ["prod", "stg"], "untaggedTypes": []}}
	d := {"westeu-stg-1": {"valid": true, "global": false, "environment": "stg", "regionCode": "westeu", "instance": 1}}
	count(rule.deny) == 0 with input as resource("westeu-stg-1", {"Ephemeral": "false"}) with data.profile as other with data.deployments as d
	count(rule.deny) == 1 with input as resource("westeu-stg-1", {"Ephemeral": "false"}) with data.profile as profile with data.deployments as d
}
