package evident.rules.residency.data_residency_test

import data.evident.rules.residency.data_residency as rule
import rego.v1

profile := {
	"zones": {"label": "zone", "dataTypes": ["azurerm_storage_account", "azurerm_postgresql_flexible_server", "azurerm_cosmosdb_account", "aws_s3_bucket", "aws_dynamodb_table", "google_sql_database_instance"]},
	"residency": {
		"dataJurisdiction": {"EU": ["westeurope", "northeurope", "francecentral", "francesouth", "eu-west-1", "europe-west4", "italynorth"]},
		"pairedLocations": {"westeurope": "northeurope", "uksouth": "ukwest", "francecentral": "francesouth"},
	},
}

deployments := {"westeu-prod-1": {"jurisdiction": "EU"}, "eastus-prod-1": {"jurisdiction": "US"}}

resource(type, name, deployment, attributes, references, meta) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": deployment, "meta": object.union({"root": "."}, meta), "attributes": attributes, "references": references,
}

storage(location, replication) := resource("azurerm_storage_account", "st", "westeu-prod-1", {"name": "st", "location": location, "account_replication_type": replication}, {}, {})

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources}
		with data.profile as profile
		with data.deployments as deployments
}

test_eu_store_with_eu_pair_allowed if {
	result := run([storage("West Europe", "GRS")])
	count(result.deny) == 0
	result.applies == {"st"}
}

test_store_outside_the_eu_denied if {
	run([storage("UK South", "LRS")]).deny == {{
		"resource": "st", "path": ["location"], "message": "store",
		"data": {"name": "st", "jurisdiction": "EU", "location": "UK South"},
	}}
}

test_geo_pair_outside_the_eu_denied if {
	result := run([resource("azurerm_postgresql_flexible_server", "psql", "westeu-prod-1", {"name": "psql", "location": "uksouth", "geo_redundant_backup_enabled": true}, {}, {})])
	{f.message | some f in result.deny} == {"store", "geo_pair"}
	some f in result.deny
	f.message == "geo_pair"
	f.data.pair == "ukwest"
}

test_unknown_pair_is_unknown if {
	result := run([storage("italynorth", "RAGRS")])
	count(result.deny) == 0
	some item in result.unknown
	item.path == ["account_replication_type"]
}

test_cosmos_replica_outside_the_eu_denied if {
	cosmos := resource("azurerm_cosmosdb_account", "c", "westeu-prod-1", {"name": "c", "location": "westeurope", "geo_location": [{"location": "westeurope"}, {"location": "eastus"}]}, {}, {})
	{f.path | some f in run([cosmos]).deny} == {["geo_location", 1, "location"]}
}

test_aws_replicas_and_replication if {
	table := resource("aws_dynamodb_table", "t", "westeu-prod-1", {"name": "t", "replica": [{"region_name": "us-east-1"}]}, {}, {"region": "eu-west-1"})
	{f.message | some f in run([table]).deny} == {"replica"}
	dst := resource("aws_s3_bucket", "dst", "westeu-prod-1", {"bucket": "dst"}, {}, {"region": "us-west-2"})
	src := resource("aws_s3_bucket", "src", "westeu-prod-1", {"bucket": "src"}, {}, {"region": "eu-west-1"})
	replication := resource("aws_s3_bucket_replication_configuration", "rep", "westeu-prod-1", {"rule": [{"destination": [{"bucket": {"__unknown__": "x"}}]}]}, {"rule[0].destination[0].bucket": ["aws_s3_bucket.dst"]}, {"region": "eu-west-1"})
	{[f.resource, f.message] | some f in run([dst, src, replication]).deny} == {["dst", "store"], ["rep", "replica"]}
}

test_cloud_sql_backup_location if {
	sql := resource("google_sql_database_instance", "sql", "westeu-prod-1", {"name": "sql", "region": "europe-west4", "settings": [{"backup_configuration": [{"location": "us"}]}]}, {}, {})
	{f.message | some f in run([sql]).deny} == {"backup"}
}

test_jurisdictions_without_rules_not_checked if {
	us := resource("azurerm_storage_account", "st", "eastus-prod-1", {"name": "st", "location": "eastus"}, {}, {})
	count(run([us]).applies) == 0
}

test_unknown_location_is_unknown if {
	count(run([storage({"__unknown__": "x"}, "LRS")]).unknown) == 1
}

test_profile_jurisdiction_decides if {
	count(rule.deny) == 1 with input as {"resources": [storage("West Europe", "LRS")]}
		with data.profile as object.union(profile, {"residency": {"dataJurisdiction": {"EU": ["northeurope"]}}})
		with data.deployments as deployments
}
