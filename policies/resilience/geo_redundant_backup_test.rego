package evident.rules.resilience.geo_redundant_backup_test

import data.evident.rules.resilience.geo_redundant_backup as rule
import rego.v1

profile := {"resilience": {"geoRedundantEnvironments": ["prod"]}}

deployments := {"westeu-prod-1": {"environment": "prod"}, "westeu-dev-1": {"environment": "dev"}}

res(id, type, attributes) := {
	"id": id, "source": "terraform", "type": type, "mode": "resource", "address": concat(".", [type, id]),
	"deployment": "westeu-prod-1", "attributes": attributes,
}

findings(resources) := result if {
	result := rule.deny with input as {"resources": resources} with data.profile as profile with data.deployments as deployments
}

unknowns(resources) := result if {
	result := rule.unknown with input as {"resources": resources} with data.profile as profile with data.deployments as deployments
}

test_geo_redundant_backups_allowed if {
	count(findings([res("p", "azurerm_postgresql_flexible_server", {"geo_redundant_backup_enabled": true})])) == 0
	count(findings([res("s", "azurerm_mssql_database", {})])) == 0
	count(findings([res("m", "azurerm_mssql_managed_instance", {"storage_account_type": "GZRS"})])) == 0
	count(findings([res("c", "azurerm_cosmosdb_account", {})])) == 0
	count(findings([res("c", "azurerm_cosmosdb_account", {"backup": [{"type": "Continuous"}], "geo_location": [{}, {}]})])) == 0
	count(findings([res("g", "google_sql_database_instance", {"settings": [{"backup_configuration": [{"enabled": true, "location": "eu"}]}]})])) == 0
	count(findings([res("a", "aws_rds_cluster", {"global_cluster_identifier": "cf-global"})])) == 0
}

test_flag_off_denied if {
	findings([res("p", "azurerm_postgresql_flexible_server", {})]) == {{
		"resource": "p",
		"path": ["geo_redundant_backup_enabled"],
		"message": "flag_off",
		"data": {"kind": "PostgreSQL flexible server", "environment": "prod", "attribute": "geo_redundant_backup_enabled", "value": "not set (default false)"},
	}}
}

test_local_backup_storage_denied if {
	findings([res("s", "azurerm_mssql_database", {"storage_account_type": "Local"})]) == {{
		"resource": "s",
		"path": ["storage_account_type"],
		"message": "local_storage",
		"data": {"kind": "SQL database", "environment": "prod", "value": "Local", "allowed": "Geo or GeoZone"},
	}}
	some finding in findings([res("c", "azurerm_cosmosdb_account", {"backup": [{"type": "Periodic", "storage_redundancy": "Zone"}]})])
	finding.path == ["backup", 0, "storage_redundancy"]
	some warehouse in findings([res("w", "azurerm_mssql_database", {"sku_name": "DW100c", "geo_backup_enabled": false})])
	warehouse.message == "flag_off"
}

test_single_region_continuous_backup_denied if {
	some finding in findings([res("c", "azurerm_cosmosdb_account", {"backup": [{"type": "Continuous"}], "geo_location": [{}]})])
	finding.message == "single_region"
}

test_rds_instance_needs_a_cross_region_copy if {
	db := res("db", "aws_db_instance", {"identifier": "rds"})
	some finding in findings([db])
	finding.message == "no_copy"
	replication := object.union(res("rep", "aws_db_instance_automated_backups_replication", {"source_db_instance_arn": {"__unknown__": "arn"}}), {"references": {"source_db_instance_arn": ["aws_db_instance.db"]}})
	count(findings([db, replication])) == 0
}

test_aws_backup_copy_counts if {
	db := res("db", "aws_db_instance", {"identifier": "rds"})
	plan := res("plan", "aws_backup_plan", {"rule": [{"rule_name": "daily", "copy_action": [{"destination_vault_arn": "arn:aws:backup:eu-central-1:1:backup-vault:dr"}]}]})
	selection := object.union(res("sel", "aws_backup_selection", {"resources": [{"__unknown__": "arn"}], "plan_id": {"__unknown__": "id"}}), {"references": {"resources": ["aws_db_instance.db"], "plan_id": ["aws_backup_plan.plan"]}})
	count(findings([db, plan, selection])) == 0
	plan_without_copy := res("plan", "aws_backup_plan", {"rule": [{"rule_name": "daily"}]})
	count(findings([db, plan_without_copy, selection])) == 1
}

test_cloud_sql_backups_in_one_region_or_disabled_denied if {
	some regional in findings([res("g", "google_sql_database_instance", {"settings": [{"backup_configuration": [{"enabled": true, "location": "europe-west1"}]}]})])
	regional.message == "region_location"
	some disabled in findings([res("g", "google_sql_database_instance", {"settings": [{}]})])
	disabled.message == "no_backups"
}

test_exempt_and_other_environments_not_evaluated if {
	count(rule.applies) == 0 with input as {"resources": [res("a", "aws_db_instance", {"engine": "aurora-mysql"})]} with data.profile as profile with data.deployments as deployments
	dev := object.union(res("p", "azurerm_postgresql_flexible_server", {}), {"deployment": "westeu-dev-1"})
	count(rule.applies) == 0 with input as {"resources": [dev]} with data.profile as profile with data.deployments as deployments
}

test_unknown_values_are_unknown if {
	flag := [res("p", "azurerm_postgresql_flexible_server", {"geo_redundant_backup_enabled": {"__unknown__": "var.geo"}})]
	count(findings(flag)) == 0
	unknowns(flag) == {{"resource": "p", "path": ["geo_redundant_backup_enabled"]}}
	db := res("db", "aws_db_instance", {"identifier": "rds"})
	unresolved := res("rep", "aws_db_instance_automated_backups_replication", {"source_db_instance_arn": {"__unknown__": "module.db.arn"}})
	count(findings([db, unresolved])) == 0
	unknowns([db, unresolved]) == {{"resource": "db", "path": []}}
}

test_profile_decides if {
	dev := object.union(res("p", "azurerm_postgresql_flexible_server", {}), {"deployment": "westeu-dev-1"})
	count(rule.deny) == 1 with input as {"resources": [dev]} with data.profile as {"resilience": {"geoRedundantEnvironments": ["dev"]}} with data.deployments as deployments
}
