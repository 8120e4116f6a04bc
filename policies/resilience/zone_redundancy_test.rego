package evident.rules.resilience.zone_redundancy_test

import data.evident.rules.resilience.zone_redundancy as rule
import rego.v1

profile := {"resilience": {"zoneRedundantEnvironments": ["prod"]}}

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

instance(id, cluster) := object.union(
	res(id, "aws_rds_cluster_instance", {"cluster_identifier": {"__unknown__": "id"}}),
	{"address": concat("", ["aws_rds_cluster_instance.", id]), "references": {"cluster_identifier": [concat("", ["aws_rds_cluster.", cluster])]}},
)

test_zone_redundant_resources_allowed if {
	count(findings([res("p", "azurerm_postgresql_flexible_server", {"high_availability": [{"mode": "ZoneRedundant"}]})])) == 0
	count(findings([res("r", "azurerm_redis_cache", {"zones": ["1", "2", "3"]})])) == 0
	count(findings([res("c", "azurerm_cosmosdb_account", {"geo_location": [{"zone_redundant": true}, {"zone_redundant": true}]})])) == 0
	count(findings([res("d", "aws_db_instance", {"multi_az": true})])) == 0
	count(findings([res("e", "aws_elasticache_replication_group", {"multi_az_enabled": "true"})])) == 0
	count(findings([res("g", "google_sql_database_instance", {"settings": [{"availability_type": "REGIONAL"}]})])) == 0
	count(findings([res("m", "google_redis_instance", {"tier": "STANDARD_HA"})])) == 0
	count(findings([res("x", "aws_rds_cluster", {"engine": "postgres", "db_cluster_instance_class": "db.m6gd.large"})])) == 0
}

test_same_zone_high_availability_denied if {
	findings([res("p", "azurerm_postgresql_flexible_server", {"high_availability": [{"mode": "SameZone"}]})]) == {{
		"resource": "p",
		"path": ["high_availability", 0, "mode"],
		"message": "not_redundant",
		"data": {"kind": "PostgreSQL flexible server", "environment": "prod", "attribute": "high_availability.mode", "value": "SameZone", "wanted": "ZoneRedundant"},
	}}
}

test_defaults_denied if {
	some ha in findings([res("p", "azurerm_mysql_flexible_server", {})])
	ha.data.value == "not set"
	some redis in findings([res("r", "azurerm_redis_cache", {"zones": ["1"]})])
	redis.data.wanted == "at least two zones"
	some multi_az in findings([res("d", "aws_db_instance", {})])
	multi_az.data.value == "not set (default false)"
	some cloud_sql in findings([res("g", "google_sql_database_instance", {"settings": [{}]})])
	cloud_sql.data.value == "not set (default ZONAL)"
}

test_cosmos_checks_every_location if {
	result := findings([res("c", "azurerm_cosmosdb_account", {"geo_location": [{"zone_redundant": true}, {"location": "northeurope"}]})])
	[finding.path | some finding in result] == [["geo_location", 1, "zone_redundant"]]
}

test_aurora_needs_two_instances if {
	cluster := res("main", "aws_rds_cluster", {"engine": "aurora-postgresql"})
	findings([cluster, instance("a", "main")]) == {{
		"resource": "main",
		"path": [],
		"message": "single_instance",
		"data": {"kind": "RDS cluster", "environment": "prod", "instances": 1},
	}}
	count(findings([cluster, instance("a", "main"), instance("b", "main")])) == 0
}

test_unknown_values_are_unknown if {
	count(findings([res("d", "aws_db_instance", {"multi_az": {"__unknown__": "var.multi_az"}})])) == 0
	unknowns([res("d", "aws_db_instance", {"multi_az": {"__unknown__": "var.multi_az"}})]) == {{"resource": "d", "path": ["multi_az"]}}
	cluster := res("main", "aws_rds_cluster", {"engine": "aurora-mysql"})
	counted := object.union(instance("a", "main"), {"address": "aws_rds_cluster_instance.a[*]"})
	unknowns([cluster, counted]) == {{"resource": "main", "path": []}}
}

test_not_evaluated if {
	pooled := res("s", "azurerm_mssql_database", {"elastic_pool_id": "pool"})
	count(rule.applies) == 0 with input as {"resources": [pooled]} with data.profile as profile with data.deployments as deployments
	replica := res("d", "aws_db_instance", {"replicate_source_db": "main"})
	count(rule.applies) == 0 with input as {"resources": [replica]} with data.profile as profile with data.deployments as deployments
	dev := object.union(res("d", "aws_db_instance", {}), {"deployment": "westeu-dev-1"})
	count(rule.applies) == 0 with input as {"resources": [dev]} with data.profile as profile with data.deployments as deployments
}

test_profile_decides if {
	dev := object.union(res("d", "aws_db_instance", {}), {"deployment": "westeu-dev-1"})
	count(rule.deny) == 1 with input as {"resources": [dev]} with data.profile as {"resilience": {"zoneRedundantEnvironments": ["dev"]}} with data.deployments as deployments
}
