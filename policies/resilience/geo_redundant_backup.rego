# METADATA
# title: Database backups are not geo-redundant
# description: >-
#   The DR requirements for production ask for geo-redundant backups, so that a regional outage does not take the
#   backups with it (`resilience.geoRedundantEnvironments`). Checked: Azure PostgreSQL / MySQL flexible and single
#   servers (`geo_redundant_backup_enabled`, default false, chosen at creation), SQL databases (backup
#   `storage_account_type` Geo or GeoZone, the default Geo; data warehouses also `geo_backup_enabled`), SQL managed
#   instances (`storage_account_type` GRS or GZRS, the default GRS), Cosmos DB (periodic backup `storage_redundancy`
#   Geo, the default; continuous backup is stored only in the account's regions, so it needs a second geo_location);
#   AWS RDS instances (an aws_db_instance_automated_backups_replication naming the instance, or an AWS Backup
#   selection whose plan has a copy_action) and clusters (membership of a global cluster, or an AWS Backup copy);
#   Cloud SQL (backups enabled and `backup_configuration.location` unset or a multi-region: eu, us, asia). Aurora
#   instances and read replicas are not evaluated, nor resources whose environment is unknown.
# custom:
#   id: EVD-RSL-002
#   severity: high
#   category: resilience
#   remediation: >-
#     Enable geo-redundant backups (the attribute named in the finding; Azure flexible servers only at creation), or
#     replicate automated backups to a second region (AWS automated backups replication, AWS Backup copy actions).
#   parameters: [resilience.geoRedundantEnvironments]
#   messages:
#     flag_off: '{{kind}} in {{environment}} does not keep geo-redundant backups: {{attribute}} is {{value}}'
#     local_storage: '{{kind}} in {{environment}} stores its backups in {{value}} storage; geo-redundant backups need {{allowed}}'
#     single_region: '{{kind}} in {{environment}} uses continuous backup in a single region, so its backups never leave that region'
#     no_copy: '{{kind}} in {{environment}} has no cross-region copy of its automated backups: {{remedy}}'
#     no_backups: '{{kind}} in {{environment}} has automated backups disabled, so no backup survives a regional outage'
#     region_location: '{{kind}} in {{environment}} stores its backups in the single region {{value}}; use a multi-region location (eu, us, asia) or leave it unset'
package evident.rules.resilience.geo_redundant_backup

import data.evident.lib.links
import data.evident.lib.resilience as res
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import rego.v1

flag_types := {
	"azurerm_postgresql_flexible_server",
	"azurerm_mysql_flexible_server",
	"azurerm_postgresql_server",
	"azurerm_mysql_server",
	"azurerm_mariadb_server",
}

types := flag_types | {
	"azurerm_mssql_database",
	"azurerm_mssql_managed_instance",
	"azurerm_cosmosdb_account",
	"aws_db_instance",
	"aws_rds_cluster",
	"google_sql_database_instance",
}

evaluated contains r if {
	some r in res.in_environments(types, data.profile.resilience.geoRedundantEnvironments)
	not res.exempt(r)
}

applies contains r.id if some r in evaluated

# What is wrong with one resource: {"state": "ok" | "unknown" | <message id>, "path", "data"}.
check(r) := flag(res.setting(r, ["geo_redundant_backup_enabled"], false)) if flag_types[r.type]

check(r) := mssql_database(r) if r.type == "azurerm_mssql_database"

check(r) := storage(res.setting(r, ["storage_account_type"], "GRS"), {"grs", "gzrs"}, "GRS or GZRS") if {
	r.type == "azurerm_mssql_managed_instance"
}

check(r) := cosmos(r) if r.type == "azurerm_cosmosdb_account"

check(r) := rds_instance(r) if r.type == "aws_db_instance"

check(r) := rds_cluster(r) if r.type == "aws_rds_cluster"

check(r) := cloud_sql(r) if r.type == "google_sql_database_instance"

unknown_at(path) := {"state": "unknown", "path": path}

ok := {"state": "ok"}

flag(s) := unknown_at(s.path) if {
	s.state == "unknown"
} else := ok if {
	res.boolean(s.value) == true
} else := {"state": "flag_off", "path": s.path, "data": {"attribute": attribute(s.path), "value": shown(s)}}

storage(s, allowed, allowed_text) := unknown_at(s.path) if {
	s.state == "unknown"
} else := ok if {
	res.text(s.value) in allowed
} else := {"state": "local_storage", "path": s.path, "data": {"value": shown(s), "allowed": allowed_text}}

mssql_database(r) := storage(res.setting(r, ["storage_account_type"], "Geo"), {"geo", "geozone"}, "Geo or GeoZone") if {
	not startswith(res.text(object.get(r.attributes, "sku_name", "")), "dw")
} else := flag(res.setting(r, ["geo_backup_enabled"], true))

cosmos_type := ["backup", 0, "type"]

cosmos(r) := unknown_at(cosmos_type) if {
	res.setting(r, cosmos_type, "Periodic").state == "unknown"
} else := continuous(r) if {
	res.text(res.setting(r, cosmos_type, "Periodic").value) == "continuous"
} else := storage(res.setting(r, ["backup", 0, "storage_redundancy"], "Geo"), {"geo"}, "Geo")

continuous(r) := unknown_at(["geo_location"]) if {
	res.setting(r, ["geo_location"], []).state == "unknown"
} else := ok if {
	count(object.get(r.attributes, "geo_location", [])) >= 2
} else := {"state": "single_region", "path": cosmos_type, "data": {}}

rds_instance(r) := ok if {
	some replication in tf.of_type("aws_db_instance_automated_backups_replication")
	links.refers(replication, "source_db_instance_arn", r)
} else := ok if {
	backup_copy(r)
} else := unknown_at([]) if {
	some replication in tf.of_type("aws_db_instance_automated_backups_replication")
	links.same_scope(replication, r)
	links.unresolved(replication, "source_db_instance_arn", instance_keys)
} else := {"state": "no_copy", "path": [], "data": {"remedy": "add an aws_db_instance_automated_backups_replication for it, or an AWS Backup plan with a copy_action"}}

instance_keys := links.keys_of(tf.of_type("aws_db_instance"))

rds_cluster(r) := ok if {
	global := object.get(r.attributes, "global_cluster_identifier", null)
	global != null
	global != ""
} else := ok if {
	backup_copy(r)
} else := {"state": "no_copy", "path": ["global_cluster_identifier"], "data": {"remedy": "make it a member of a global cluster (global_cluster_identifier), or back it up with an AWS Backup plan that has a copy_action"}}

# An AWS Backup selection covers the database and its plan copies recovery points to another vault.
backup_copy(r) if {
	some selection in tf.of_type("aws_backup_selection")
	links.refers(selection, "resources", r)
	some plan in tf.of_type("aws_backup_plan")
	links.refers(selection, "plan_id", plan)
	some rule in object.get(plan.attributes, "rule", [])
	count(object.get(rule, "copy_action", [])) > 0
}

multi_regions := {"eu", "us", "asia"}

cloud_sql(r) := unknown_at(enabled.path) if {
	enabled := res.setting(r, res.sql_backup_path("enabled"), false)
	enabled.state == "unknown"
} else := {"state": "no_backups", "path": res.sql_backup_path("enabled"), "data": {}} if {
	res.boolean(res.setting(r, res.sql_backup_path("enabled"), false).value) == false
} else := location(res.setting(r, res.sql_backup_path("location"), null))

location(s) := unknown_at(s.path) if {
	s.state == "unknown"
} else := ok if {
	s.state == "default"
} else := ok if {
	res.text(s.value) in multi_regions
} else := {"state": "region_location", "path": s.path, "data": {"value": s.value}}

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
