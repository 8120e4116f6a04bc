package evident.rules.resilience.backup_retention_test

import data.evident.rules.resilience.backup_retention as rule
import rego.v1

profile := {"resilience": {"backupRetentionDays": {"prod": 35}}}

deployments := {"westeu-prod-1": {"environment": "prod"}, "westeu-dev-1": {"environment": "dev"}}

resource(type, attributes) := {"resources": [{
	"id": "r", "source": "terraform", "type": type, "mode": "resource",
	"deployment": "westeu-prod-1", "attributes": attributes,
}]}

findings(type, attributes) := result if {
	result := rule.deny with input as resource(type, attributes) with data.profile as profile with data.deployments as deployments
}

test_long_enough_retention_allowed if {
	count(findings("azurerm_postgresql_flexible_server", {"backup_retention_days": 35})) == 0
	count(findings("aws_db_instance", {"backup_retention_period": 35})) == 0
	count(findings("azurerm_mssql_database", {"short_term_retention_policy": [{"retention_days": 35}]})) == 0
	count(findings("google_sql_database_instance", {"settings": [{"backup_configuration": [{"enabled": true, "backup_retention_settings": [{"retained_backups": 35}]}]}]})) == 0
	rule.applies == {"r"} with input as resource("aws_rds_cluster", {}) with data.profile as profile with data.deployments as deployments
}

test_short_retention_denied if {
	findings("azurerm_postgresql_flexible_server", {"backup_retention_days": 14}) == {{
		"resource": "r",
		"path": ["backup_retention_days"],
		"message": "too_short",
		"data": {"kind": "PostgreSQL flexible server", "environment": "prod", "retention": "14 days", "min": 35, "attribute": "backup_retention_days"},
	}}
}

test_provider_default_denied if {
	findings("azurerm_mysql_flexible_server", {}) == {{
		"resource": "r",
		"path": ["backup_retention_days"],
		"message": "default",
		"data": {"kind": "MySQL flexible server", "environment": "prod", "retention": "7 days", "min": 35, "attribute": "backup_retention_days"},
	}}
	some finding in findings("aws_rds_cluster", {})
	finding.data.retention == "1 day"
	some sql in findings("azurerm_mssql_database", {})
	sql.path == ["short_term_retention_policy", 0, "retention_days"]
}

test_disabled_backups_denied if {
	some finding in findings("aws_db_instance", {"backup_retention_period": 0})
	finding.message == "disabled"
	some cloud_sql in findings("google_sql_database_instance", {"settings": [{"tier": "db-custom-2-7680"}]})
	cloud_sql.message == "disabled"
	cloud_sql.path == ["settings", 0, "backup_configuration", 0, "enabled"]
}

test_cosmos_backup_modes if {
	some periodic in findings("azurerm_cosmosdb_account", {})
	periodic.data.retention == "8 hours"
	some continuous in findings("azurerm_cosmosdb_account", {"backup": [{"type": "Continuous"}]})
	continuous.path == ["backup", 0, "tier"]
	count(findings("azurerm_cosmosdb_account", {"backup": [{"type": "Periodic", "retention_in_hours": 840}]})) == 0
}

test_exempt_resources_not_evaluated if {
	aurora := resource("aws_db_instance", {"engine": "aurora-postgresql"})
	count(rule.applies) == 0 with input as aurora with data.profile as profile with data.deployments as deployments
	replica := resource("aws_db_instance", {"replicate_source_db": "rds-cf-westeu-prod-1"})
	count(rule.applies) == 0 with input as replica with data.profile as profile with data.deployments as deployments
	warehouse := resource("azurerm_mssql_database", {"sku_name": "DW100c"})
	count(rule.applies) == 0 with input as warehouse with data.profile as profile with data.deployments as deployments
}

test_environment_without_minimum_not_evaluated if {
	dev := {"resources": [{"id": "r", "source": "terraform", "type": "aws_db_instance", "mode": "resource", "deployment": "westeu-dev-1", "attributes": {}}]}
	count(rule.applies) == 0 with input as dev with data.profile as profile with data.deployments as deployments
	untagged := {"resources": [{"id": "r", "source": "terraform", "type": "aws_db_instance", "mode": "resource", "attributes": {}}]}
	count(rule.applies) == 0 with input as untagged with data.profile as profile with data.deployments as deployments
	tagged := {"resources": [{"id": "r", "source": "terraform", "type": "aws_db_instance", "mode": "resource", "attributes": {"tags": {"Environment": "prod"}}}]}
	count(rule.deny) == 1 with input as tagged with data.profile as profile with data.deployments as deployments
	labelled := {"resources": [{"id": "r", "source": "terraform", "type": "google_sql_database_instance", "mode": "resource", "attributes": {"settings": [{"user_labels": {"environment": "prod"}}]}}]}
	count(rule.deny) == 1 with input as labelled with data.profile as profile with data.deployments as deployments
}

test_unknown_retention_is_unknown if {
	r := resource("aws_db_instance", {"backup_retention_period": {"__unknown__": "var.retention"}})
	count(rule.deny) == 0 with input as r with data.profile as profile with data.deployments as deployments
	rule.unknown == {{"resource": "r", "path": ["backup_retention_period"]}} with input as r with data.profile as profile with data.deployments as deployments
}

test_profile_decides if {
	other := {"resilience": {"backupRetentionDays": {"prod": 14, "dev": 7}}}
	count(rule.deny) == 0 with input as resource("azurerm_postgresql_flexible_server", {"backup_retention_days": 14}) with data.profile as other with data.deployments as deployments
}
