# METADATA
# title: Point-in-time restore is not enabled where the service offers it as an option
# description: >-
#   The DR requirements for production ask for point-in-time restore (RPO of five to fifteen minutes): restoring to the
#   last nightly backup loses a day of data. In the environments of `resilience.pointInTimeRestoreEnvironments` (prod)
#   this rule checks the services where point-in-time restore is an option that is off by default: DynamoDB tables
#   (`point_in_time_recovery.enabled`), Cloud SQL (`backup_configuration.point_in_time_recovery_enabled` for
#   PostgreSQL and SQL Server, on by default only for the Enterprise Plus edition; `binary_log_enabled` for MySQL;
#   both need backups enabled), Cosmos DB (`backup.type` Continuous; periodic backup restores only to a backup), and
#   Azure storage accounts that already protect blobs with versioning or blob soft delete (`blob_properties.restore_policy`;
#   general-purpose v2 accounts without a hierarchical namespace, the ones that support it). Where point-in-time
#   restore is built in and always on (Azure SQL, PostgreSQL and MySQL flexible servers, RDS and Aurora with backups)
#   there is nothing to configure: EVD-RSL-001 checks that their backups are kept. Read replicas and resources whose
#   environment is unknown are not evaluated.
# custom:
#   id: EVD-RSL-004
#   severity: high
#   category: resilience
#   remediation: Enable point-in-time restore with the attribute named in the finding (Cosmos DB continuous backup, a restore_policy shorter than the blob soft-delete retention).
#   parameters: [resilience.pointInTimeRestoreEnvironments]
#   messages:
#     disabled: '{{kind}} in {{environment}} cannot be restored to a point in time: {{attribute}} is {{value}}'
#     periodic: '{{kind}} in {{environment}} uses periodic backup, which restores only to the last backup: set backup.type = "Continuous"'
#     no_restore_policy: '{{kind}} in {{environment}} protects blobs with {{protection}} but has no point-in-time restore: add blob_properties.restore_policy'
#     no_backups: '{{kind}} in {{environment}} has automated backups disabled, so it cannot be restored to a point in time'
package evident.rules.resilience.point_in_time_restore

import data.evident.lib.resilience as res
import data.evident.lib.resource_kinds
import data.evident.lib.values
import rego.v1

types := {"aws_dynamodb_table", "google_sql_database_instance", "azurerm_cosmosdb_account", "azurerm_storage_account"}

evaluated contains r if {
	some r in res.in_environments(types, data.profile.resilience.pointInTimeRestoreEnvironments)
	not res.exempt(r)
	offers_restore(r)
}

offers_restore(r) if r.type != "azurerm_storage_account"

# Point-in-time restore of block blobs needs general-purpose v2 without a hierarchical namespace; it is expected
# where the account already keeps versions or soft-deleted blobs.
offers_restore(r) if {
	r.type == "azurerm_storage_account"
	res.text(object.get(r.attributes, "account_kind", "StorageV2")) == "storagev2"
	object.get(r.attributes, "is_hns_enabled", false) != true
	blob_protection(r) != "none"
}

blob := ["blob_properties", 0]

blob_protection(r) := "unknown" if {
	values.is_unknown(values.value_at(r.attributes, blob, null))
} else := concat(" and ", protections) if {
	protections := [name | some name in ["versioning", "blob soft delete"]; protects(r, name)]
	count(protections) > 0
} else := "none"

protects(r, "versioning") if res.boolean(object.get(r.attributes, array.concat(blob, ["versioning_enabled"]), false)) == true

protects(r, "blob soft delete") if object.get(r.attributes, array.concat(blob, ["delete_retention_policy"]), null) != null

applies contains r.id if some r in evaluated

ok := {"state": "ok"}

check(r) := flag(res.setting(r, ["point_in_time_recovery", 0, "enabled"], false)) if r.type == "aws_dynamodb_table"

check(r) := cloud_sql(r) if r.type == "google_sql_database_instance"

check(r) := cosmos(res.setting(r, ["backup", 0, "type"], "Periodic")) if r.type == "azurerm_cosmosdb_account"

check(r) := storage(r) if r.type == "azurerm_storage_account"

flag(s) := {"state": "unknown", "path": s.path} if {
	s.state == "unknown"
} else := ok if {
	res.boolean(s.value) == true
} else := {"state": "disabled", "path": s.path, "data": {"attribute": attribute(s.path), "value": shown(s)}}

cloud_sql(r) := {"state": "unknown", "path": enabled.path} if {
	enabled := res.setting(r, res.sql_backup_path("enabled"), false)
	enabled.state == "unknown"
} else := {"state": "no_backups", "path": res.sql_backup_path("enabled"), "data": {}} if {
	res.boolean(res.setting(r, res.sql_backup_path("enabled"), false).value) == false
} else := {"state": "unknown", "path": ["database_version"]} if {
	values.is_unknown(object.get(r.attributes, "database_version", null))
} else := flag(res.setting(r, res.sql_backup_path("binary_log_enabled"), false)) if {
	startswith(res.text(object.get(r.attributes, "database_version", "")), "mysql")
} else := flag(res.setting(r, res.sql_backup_path("point_in_time_recovery_enabled"), enterprise_plus(r)))

# Enterprise Plus instances have point-in-time recovery on unless turned off.
enterprise_plus(r) := res.text(object.get(r.attributes, ["settings", 0, "edition"], "")) == "enterprise_plus"

cosmos(s) := {"state": "unknown", "path": s.path} if {
	s.state == "unknown"
} else := ok if {
	res.text(s.value) == "continuous"
} else := {"state": "periodic", "path": s.path, "data": {}}

storage(r) := {"state": "unknown", "path": blob} if {
	blob_protection(r) == "unknown"
} else := {"state": "unknown", "path": array.concat(blob, ["restore_policy"])} if {
	values.is_unknown(object.get(r.attributes, array.concat(blob, ["restore_policy"]), null))
} else := ok if {
	count(object.get(r.attributes, array.concat(blob, ["restore_policy"]), [])) > 0
} else := {"state": "no_restore_policy", "path": blob, "data": {"protection": blob_protection(r)}}

shown(s) := sprintf("not set (default %v)", [s.value]) if s.state == "default"

else := sprintf("%v", [s.value])

attribute(path) := concat(".", [segment | some segment in path; is_string(segment)])

deny contains finding if {
	some r in evaluated
	result := check(r)
	not result.state in {"ok", "unknown"}
	finding := {
		"resource": r.id,
		"path": result.path,
		"message": result.state,
		"data": object.union({"kind": resource_kinds.kind(r.type), "environment": res.environment(r)}, result.data),
	}
}

unknown contains {"resource": r.id, "path": result.path} if {
	some r in evaluated
	result := check(r)
	result.state == "unknown"
}
