# METADATA
# title: Database or cache is not zone-redundant
# description: >-
#   In the environments of `resilience.zoneRedundantEnvironments` (prod) databases and caches survive the loss of an
#   availability zone: the 99.9% availability commitment and the RTO of two to four hours leave no room for rebuilding a
#   server. Checked: Azure PostgreSQL / MySQL flexible servers (`high_availability.mode` ZoneRedundant), Redis
#   (`zones` with at least two zones; Premium), SQL databases outside elastic pools and elastic pools
#   (`zone_redundant`), SQL managed instances (`zone_redundant_enabled`), Cosmos DB (`zone_redundant` on every
#   geo_location); AWS RDS instances (`multi_az`), Aurora clusters (at least two aws_rds_cluster_instance; Multi-AZ
#   DB clusters are zone-redundant by design), ElastiCache replication groups (`multi_az_enabled`); Cloud SQL
#   (`availability_type` REGIONAL) and Memorystore Redis (`tier` STANDARD_HA). Every flag defaults to off. Aurora
#   instances, read replicas, Aurora Serverless v1 clusters and resources whose environment is unknown are not evaluated.
# custom:
#   id: EVD-RSL-003
#   severity: medium
#   category: resilience
#   remediation: Turn on zone redundancy with the attribute named in the finding (for Aurora, add a second instance); caches need a tier that supports availability zones.
#   parameters: [resilience.zoneRedundantEnvironments]
#   messages:
#     not_redundant: '{{kind}} in {{environment}} is not zone-redundant: {{attribute}} is {{value}}; it must be {{wanted}}'
#     single_instance: '{{kind}} in {{environment}} has {{instances}} instance(s); zone redundancy needs a second instance in another availability zone'
package evident.rules.resilience.zone_redundancy

import data.evident.lib.links
import data.evident.lib.resilience as res
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import rego.v1

# Types decided by one attribute: its path, the provider default, the values that count as redundant, the wanted value.
settings := {
	"azurerm_postgresql_flexible_server": {"path": ["high_availability", 0, "mode"], "fallback": null, "good": {"zoneredundant"}, "wanted": "ZoneRedundant"},
	"azurerm_mysql_flexible_server": {"path": ["high_availability", 0, "mode"], "fallback": null, "good": {"zoneredundant"}, "wanted": "ZoneRedundant"},
	"azurerm_mssql_database": {"path": ["zone_redundant"], "fallback": false, "good": {true}, "wanted": "true"},
	"azurerm_mssql_elasticpool": {"path": ["zone_redundant"], "fallback": false, "good": {true}, "wanted": "true"},
	"azurerm_mssql_managed_instance": {"path": ["zone_redundant_enabled"], "fallback": false, "good": {true}, "wanted": "true"},
	"aws_db_instance": {"path": ["multi_az"], "fallback": false, "good": {true}, "wanted": "true"},
	"aws_elasticache_replication_group": {"path": ["multi_az_enabled"], "fallback": false, "good": {true}, "wanted": "true"},
	"google_sql_database_instance": {"path": ["settings", 0, "availability_type"], "fallback": "ZONAL", "good": {"regional"}, "wanted": "REGIONAL"},
	"google_redis_instance": {"path": ["tier"], "fallback": "BASIC", "good": {"standard_ha"}, "wanted": "STANDARD_HA"},
}

types := {type | some type, _ in settings} | {"azurerm_redis_cache", "azurerm_cosmosdb_account", "aws_rds_cluster"}

evaluated contains r if {
	some r in res.in_environments(types, data.profile.resilience.zoneRedundantEnvironments)
	not res.exempt(r)
	not pooled(r)
	not serverless_v1(r)
}

# Databases in an elastic pool share the pool's zone redundancy.
pooled(r) if {
	r.type == "azurerm_mssql_database"
	object.get(r.attributes, "elastic_pool_id", null) != null
}

serverless_v1(r) if {
	r.type == "aws_rds_cluster"
	res.text(object.get(r.attributes, "engine_mode", "")) == "serverless"
}

applies contains r.id if some r in evaluated

# Problems of one resource: {"state": "unknown" | <message id>, "path", "data"}.
checks(r) := [attribute_check(res.setting(r, spec.path, spec.fallback), spec)] if spec := settings[r.type]

checks(r) := [redis(res.setting(r, ["zones"], []))] if r.type == "azurerm_redis_cache"

checks(r) := cosmos(r) if r.type == "azurerm_cosmosdb_account"

checks(r) := [aurora(r)] if r.type == "aws_rds_cluster"

ok := {"state": "ok"}

attribute_check(s, spec) := {"state": "unknown", "path": s.path} if {
	s.state == "unknown"
} else := ok if {
	normalised(s.value) in spec.good
} else := not_redundant(s, spec.wanted)

normalised(value) := flag if {
	flag := res.boolean(value)
} else := res.text(value)

not_redundant(s, wanted) := {
	"state": "not_redundant",
	"path": s.path,
	"data": {"attribute": attribute(s.path), "value": shown(s), "wanted": wanted},
}

redis(s) := {"state": "unknown", "path": s.path} if {
	s.state == "unknown"
} else := ok if {
	is_array(s.value)
	count(s.value) >= 2
} else := not_redundant(s, "at least two zones")

cosmos(r) := [{"state": "unknown", "path": ["geo_location"]}] if {
	res.setting(r, ["geo_location"], []).state == "unknown"
} else := [attribute_check(res.setting(r, ["geo_location", i, "zone_redundant"], false), flag_spec) |
	some i, _ in object.get(r.attributes, "geo_location", [])
]

flag_spec := {"good": {true}, "wanted": "true"}

# Aurora spreads a cluster over zones through its instances; Multi-AZ DB clusters (RDS engines) always use three zones.
aurora(r) := ok if {
	not startswith(res.text(object.get(r.attributes, "engine", "aurora")), "aurora")
} else := {"state": "unknown", "path": []} if {
	some instance in cluster_instances(r)
	contains(instance.address, "[*]")
} else := ok if {
	count(cluster_instances(r)) >= 2
} else := {"state": "single_instance", "path": [], "data": {"instances": count(cluster_instances(r))}}

cluster_instances(r) := [instance |
	some instance in tf.of_type("aws_rds_cluster_instance")
	links.refers(instance, "cluster_identifier", r)
]

shown(s) := sprintf("not set (default %v)", [s.value]) if {
	s.state == "default"
	not s.value in {null, []}
} else := "not set" if {
	s.state == "default"
} else := sprintf("%v", [s.value])

attribute(path) := concat(".", [segment | some segment in path; is_string(segment)])

deny contains finding if {
	some r in evaluated
	some result in checks(r)
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
	some result in checks(r)
	result.state == "unknown"
}
