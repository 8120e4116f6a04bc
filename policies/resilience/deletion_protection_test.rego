package evident.rules.resilience.deletion_protection_test

import data.evident.rules.resilience.deletion_protection as rule
import rego.v1

profile := {"resilience": {"deletionProtectionEnvironments": ["prod"]}}

deployments := {"westeu-prod-1": {"environment": "prod"}, "westeu-dev-1": {"environment": "dev"}}

res(address, type, attributes) := {
	"id": address, "source": "terraform", "type": type, "mode": "resource", "address": address,
	"deployment": "westeu-prod-1", "attributes": attributes,
}

server := res("azurerm_postgresql_flexible_server.db", "azurerm_postgresql_flexible_server", {"name": "psql-cf-westeu-prod-1", "resource_group_name": "rg-cf-westeu-prod-1"})

group := res("azurerm_resource_group.main", "azurerm_resource_group", {"name": "rg-cf-westeu-prod-1"})

lock(level, scope, refs) := object.union(
	res("azurerm_management_lock.db", "azurerm_management_lock", {"lock_level": level, "scope": scope}),
	{"references": {"scope": refs}},
)

findings(resources) := result if {
	result := rule.deny with input as {"resources": resources} with data.profile as profile with data.deployments as deployments
}

unknowns(resources) := result if {
	result := rule.unknown with input as {"resources": resources} with data.profile as profile with data.deployments as deployments
}

test_locked_or_flagged_databases_allowed if {
	count(findings([server, lock("CanNotDelete", {"__unknown__": "id"}, ["azurerm_postgresql_flexible_server.db"])])) == 0
	count(findings([server, group, lock("CanNotDelete", {"__unknown__": "id"}, ["azurerm_resource_group.main"])])) == 0
	count(findings([server, lock("ReadOnly", "/subscriptions/0000/resourceGroups/RG-CF-WESTEU-PROD-1", [])])) == 0
	count(findings([server, lock("CanNotDelete", "/subscriptions/0000", [])])) == 0
	count(findings([server, lock("CanNotDelete", {"__unknown__": "id"}, ["data.azurerm_subscription.current"])])) == 0
	count(findings([object.union(server, {"meta": {"preventDestroy": "true"}})])) == 0
	count(findings([res("aws_db_instance.main", "aws_db_instance", {"deletion_protection": true})])) == 0
	count(findings([res("google_sql_database_instance.main", "google_sql_database_instance", {})])) == 0
}

test_unlocked_azure_database_denied if {
	findings([server, group]) == {{
		"resource": "azurerm_postgresql_flexible_server.db",
		"path": [],
		"message": "unlocked",
		"data": {"kind": "PostgreSQL flexible server", "environment": "prod"},
	}}
	count(findings([server, group, lock("CanNotDelete", {"__unknown__": "id"}, ["azurerm_storage_account.other"])])) == 1
}

test_sql_database_protected_by_its_server_lock if {
	sql_server := res("azurerm_mssql_server.main", "azurerm_mssql_server", {"name": "sql-cf-westeu-prod-1"})
	database := object.union(res("azurerm_mssql_database.main", "azurerm_mssql_database", {"server_id": {"__unknown__": "id"}}), {"references": {"server_id": ["azurerm_mssql_server.main"]}})
	count(findings([sql_server, database, lock("CanNotDelete", {"__unknown__": "id"}, ["azurerm_mssql_server.main"])])) == 0
	count(findings([sql_server, database])) == 2
}

test_aws_and_google_flags_denied if {
	findings([res("aws_rds_cluster.main", "aws_rds_cluster", {})]) == {{
		"resource": "aws_rds_cluster.main",
		"path": ["deletion_protection"],
		"message": "disabled",
		"data": {"kind": "RDS cluster", "environment": "prod", "attribute": "deletion_protection", "value": "not set (default false)"},
	}}
	some table in findings([res("aws_dynamodb_table.t", "aws_dynamodb_table", {"deletion_protection_enabled": false})])
	table.data.value == "false"
	some sql in findings([res("google_sql_database_instance.main", "google_sql_database_instance", {"deletion_protection": false})])
	sql.path == ["deletion_protection"]
	count(findings([res("google_sql_database_instance.main", "google_sql_database_instance", {"deletion_protection": false, "settings": [{"deletion_protection_enabled": true}]})])) == 0
}

test_lock_scope_from_outside_is_unknown if {
	from_module := lock("CanNotDelete", {"__unknown__": "module.database.server_id"}, ["module.database"])
	count(findings([server, from_module])) == 0
	unknowns([server, from_module]) == {{"resource": "azurerm_postgresql_flexible_server.db", "path": []}}
	from_variable := lock("CanNotDelete", {"__unknown__": "var.scope"}, [])
	unknowns([server, from_variable]) == {{"resource": "azurerm_postgresql_flexible_server.db", "path": []}}
}

test_unknown_flag_is_unknown if {
	db := res("aws_db_instance.main", "aws_db_instance", {"deletion_protection": {"__unknown__": "var.protect"}})
	unknowns([db]) == {{"resource": "aws_db_instance.main", "path": ["deletion_protection"]}}
}

test_not_evaluated if {
	aurora := res("aws_db_instance.a", "aws_db_instance", {"engine": "aurora-mysql"})
	count(rule.applies) == 0 with input as {"resources": [aurora]} with data.profile as profile with data.deployments as deployments
	dev := object.union(server, {"deployment": "westeu-dev-1"})
	count(rule.applies) == 0 with input as {"resources": [dev]} with data.profile as profile with data.deployments as deployments
	count(rule.deny) == 1 with input as {"resources": [dev]} with data.profile as {"resilience": {"deletionProtectionEnvironments": ["dev"]}} with data.deployments as deployments
}
