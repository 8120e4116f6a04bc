package evident.rules.network.public_data_test

import data.evident.rules.network.public_data as rule
import rego.v1

profile := {
	"zones": {
		"label": "zone",
		"dataTypes": ["azurerm_postgresql_flexible_server", "azurerm_storage_account", "azurerm_key_vault", "aws_db_instance", "aws_redshift_cluster", "aws_s3_bucket", "google_sql_database_instance", "google_storage_bucket"],
	},
	"cidr": {"subnets": {"db": {"number": 2, "zone": "data", "descriptors": ["db"]}, "apps": {"number": 1, "zone": "app", "descriptors": ["apps"]}}},
}

resource(type, name, attributes, references) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": "westeu-prod-1", "meta": {"root": "."}, "attributes": attributes, "references": references,
}

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources} with data.profile as profile
}

messages(resources) := {f.message | some f in run(resources).deny}

private_storage := {"name": "st", "public_network_access_enabled": false, "allow_nested_items_to_be_public": false}

test_private_services_allowed if {
	result := run([
		resource("azurerm_storage_account", "st", private_storage, {}),
		resource("azurerm_postgresql_flexible_server", "psql", {"name": "psql", "delegated_subnet_id": {"__unknown__": "x"}}, {}),
		resource("azurerm_key_vault", "kv", {"name": "kv", "network_acls": [{"default_action": "Deny"}]}, {}),
	])
	count(result.deny) == 0
	result.applies == {"st", "psql", "kv"}
}

test_public_network_access_explicit_and_default_denied if {
	explicit := resource("azurerm_storage_account", "st", object.union(private_storage, {"public_network_access_enabled": true}), {})
	run([explicit]).deny == {{"resource": "st", "path": ["public_network_access_enabled"], "message": "public_network", "data": {"name": "st", "type": "azurerm_storage_account"}}}
	messages([resource("azurerm_key_vault", "kv", {"name": "kv"}, {})]) == {"public_network_default"}
}

test_mysql_public_network_access_string if {
	mysql := resource("azurerm_mysql_flexible_server", "m", {"name": "m", "public_network_access": "Enabled", "tags": {"zone": "data"}}, {})
	messages([mysql]) == {"public_network"}
}

test_resources_tagged_outside_the_data_zone_not_checked if {
	site := resource("azurerm_storage_account", "web", {"name": "web", "tags": {"zone": "dmz"}}, {})
	count(run([site]).applies) == 0
}

test_nested_public_default_denied if {
	messages([resource("azurerm_storage_account", "st", {"name": "st", "public_network_access_enabled": false}, {})]) == {"public_blobs"}
}

test_open_database_firewall_rule_denied if {
	server := resource("azurerm_postgresql_flexible_server", "psql", {"name": "psql", "public_network_access_enabled": false}, {})
	open := resource("azurerm_postgresql_flexible_server_firewall_rule", "all", {"name": "all", "start_ip_address": "0.0.0.0", "end_ip_address": "255.255.255.255"}, {"server_id": ["azurerm_postgresql_flexible_server.psql"]})
	azure := resource("azurerm_postgresql_flexible_server_firewall_rule", "azure", {"name": "azure", "start_ip_address": "0.0.0.0", "end_ip_address": "0.0.0.0"}, {"server_id": ["azurerm_postgresql_flexible_server.psql"]})
	run([server, open, azure]).deny == {{"resource": "all", "path": ["end_ip_address"], "message": "firewall_open", "data": {"rule": "all", "server": "psql"}}}
}

test_nic_in_data_subnet_with_public_ip_denied if {
	subnet := resource("azurerm_subnet", "db", {"name": "snet-cf-westeu-prod-1-db"}, {})
	nic := resource("azurerm_network_interface", "nic", {"name": "nic", "ip_configuration": [{"public_ip_address_id": {"__unknown__": "x"}}]}, {"ip_configuration[0].subnet_id": ["azurerm_subnet.db"]})
	some finding in run([subnet, nic]).deny
	finding.path == ["ip_configuration", 0, "public_ip_address_id"]
}

test_aws_public_databases if {
	messages([resource("aws_db_instance", "db", {"publicly_accessible": true}, {})]) == {"publicly_accessible"}
	count(run([resource("aws_db_instance", "db", {}, {})]).deny) == 0
	messages([resource("aws_redshift_cluster", "dw", {}, {})]) == {"publicly_accessible"}
}

test_s3_bucket_needs_a_full_public_access_block if {
	bucket := resource("aws_s3_bucket", "b", {"bucket": "cf-data"}, {})
	messages([bucket]) == {"no_public_access_block"}
	partial := resource("aws_s3_bucket_public_access_block", "pab", {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true}, {"bucket": ["aws_s3_bucket.b"]})
	run([bucket, partial]).deny == {{"resource": "pab", "path": ["restrict_public_buckets"], "message": "public_access_block_off", "data": {"bucket": "aws_s3_bucket.b", "setting": "restrict_public_buckets"}}}
	account := resource("aws_s3_account_public_access_block", "acct", {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}, {})
	count(run([bucket, account]).deny) == 0
}

test_cloud_sql_public_ip_and_open_network if {
	default_ip := resource("google_sql_database_instance", "sql", {"name": "sql", "settings": [{"tier": "db-custom-2-7680"}]}, {})
	messages([default_ip]) == {"public_ip"}
	open := resource("google_sql_database_instance", "sql", {"name": "sql", "settings": [{"ip_configuration": [{"ipv4_enabled": true, "authorized_networks": [{"value": "0.0.0.0/0"}]}]}]}, {})
	messages([open]) == {"public_ip", "authorized_internet"}
	private := resource("google_sql_database_instance", "sql", {"name": "sql", "settings": [{"ip_configuration": [{"ipv4_enabled": false, "private_network": "x"}]}]}, {})
	count(run([private]).deny) == 0
}

test_bucket_granted_to_all_users_denied if {
	bucket := resource("google_storage_bucket", "gcs", {"name": "cf-data"}, {})
	grant := resource("google_storage_bucket_iam_member", "pub", {"bucket": "cf-data", "role": "roles/storage.objectViewer", "member": "allUsers"}, {})
	messages([bucket, grant]) == {"public_grant"}
}

test_unknown_access_is_unknown if {
	result := run([resource("azurerm_storage_account", "st", object.union(private_storage, {"public_network_access_enabled": {"__unknown__": "x"}}), {})])
	count(result.deny) == 0
	result.unknown == {{"resource": "st", "path": ["public_network_access_enabled"]}}
}

test_profile_data_types_decide if {
	count(rule.deny) == 0 with input as {"resources": [resource("azurerm_key_vault", "kv", {"name": "kv"}, {})]}
		with data.profile as object.union(profile, {"zones": {"dataTypes": []}})
}
