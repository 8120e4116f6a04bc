package evident.rules.encryption.customer_managed_key_test

import data.evident.rules.encryption.customer_managed_key as rule
import rego.v1

profile := {"encryption": {"customerManagedKeyEnvironments": ["prod"]}}

resource(id, type, attributes) := {
	"id": id,
	"address": sprintf("%s.%s", [type, id]),
	"source": "terraform",
	"type": type,
	"mode": "resource",
	"attributes": object.union({"tags": {"Environment": "prod"}}, attributes),
	"meta": {"root": "."},
}

with_resources(list) := {"resources": list}

unknown_value := {"__unknown__": "known after apply"}

test_customer_managed_keys_allowed if {
	resources := [
		resource("db", "aws_db_instance", {"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1"}),
		resource("psql", "azurerm_postgresql_flexible_server", {"customer_managed_key": [{"key_vault_key_id": "https://kv/keys/data"}]}),
		resource("sql", "google_sql_database_instance", {"encryption_key_name": "projects/p/locations/l/keyRings/r/cryptoKeys/k"}),
	]
	count(rule.deny) == 0 with input as with_resources(resources) with data.profile as profile
	count(rule.applies) == 3 with input as with_resources(resources) with data.profile as profile
}

test_key_reference_known_after_apply_counts_as_set if {
	secret := object.union(resource("s", "aws_secretsmanager_secret", {"kms_key_id": unknown_value}), {"references": {"kms_key_id": ["aws_kms_key.data"]}})
	count(rule.deny) == 0 with input as with_resources([secret]) with data.profile as profile
	count(rule.unknown) == 0 with input as with_resources([secret]) with data.profile as profile
}

test_unknown_key_without_reference_is_unknown if {
	secret := resource("s", "aws_secretsmanager_secret", {"kms_key_id": unknown_value})
	count(rule.deny) == 0 with input as with_resources([secret]) with data.profile as profile
	rule.unknown == {{"resource": "s", "path": ["kms_key_id"]}} with input as with_resources([secret]) with data.profile as profile
}

test_missing_key_denied_with_remedy if {
	rule.deny == {{
		"resource": "st",
		"path": [],
		"message": "missing",
		"data": {
			"kind": "Storage account",
			"environment": "prod",
			"attribute": "a customer_managed_key block (or an azurerm_storage_account_customer_managed_key)",
		},
	}} with input as with_resources([resource("st", "azurerm_storage_account", {})]) with data.profile as profile
}

test_aws_managed_key_denied if {
	some finding in rule.deny with input as with_resources([resource("q", "aws_sqs_queue", {"kms_master_key_id": "alias/aws/sqs"})]) with data.profile as profile
	finding.message == "aws_managed"
	finding.path == ["kms_master_key_id"]
}

test_separate_key_resources_count if {
	account := resource("st", "azurerm_storage_account", {})
	storage_key := object.union(resource("cmk", "azurerm_storage_account_customer_managed_key", {"storage_account_id": unknown_value}), {"references": {"storage_account_id": ["azurerm_storage_account.st"]}})
	server := resource("sql", "azurerm_mssql_server", {})
	tde_with_key := object.union(resource("tde", "azurerm_mssql_server_transparent_data_encryption", {"server_id": unknown_value, "key_vault_key_id": "https://kv/keys/tde"}), {"references": {"server_id": ["azurerm_mssql_server.sql"]}})
	tde_service_managed := object.union(resource("tde", "azurerm_mssql_server_transparent_data_encryption", {"server_id": unknown_value}), {"references": {"server_id": ["azurerm_mssql_server.sql"]}})
	count(rule.deny) == 0 with input as with_resources([account, storage_key, server, tde_with_key]) with data.profile as profile
	{f.resource | some f in rule.deny} == {"sql"} with input as with_resources([server, tde_service_managed]) with data.profile as profile
}

test_s3_key_in_the_separate_configuration if {
	bucket := resource("b", "aws_s3_bucket", {"bucket": "data"})
	with_key := resource("sse", "aws_s3_bucket_server_side_encryption_configuration", {"bucket": "data", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "arn:aws:kms:eu-west-1:1:key/1"}]}]})
	aws_key := resource("sse", "aws_s3_bucket_server_side_encryption_configuration", {"bucket": "data", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "alias/aws/s3"}]}]})
	count(rule.deny) == 0 with input as with_resources([bucket, with_key]) with data.profile as profile
	{f.message | some f in rule.deny} == {"aws_managed"} with input as with_resources([bucket, aws_key]) with data.profile as profile
}

test_other_environments_and_unknown_environments_not_evaluated if {
	dev := resource("db", "aws_db_instance", {"tags": {"Environment": "dev"}})
	untagged := {"id": "db2", "address": "aws_db_instance.db2", "source": "terraform", "type": "aws_db_instance", "attributes": {}}
	count(rule.applies) == 0 with input as with_resources([dev, untagged]) with data.profile as profile
}

test_profile_decides_the_environments if {
	dev := resource("db", "aws_db_instance", {"tags": {"Environment": "dev"}})
	count(rule.deny) == 1 with input as with_resources([dev]) with data.profile as {"encryption": {"customerManagedKeyEnvironments": ["dev"]}}
}
