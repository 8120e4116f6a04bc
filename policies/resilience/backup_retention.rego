# METADATA
# title: Database keeps backups for less than the environment's minimum retention
# description: >-
#   Production databases keep automated backups at least `resilience.backupRetentionDays` for their environment
#   (prod: 35 days, the deployments' database_backup_retention_days) so that data can be restored from any point of
#   the last five weeks. Checked with the provider defaults where the attribute is left out: Azure PostgreSQL / MySQL
#   / MariaDB servers `backup_retention_days` (default 7), SQL databases `short_term_retention_policy.retention_days`
#   (7) and managed databases `short_term_retention_days` (7), Cosmos DB `backup` (periodic `retention_in_hours`,
#   default 8 hours; continuous backup keeps 30 days, or 7 with tier Continuous7Days, so Cosmos DB cannot keep 35
#   days by itself); AWS RDS instances and clusters, DocumentDB and Neptune `backup_retention_period` (API default 1;
#   0 disables backups), Redshift `automated_snapshot_retention_period` (1); Cloud SQL
#   `backup_configuration.enabled` (default false) and `backup_retention_settings.retained_backups` (7 daily
#   backups). Aurora instances (their cluster keeps the backups), read replicas, SQL geo-secondaries and data
#   warehouse SKUs (fixed 7-day restore points) are not evaluated, nor resources whose environment is unknown or
#   has no minimum.
# custom:
#   id: EVD-RSL-001
#   severity: high
#   category: resilience
#   remediation: Set the retention attribute named in the finding to at least the environment's minimum (35 days in prod), or export backups to a vault that keeps them that long.
#   parameters: [resilience.backupRetentionDays]
#   messages:
#     too_short: '{{kind}} in {{environment}} keeps backups for {{retention}}; {{environment}} requires at least {{min}} days'
#     default: '{{kind}} in {{environment}} keeps backups for {{retention}}, the provider default when {{attribute}} is not set; {{environment}} requires at least {{min}} days'
#     disabled: '{{kind}} in {{environment}} has automated backups disabled; {{environment}} requires at least {{min}} days'
package evident.rules.resilience.backup_retention

import data.evident.lib.resilience as res
import data.evident.lib.resource_kinds
import rego.v1

# Types whose retention is a number of days in one attribute: path, provider default, whether 0 disables backups.
day_settings := {
	"azurerm_postgresql_flexible_server": {"path": ["backup_retention_days"], "fallback": 7, "zero_disables": false},
	"azurerm_mysql_flexible_server": {"path": ["backup_retention_days"], "fallback": 7, "zero_disables": false},
	"azurerm_postgresql_server": {"path": ["backup_retention_days"], "fallback": 7, "zero_disables": false},
	"azurerm_mysql_server": {"path": ["backup_retention_days"], "fallback": 7, "zero_disables": false},
	"azurerm_mariadb_server": {"path": ["backup_retention_days"], "fallback": 7, "zero_disables": false},
	"azurerm_mssql_database": {"path": ["short_term_retention_policy", 0, "retention_days"], "fallback": 7, "zero_disables": false},
	"azurerm_mssql_managed_database": {"path": ["short_term_retention_days"], "fallback": 7, "zero_disables": false},
	"aws_db_instance": {"path": ["backup_retention_period"], "fallback": 1, "zero_disables": true},
	"aws_rds_cluster": {"path": ["backup_retention_period"], "fallback": 1, "zero_disables": true},
	"aws_docdb_cluster": {"path": ["backup_retention_period"], "fallback": 1, "zero_disables": true},
	"aws_neptune_cluster": {"path": ["backup_retention_period"], "fallback": 1, "zero_disables": true},
	"aws_redshift_cluster": {"path": ["automated_snapshot_retention_period"], "fallback": 1, "zero_disables": true},
}

types := {type | some type, _ in day_settings} | {"azurerm_cosmosdb_account", "google_sql_database_instance"}

minimums := data.profile.resilience.backupRetentionDays

evaluated contains {"resource": r, "environment": env, "min": minimums[env]} if {
	some r in res.in_environments(types, {env | some env, _ in minimums})
	env := res.environment(r)
	not res.exempt(r)
	not data_warehouse(r)
}

# Data warehouse SKUs keep fixed 7-day restore points without a short-term retention policy.
data_warehouse(r) if {
	r.type == "azurerm_mssql_database"
	startswith(res.text(object.get(r.attributes, "sku_name", "")), "dw")
}

applies contains entry.resource.id if some entry in evaluated

# The retention: {"state": "unknown" | "disabled" | "kept", "path", "days", "text", "is_default"}.
retention(r) := days_retention(res.setting(r, spec.path, spec.fallback), spec.zero_disables) if spec := day_settings[r.type]

retention(r) := cosmos_retention(r) if r.type == "azurerm_cosmosdb_account"

retention(r) := cloud_sql_retention(r) if r.type == "google_sql_database_instance"

days_retention(s, zero_disables) := {"state": "unknown", "path": s.path} if {
	s.state == "unknown"
} else := {"state": "disabled", "path": s.path} if {
	zero_disables
	res.number(s.value) == 0
} else := kept(s.path, res.number(s.value), days_text(res.number(s.value)), s.state == "default")

kept(path, days, text, is_default) := {"state": "kept", "path": path, "days": days, "text": text, "is_default": is_default}

days_text(1) := "1 day"

days_text(days) := sprintf("%v days", [days]) if days != 1

cosmos_type := ["backup", 0, "type"]

cosmos_retention(r) := {"state": "unknown", "path": cosmos_type} if {
	res.setting(r, cosmos_type, "Periodic").state == "unknown"
} else := continuous_retention(res.setting(r, ["backup", 0, "tier"], "Continuous30Days")) if {
	res.text(res.setting(r, cosmos_type, "Periodic").value) == "continuous"
} else := periodic_retention(res.setting(r, ["backup", 0, "retention_in_hours"], 8))

continuous_retention(tier) := {"state": "unknown", "path": tier.path} if {
	tier.state == "unknown"
} else := kept(tier.path, 7, "7 days (continuous backup, tier Continuous7Days)", false) if {
	res.text(tier.value) == "continuous7days"
} else := kept(tier.path, 30, "30 days (continuous backup, the longest Cosmos DB keeps)", false)

periodic_retention(hours) := {"state": "unknown", "path": hours.path} if {
	hours.state == "unknown"
} else := kept(hours.path, res.number(hours.value) / 24, sprintf("%d hours", [res.number(hours.value)]), hours.state == "default")

cloud_sql_retention(r) := {"state": "unknown", "path": enabled.path} if {
	enabled := res.setting(r, res.sql_backup_path("enabled"), false)
	enabled.state == "unknown"
} else := {"state": "disabled", "path": res.sql_backup_path("enabled")} if {
	res.boolean(res.setting(r, res.sql_backup_path("enabled"), false).value) == false
} else := days_retention(res.setting(r, array.concat(res.sql_backup, ["backup_retention_settings", 0, "retained_backups"]), 7), false)

attribute(path) := concat(".", [segment | some segment in path; is_string(segment)])

deny contains finding if {
	some entry in evaluated
	result := retention(entry.resource)
	result.state == "kept"
	result.days < entry.min
	finding := {
		"resource": entry.resource.id,
		"path": result.path,
		"message": message(result),
		"data": {
			"kind": resource_kinds.kind(entry.resource.type),
			"environment": entry.environment,
			"retention": result.text,
			"min": entry.min,
			"attribute": attribute(result.path),
		},
	}
}

message(result) := "default" if result.is_default

else := "too_short"

deny contains finding if {
	some entry in evaluated
	disabled := retention(entry.resource)
	disabled.state == "disabled"
	finding := {
		"resource": entry.resource.id,
		"path": disabled.path,
		"message": "disabled",
		"data": {"kind": resource_kinds.kind(entry.resource.type), "environment": entry.environment, "min": entry.min},
	}
}

unknown contains {"resource": entry.resource.id, "path": result.path} if {
	some entry in evaluated
	result := retention(entry.resource)
	result.state == "unknown"
}
