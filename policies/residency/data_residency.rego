# METADATA
# title: Data leaves the deployment's jurisdiction
# description: >-
#   Deployments of a jurisdiction with residency rules (EU deployments, and the global deployments in West
#   Europe) keep their data inside it: GDPR. Checked are the location of every data store (zones.dataTypes or
#   `zone = data`), the paired region that geo-redundant storage (GRS, RA-GRS, GZRS, RA-GZRS) and geo-redundant
#   database backups replicate to (residency.pairedLocations), replicas (Cosmos DB geo_location, Redis linked
#   caches, DynamoDB replicas, S3 replication destinations, Cloud Storage placements) and backup locations
#   (Cloud SQL backup_configuration, RDS automated backup replication).
# custom:
#   id: EVD-RES-003
#   severity: critical
#   category: residency
#   remediation: Keep data stores, replicas and backups in the jurisdiction's locations; choose a region whose geo-redundancy pair is inside it, or zone-redundant storage.
#   parameters: [residency.dataJurisdiction, residency.pairedLocations, deployments.regions, zones.dataTypes, zones.label]
#   messages:
#     store: "{{name}} keeps data in {{location}}, outside the {{jurisdiction}}"
#     geo_pair: "{{name}} replicates to {{pair}}, the geo-redundancy pair of {{location}}, outside the {{jurisdiction}}"
#     replica: "{{name}} has a replica in {{location}}, outside the {{jurisdiction}}"
#     backup: "{{name}} keeps backups in {{location}}, outside the {{jurisdiction}}"
package evident.rules.residency.data_residency

import data.evident.lib.firewall as fw
import data.evident.lib.residency
import data.evident.lib.terraform as tf
import data.evident.lib.values
import data.evident.lib.zones
import rego.v1

jurisdiction(r) := data.deployments[r.deployment].jurisdiction

# Locations data of the resource's deployment may live in; undefined where the jurisdiction has no rule.
allowed(r) := allowed_by_jurisdiction[jurisdiction(r)]

allowed_by_jurisdiction := {j: {residency.normalise(l) | some l in locations} | some j, locations in data.profile.residency.dataJurisdiction}

governed(r) if allowed(r)

outside(r, location) if {
	is_string(location)
	not residency.normalise(location) in allowed(r)
}

name(r) := r.attributes.name if is_string(r.attributes.name)

else := r.attributes.bucket if is_string(r.attributes.bucket)

else := r.address

result(r, path, message, extra) := {
	"resource": r.id,
	"path": path,
	"message": message,
	"data": object.union({"name": name(r), "jurisdiction": jurisdiction(r)}, extra),
}

# Resources that are replicas or backups themselves, placed by their provider region.
copy_types := {"aws_dynamodb_table_replica": "replica", "aws_db_instance_automated_backups_replication": "backup"}

stores := [entry |
	some entry in residency.located
	governed(entry.resource)
	zones.in_data_zone(entry.resource)
]

copies := [entry |
	some entry in residency.located
	governed(entry.resource)
	copy_types[entry.resource.type]
]

applies contains entry.resource.id if some entry in array.concat(stores, copies)

applies contains r.id if some r in replication_sources

deny contains result(entry.resource, entry.path, "store", {"location": entry.value}) if {
	some entry in stores
	outside(entry.resource, entry.value)
}

deny contains result(entry.resource, entry.path, copy_types[entry.resource.type], {"location": entry.value}) if {
	some entry in copies
	outside(entry.resource, entry.value)
}

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in array.concat(stores, copies)
	values.is_unknown(entry.value)
}

# --- geo-redundancy pairs ---------------------------------------------------------------------------

geo_replication := {"GRS", "RAGRS", "GZRS", "RAGZRS"}

geo_redundant contains {"entry": entry, "path": ["account_replication_type"]} if {
	some entry in stores
	entry.resource.type == "azurerm_storage_account"
	is_string(entry.resource.attributes.account_replication_type)
	upper(entry.resource.attributes.account_replication_type) in geo_replication
}

geo_redundant contains {"entry": entry, "path": ["geo_redundant_backup_enabled"]} if {
	some entry in stores
	entry.resource.type in {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}
	entry.resource.attributes.geo_redundant_backup_enabled == true
}

deny contains result(g.entry.resource, g.path, "geo_pair", {"pair": pair, "location": g.entry.value}) if {
	some g in geo_redundant
	is_string(g.entry.value)
	pair := data.profile.residency.pairedLocations[residency.normalise(g.entry.value)]
	outside(g.entry.resource, pair)
}

unknown contains {"resource": g.entry.resource.id, "path": g.path, "reason": reason} if {
	some g in geo_redundant
	is_string(g.entry.value)
	not data.profile.residency.pairedLocations[residency.normalise(g.entry.value)]
	reason := sprintf("residency.pairedLocations has no geo-redundancy pair for %s", [g.entry.value])
}

unknown contains {"resource": r.id, "path": [attribute]} if {
	some entry in stores
	r := entry.resource
	some attribute in ["account_replication_type", "geo_redundant_backup_enabled"]
	values.is_unknown(r.attributes[attribute])
}

# --- replicas and backups named by the data store -----------------------------------------------------

# {"resource", "path", "kind", "value"} for every replica or backup location a data store states.
stated contains {"resource": entry.resource, "path": ["geo_location", k, "location"], "kind": "replica", "value": block.location} if {
	some entry in stores
	entry.resource.type == "azurerm_cosmosdb_account"
	some k, block in object.get(entry.resource.attributes, "geo_location", [])
}

stated contains {"resource": entry.resource, "path": ["replica", k, "region_name"], "kind": "replica", "value": block.region_name} if {
	some entry in stores
	entry.resource.type == "aws_dynamodb_table"
	some k, block in object.get(entry.resource.attributes, "replica", [])
}

stated contains {"resource": entry.resource, "path": path, "kind": "backup", "value": value} if {
	some entry in stores
	entry.resource.type == "google_sql_database_instance"
	path := ["settings", 0, "backup_configuration", 0, "location"]
	value := object.get(entry.resource.attributes, path, null)
	value != null
}

stated contains {"resource": entry.resource, "path": ["custom_placement_config", 0, "data_locations", k], "kind": "replica", "value": value} if {
	some entry in stores
	entry.resource.type == "google_storage_bucket"
	some k, value in object.get(entry.resource.attributes, ["custom_placement_config", 0, "data_locations"], [])
}

stated contains {"resource": r, "path": ["linked_redis_cache_location"], "kind": "replica", "value": r.attributes.linked_redis_cache_location} if {
	some r in tf.of_type("azurerm_redis_linked_server")
	governed(r)
	r.attributes.linked_redis_cache_location != null
}

applies contains item.resource.id if some item in stated

deny contains result(item.resource, item.path, item.kind, {"location": item.value}) if {
	some item in stated
	outside(item.resource, item.value)
}

unknown contains {"resource": item.resource.id, "path": item.path} if {
	some item in stated
	values.is_unknown(item.value)
}

# --- S3 replication: the destination bucket's region ----------------------------------------------------

replication_sources := [r | some r in tf.of_type("aws_s3_bucket_replication_configuration"); governed(r)]

s3_bucket_index := fw.by_scope(tf.of_type("aws_s3_bucket"))

destination_key(k) := concat("", ["rule[", format_int(k, 10), "].destination[0].bucket"])

deny contains result(r, path, "replica", {"location": destination.value}) if {
	some r in replication_sources
	some k, _ in object.get(r.attributes, "rule", [])
	path := ["rule", k, "destination", 0, "bucket"]
	some bucket in fw.referenced_in(r, destination_key(k), s3_bucket_index)
	destination := residency.placed(bucket)
	outside(r, destination.value)
}

unknown contains {"resource": r.id, "path": path, "reason": "the destination bucket is not managed in the scanned configuration"} if {
	some r in replication_sources
	some k, _ in object.get(r.attributes, "rule", [])
	path := ["rule", k, "destination", 0, "bucket"]
	count(fw.referenced_in(r, destination_key(k), s3_bucket_index)) == 0
}
