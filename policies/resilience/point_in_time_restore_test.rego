package evident.rules.resilience.point_in_time_restore_test

import data.evident.rules.resilience.point_in_time_restore as rule
import rego.v1

profile := {"resilience": {"pointInTimeRestoreEnvironments": ["prod"]}}

deployments := {"westeu-prod-1": {"environment": "prod"}, "westeu-dev-1": {"environment": "dev"}}

res(type, attributes) := {"resources": [{
	"id": "r", "source": "terraform", "type": type, "mode": "resource",
	"deployment": "westeu-prod-1", "attributes": attributes,
}]}

findings(type, attributes) := result if {
	result := rule.deny with input as res(type, attributes) with data.profile as profile with data.deployments as deployments
}

applies(type, attributes) := result if {
	result := rule.applies with input as res(type, attributes) with data.profile as profile with data.deployments as deployments
}

sql(version, backup, edition) := {"database_version": version, "settings": [{"edition": edition, "backup_configuration": [backup]}]}

test_point_in_time_restore_allowed if {
	count(findings("aws_dynamodb_table", {"point_in_time_recovery": [{"enabled": true}]})) == 0
	count(findings("azurerm_cosmosdb_account", {"backup": [{"type": "Continuous"}]})) == 0
	count(findings("google_sql_database_instance", sql("POSTGRES_16", {"enabled": true, "point_in_time_recovery_enabled": true}, "ENTERPRISE"))) == 0
	count(findings("google_sql_database_instance", sql("MYSQL_8_0", {"enabled": true, "binary_log_enabled": true}, "ENTERPRISE"))) == 0
	count(findings("google_sql_database_instance", sql("POSTGRES_16", {"enabled": true}, "ENTERPRISE_PLUS"))) == 0
	storage := {"blob_properties": [{"versioning_enabled": true, "change_feed_enabled": true, "delete_retention_policy": [{"days": 35}], "restore_policy": [{"days": 30}]}]}
	count(findings("azurerm_storage_account", storage)) == 0
}

test_dynamodb_without_recovery_denied if {
	findings("aws_dynamodb_table", {}) == {{
		"resource": "r",
		"path": ["point_in_time_recovery", 0, "enabled"],
		"message": "disabled",
		"data": {"kind": "DynamoDB table", "environment": "prod", "attribute": "point_in_time_recovery.enabled", "value": "not set (default false)"},
	}}
}

test_cloud_sql_denied if {
	some postgres in findings("google_sql_database_instance", sql("POSTGRES_16", {"enabled": true}, "ENTERPRISE"))
	postgres.path == ["settings", 0, "backup_configuration", 0, "point_in_time_recovery_enabled"]
	some mysql in findings("google_sql_database_instance", sql("MYSQL_8_0", {"enabled": true}, "ENTERPRISE"))
	mysql.path == ["settings", 0, "backup_configuration", 0, "binary_log_enabled"]
	some no_backups in findings("google_sql_database_instance", sql("POSTGRES_16", {"point_in_time_recovery_enabled": true}, "ENTERPRISE"))
	no_backups.message == "no_backups"
}

test_periodic_cosmos_backup_denied if {
	some finding in findings("azurerm_cosmosdb_account", {})
	finding.message == "periodic"
	finding.path == ["backup", 0, "type"]
}

test_protected_blobs_without_restore_policy_denied if {
	findings("azurerm_storage_account", {"blob_properties": [{"versioning_enabled": true, "delete_retention_policy": [{"days": 35}]}]}) == {{
		"resource": "r",
		"path": ["blob_properties", 0],
		"message": "no_restore_policy",
		"data": {"kind": "Storage account", "environment": "prod", "protection": "versioning and blob soft delete"},
	}}
}

test_storage_accounts_without_blob_protection_or_support_not_evaluated if {
	count(applies("azurerm_storage_account", {})) == 0
	count(applies("azurerm_storage_account", {"is_hns_enabled": true, "blob_properties": [{"versioning_enabled": true}]})) == 0
	count(applies("azurerm_storage_account", {"account_kind": "BlobStorage", "blob_properties": [{"versioning_enabled": true}]})) == 0
}

test_unknown_values_are_unknown if {
	r := res("aws_dynamodb_table", {"point_in_time_recovery": [{"enabled": {"__unknown__": "var.pitr"}}]})
	count(rule.deny) == 0 with input as r with data.profile as profile with data.deployments as deployments
	rule.unknown == {{"resource": "r", "path": ["point_in_time_recovery", 0, "enabled"]}} with input as r with data.profile as profile with data.deployments as deployments
	blob := res("azurerm_storage_account", {"blob_properties": {"__unknown__": "dynamic"}})
	rule.unknown == {{"resource": "r", "path": ["blob_properties", 0]}} with input as blob with data.profile as profile with data.deployments as deployments
}

test_other_environments_not_evaluated if {
	dev := {"resources": [{"id": "r", "source": "terraform", "type": "aws_dynamodb_table", "mode": "resource", "deployment": "westeu-dev-1", "attributes": {}}]}
	count(rule.applies) == 0 with input as dev with data.profile as profile with data.deployments as deployments
	count(rule.deny) == 1 with input as dev with data.profile as {"resilience": {"pointInTimeRestoreEnvironments": ["dev"]}} with data.deployments as deployments
}
