# METADATA
# title: Data-zone resource is reachable from the internet
# description: >-
#   Databases, caches, storage and key vaults sit in the data zone (their type is one of zones.dataTypes, or
#   they carry `zone = data`) and accept no connection from the internet. Reported: Azure services whose
#   `public_network_access_enabled` is true or not set (the provider default is true; MySQL's
#   `public_network_access` is Enabled by default), unless the server is VNet-integrated or its firewall denies
#   by default; storage accounts that let containers be public (`allow_nested_items_to_be_public`, default true);
#   database firewall rules spanning 0.0.0.0–255.255.255.255; public IPs on data-zone NICs, VMs, subnets and
#   instances; RDS instances with `publicly_accessible = true`, Redshift clusters not set to false (default true
#   before AWS provider 6), OpenSearch domains outside a VPC; S3 buckets without a public access block (bucket or
#   account) or with one of its four settings off; Cloud SQL instances with a public IPv4 address (`ipv4_enabled`,
#   default true) or authorised network 0.0.0.0/0; buckets granted to allUsers or allAuthenticatedUsers.
# custom:
#   id: EVD-NET-004
#   severity: critical
#   category: network
#   remediation: Disable public network access and reach the service through a private endpoint or VNet integration; remove public IPs and public grants from data-zone resources.
#   parameters: [zones.dataTypes, zones.label, cidr.subnets]
#   messages:
#     public_network: "{{name}} ({{type}}) in the data zone allows public network access"
#     public_network_default: "{{name}} ({{type}}) in the data zone allows public network access: public_network_access_enabled is not set and defaults to true"
#     public_blobs: Storage account {{name}} in the data zone lets containers and blobs be made public
#     firewall_open: Firewall rule {{rule}} opens {{server}} to every internet address
#     public_ip: "{{name}} ({{type}}) in the data zone has a public IP address"
#     publicly_accessible: "{{name}} ({{type}}) in the data zone is publicly accessible"
#     public_endpoint: OpenSearch domain {{name}} in the data zone has a public endpoint (no vpc_options)
#     no_public_access_block: S3 bucket {{name}} in the data zone has no public access block
#     public_access_block_off: Public access block of {{bucket}} leaves {{setting}} off
#     authorized_internet: Cloud SQL instance {{name}} authorises {{network}}
#     public_grant: Bucket {{bucket}} in the data zone is granted to {{member}}
package evident.rules.network.public_data

import data.evident.lib.firewall as fw
import data.evident.lib.terraform as tf
import data.evident.lib.values
import data.evident.lib.zones
import rego.v1

# Resources that hold data although the profile lists their parent type (cluster instances, legacy domains).
child_data_types := {"aws_rds_cluster_instance", "aws_elasticsearch_domain"}

in_data_zone(r) if zones.in_data_zone(r)

in_data_zone(r) if {
	r.type in child_data_types
	not zones.tagged_zone(r)
}

in_data_zone(r) if {
	not zones.tagged_zone(r)
	some s in attached_subnets(r)
	zones.named_zone(s) == "data"
}

data_resources(types) := [r | some r in tf.of_types(types); in_data_zone(r)]

name(r) := r.attributes.name if is_string(r.attributes.name)

else := r.address

finding(r, path, message, extra) := {
	"resource": r.id,
	"path": path,
	"message": message,
	"data": object.union({"name": name(r), "type": r.type}, extra),
}

# --- Azure: public network access ----------------------------------------------------------------

azure_public_types := {
	"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_mssql_server",
	"azurerm_cosmosdb_account", "azurerm_redis_cache", "azurerm_storage_account", "azurerm_key_vault",
	"azurerm_container_registry", "azurerm_eventhub_namespace", "azurerm_servicebus_namespace",
}

azure_services := [r | some r in data_resources(azure_public_types); not private_network(r)]

# VNet-integrated servers and caches have no public endpoint.
private_network(r) if {
	r.type in {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}
	object.get(r.attributes, "delegated_subnet_id", null) != null
}

private_network(r) if {
	r.type == "azurerm_redis_cache"
	object.get(r.attributes, "subnet_id", null) != null
}

# A firewall that denies by default admits only the listed networks.
private_network(r) if {
	some block in ["network_rules", "network_acls", "network_rule_set"]
	action := object.get(tf.block(r, block), "default_action", "")
	is_string(action)
	lower(action) == "deny"
}

private_network(r) if {
	r.type == "azurerm_storage_account"
	some rules in storage_network_rules
	count(fw.referenced(rules, "storage_account_id", [r])) > 0
	is_string(rules.attributes.default_action)
	lower(rules.attributes.default_action) == "deny"
}

storage_network_rules := tf.of_type("azurerm_storage_account_network_rules")

# MySQL Flexible Server: public_network_access = "Enabled" | "Disabled" (4.x), else the boolean.
public_access(r) := {"value": r.attributes.public_network_access, "path": ["public_network_access"], "public": equals_enabled(r.attributes.public_network_access)} if {
	r.type == "azurerm_mysql_flexible_server"
	r.attributes.public_network_access != null
} else := {"value": r.attributes.public_network_access_enabled, "path": ["public_network_access_enabled"], "public": r.attributes.public_network_access_enabled} if {
	r.attributes.public_network_access_enabled != null
}

equals_enabled(value) := value if values.is_unknown(value)

else := lower(value) == "enabled" if is_string(value)

else := false

deny contains finding(r, access.path, "public_network", {}) if {
	some r in azure_services
	access := public_access(r)
	access.public == true
}

deny contains finding(r, ["public_network_access_enabled"], "public_network_default", {}) if {
	some r in azure_services
	not public_access(r)
}

unknown contains {"resource": r.id, "path": access.path} if {
	some r in azure_services
	access := public_access(r)
	values.is_unknown(access.public)
}

# allow_nested_items_to_be_public defaults to true; allow_blob_public_access is its 2.x name.
deny contains finding(r, [attribute], "public_blobs", {}) if {
	some r in data_resources({"azurerm_storage_account"})
	attribute := nested_public_attribute(r)
	object.get(r.attributes, attribute, true) == true
}

unknown contains {"resource": r.id, "path": [attribute]} if {
	some r in data_resources({"azurerm_storage_account"})
	attribute := nested_public_attribute(r)
	values.is_unknown(r.attributes[attribute])
}

nested_public_attribute(r) := "allow_blob_public_access" if "allow_blob_public_access" in object.keys(r.attributes)

else := "allow_nested_items_to_be_public"

# --- Azure: database firewall rules and public IPs ----------------------------------------------

firewall_rule_servers := {
	"azurerm_postgresql_flexible_server_firewall_rule": "server_id",
	"azurerm_mysql_flexible_server_firewall_rule": "server_name",
	"azurerm_mssql_firewall_rule": "server_id",
}

firewall_rules := tf.of_types({type | some type, _ in firewall_rule_servers})

deny contains {
	"resource": rule.id,
	"path": ["end_ip_address"],
	"message": "firewall_open",
	"data": {"rule": name(rule), "server": server_label(rule)},
} if {
	some rule in firewall_rules
	rule.attributes.start_ip_address == "0.0.0.0"
	rule.attributes.end_ip_address == "255.255.255.255"
	not outside_data_zone(servers_of(rule))
}

servers_of(rule) := fw.referenced_in(rule, firewall_rule_servers[rule.type], database_server_index)

database_server_index := fw.by_scope(tf.of_types({"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_mssql_server"}))

outside_data_zone(servers) if {
	count(servers) > 0
	every server in servers {
		not in_data_zone(server)
	}
}

server_label(rule) := name(servers_of(rule)[0]) if count(servers_of(rule)) > 0

else := "its server"

# A public IP resource placed in the data zone by its tag or name.
deny contains finding(r, [], "public_ip", {}) if {
	some r in tf.of_type("azurerm_public_ip")
	zoned_data(r)
}

deny contains finding(r, ["ip_configuration", i, "public_ip_address_id"], "public_ip", {}) if {
	some r in tf.of_type("azurerm_network_interface")
	in_data_zone(r)
	some i, config in object.get(r.attributes, "ip_configuration", [])
	object.get(config, "public_ip_address_id", null) != null
}

# Subnets a NIC, VM or instance sits in (their layout role gives the zone).
attached_subnets(r) := [s |
	some key, addresses in object.get(r, "references", {})
	regex.match(`(^|\.)subnet_id$|(^|\.)subnetwork$`, key)
	some s in subnet_index[fw.scope(r)]
	s.address in addresses
]

subnet_index := fw.by_scope(tf.of_types({"azurerm_subnet", "aws_subnet", "google_compute_subnetwork"}))

# --- AWS ------------------------------------------------------------------------------------------

deny contains finding(r, ["associate_public_ip_address"], "public_ip", {}) if {
	some r in tf.of_type("aws_instance")
	in_data_zone(r)
	r.attributes.associate_public_ip_address == true
}

deny contains finding(r, ["map_public_ip_on_launch"], "public_ip", {}) if {
	some r in tf.of_type("aws_subnet")
	zoned_data(r)
	r.attributes.map_public_ip_on_launch == true
}

# Subnets and public IPs: their zone tag, else the role their name gives.
zoned_data(r) if zones.tagged_zone(r) == "data"

zoned_data(r) if {
	not zones.tagged_zone(r)
	zones.named_zone(r) == "data"
}

deny contains finding(r, ["publicly_accessible"], "publicly_accessible", {}) if {
	some r in data_resources({"aws_db_instance", "aws_rds_cluster_instance"})
	r.attributes.publicly_accessible == true
}

deny contains finding(r, ["publicly_accessible"], "publicly_accessible", {}) if {
	some r in data_resources({"aws_redshift_cluster"})
	object.get(r.attributes, "publicly_accessible", true) == true
}

unknown contains {"resource": r.id, "path": ["publicly_accessible"]} if {
	some r in data_resources({"aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster"})
	values.is_unknown(r.attributes.publicly_accessible)
}

deny contains finding(r, ["vpc_options"], "public_endpoint", {"name": object.get(r.attributes, "domain_name", r.address)}) if {
	some r in data_resources({"aws_opensearch_domain", "aws_elasticsearch_domain"})
	count(object.get(r.attributes, "vpc_options", [])) == 0
}

buckets := data_resources({"aws_s3_bucket"})

access_blocks := tf.of_type("aws_s3_bucket_public_access_block")

block_settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

blocks_of(bucket) := [b |
	some b in access_block_index[fw.scope(bucket)]
	guards(b, bucket)
]

access_block_index := fw.by_scope(access_blocks)

guards(b, bucket) if count(fw.referenced(b, "bucket", [bucket])) > 0

guards(b, bucket) if {
	is_string(b.attributes.bucket)
	b.attributes.bucket == bucket.attributes.bucket
}

# An account-wide block with all four settings on covers every bucket of the account.
account_blocks := tf.of_type("aws_s3_account_public_access_block")

account_blocked(bucket) if {
	some b in account_blocks
	fw.scope(b) == fw.scope(bucket)
	every setting in block_settings {
		b.attributes[setting] == true
	}
}

deny contains finding(bucket, ["bucket"], "no_public_access_block", {"name": object.get(bucket.attributes, "bucket", bucket.address)}) if {
	some bucket in buckets
	count(blocks_of(bucket)) == 0
	not account_blocked(bucket)
}

deny contains {
	"resource": b.id,
	"path": [setting],
	"message": "public_access_block_off",
	"data": {"bucket": bucket.address, "setting": setting},
} if {
	some bucket in buckets
	not account_blocked(bucket)
	some b in blocks_of(bucket)
	some setting in block_settings
	object.get(b.attributes, setting, false) == false
}

unknown contains {"resource": b.id, "path": [setting]} if {
	some bucket in buckets
	some b in blocks_of(bucket)
	some setting in block_settings
	values.is_unknown(b.attributes[setting])
}

# --- Google ---------------------------------------------------------------------------------------

ipv4_path := ["settings", 0, "ip_configuration", 0, "ipv4_enabled"]

deny contains finding(r, ipv4_path, "public_ip", {}) if {
	some r in data_resources({"google_sql_database_instance"})
	object.get(r.attributes, ipv4_path, true) == true
}

unknown contains {"resource": r.id, "path": ipv4_path} if {
	some r in data_resources({"google_sql_database_instance"})
	values.is_unknown(object.get(r.attributes, ipv4_path, null))
}

deny contains finding(r, array.concat(ipv4_path_prefix, ["authorized_networks", k, "value"]), "authorized_internet", {"network": network.value}) if {
	some r in data_resources({"google_sql_database_instance"})
	some k, network in object.get(r.attributes, array.concat(ipv4_path_prefix, ["authorized_networks"]), [])
	fw.address_kind(network.value) == "internet"
}

ipv4_path_prefix := array.slice(ipv4_path, 0, 4)

deny contains finding(r, ["network_interface", i, "access_config"], "public_ip", {}) if {
	some r in tf.of_type("google_compute_instance")
	in_data_zone(r)
	some i, interface in object.get(r.attributes, "network_interface", [])
	count(object.get(interface, "access_config", [])) > 0
}

public_members := {"allUsers", "allAuthenticatedUsers"}

bucket_grant_index := fw.by_scope(tf.of_types({"google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"}))

deny contains {
	"resource": grant.id,
	"path": path,
	"message": "public_grant",
	"data": {"bucket": bucket.address, "member": member},
} if {
	some bucket in data_resources({"google_storage_bucket"})
	some grant in bucket_grant_index[fw.scope(bucket)]
	grants_on(grant, bucket)
	some item in array.concat(fw.items(grant.attributes, "member", []), fw.items(grant.attributes, "members", []))
	member := item.value
	member in public_members
	path := item.path
}

grants_on(grant, bucket) if count(fw.referenced(grant, "bucket", [bucket])) > 0

grants_on(grant, bucket) if {
	is_string(grant.attributes.bucket)
	grant.attributes.bucket == bucket.attributes.name
}

# --- population -------------------------------------------------------------------------------------

checked_types := azure_public_types | {
	"aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster", "aws_opensearch_domain",
	"aws_elasticsearch_domain", "aws_s3_bucket", "google_sql_database_instance", "google_storage_bucket",
	"azurerm_network_interface", "aws_instance", "google_compute_instance",
}

applies contains r.id if {
	some r in data_resources(checked_types)
}

applies contains r.id if {
	some r in tf.of_types({"aws_subnet", "azurerm_public_ip"})
	zoned_data(r)
}

applies contains rule.id if some rule in firewall_rules
