package evident.rules.naming.prefix_test

import data.evident.rules.naming.prefix as rule
import rego.v1

profile := {"naming": {
	"app": "cf",
	"abbreviations": {"azurerm_resource_group": "rg", "azurerm_storage_account": "st", "aws_s3_bucket": "s3", "aws_vpc": "vpc"},
	"compact": ["azurerm_storage_account"],
}}

resource(type, attributes) := {"resources": [{"id": "r", "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}]}

test_conventional_names_allowed if {
	count(rule.deny) == 0 with input as resource("azurerm_resource_group", {"name": "rg-cf-westeu-prod-1"}) with data.profile as profile
	count(rule.deny) == 0 with input as resource("azurerm_storage_account", {"name": "stcfwesteuprod1"}) with data.profile as profile
	count(rule.deny) == 0 with input as resource("aws_s3_bucket", {"bucket": "s3-cf-westeu-prod-1-logs"}) with data.profile as profile
	rule.applies == {"r"} with input as resource("azurerm_resource_group", {"name": "rg-cf-westeu-prod-1"}) with data.profile as profile
}

test_wrong_prefix_denied if {
	rule.deny == {{
		"resource": "r",
		"path": ["name"],
		"message": "wrong_prefix",
		"data": {"kind": "Resource group", "name": "complianceflow-prod", "prefix": "rg-cf-", "form": "{abbr}-{app}-"},
	}} with input as resource("azurerm_resource_group", {"name": "complianceflow-prod"}) with data.profile as profile
}

test_compact_type_with_hyphens_denied if {
	some finding in rule.deny with input as resource("azurerm_storage_account", {"name": "st-cf-westeu-prod-1"}) with data.profile as profile
	finding.data.prefix == "stcf"
}

test_aws_name_attribute_read if {
	some finding in rule.deny with input as resource("aws_s3_bucket", {"bucket": "logs-bucket"}) with data.profile as profile
	finding.path == ["bucket"]
}

test_aws_name_tag_read if {
	vpc := resource("aws_vpc", {"tags": {"Name": "main"}, "tags_all": {"Name": "main", "Owner": "DevOps"}})
	some finding in rule.deny with input as vpc with data.profile as profile
	finding.path == ["tags", "Name"]
	count(rule.deny) == 0 with input as resource("aws_vpc", {"tags_all": {"Name": "vpc-cf-westeu-prod-1"}}) with data.profile as profile
	count(rule.applies) == 0 with input as resource("aws_vpc", {"cidr_block": "10.30.0.0/16"}) with data.profile as profile
}

test_unknown_name_is_unknown if {
	r := resource("azurerm_resource_group", {"name": {"__unknown__": "var.name"}})
	count(rule.deny) == 0 with input as r with data.profile as profile
	rule.unknown == {{"resource": "r", "path": ["name"]}} with input as r with data.profile as profile
}

test_types_without_abbreviation_and_data_sources_not_evaluated if {
	count(rule.applies) == 0 with input as resource("azurerm_key_vault", {"name": "vault"}) with data.profile as profile
	data_source := {"resources": [{"id": "d", "source": "terraform", "type": "azurerm_resource_group", "mode": "data", "attributes": {"name": "legacy"}}]}
	count(rule.applies) == 0 with input as data_source with data.profile as profile
}

test_profile_decides if {
	other := json.patch(profile, [{"op": "replace", "path": "/naming/app", "value": "xy"}])
	count(rule.deny) == 1 with input as resource("azurerm_resource_group", {"name": "rg-cf-westeu-prod-1"}) with data.profile as other
}
