package evident.rules.encryption.at_rest_test

import data.evident.rules.encryption.at_rest as rule
import rego.v1

resource(id, type, attributes) := {"id": id, "address": sprintf("%s.%s", [type, id]), "source": "terraform", "type": type, "mode": "resource", "attributes": attributes, "meta": {"root": "."}}

with_resources(list) := {"resources": list}

unknown_value := {"__unknown__": "known after apply"}

test_encrypted_stores_allowed if {
	resources := [
		resource("db", "aws_db_instance", {"storage_encrypted": true}),
		resource("efs", "aws_efs_file_system", {"encrypted": "true"}),
		resource("search", "aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true}]}),
		resource("queue", "aws_sqs_queue", {}),
		resource("topic", "aws_sns_topic", {"kms_master_key_id": "alias/data"}),
		resource("sql", "azurerm_mssql_database", {}),
		resource("st", "azurerm_storage_account", {}),
	]
	count(rule.deny) == 0 with input as with_resources(resources)
	count(rule.applies) == 7 with input as with_resources(resources)
}

test_aurora_instances_and_replicas_are_not_evaluated if {
	resources := [
		resource("aurora", "aws_db_instance", {"engine": "aurora-mysql"}),
		resource("replica", "aws_db_instance", {"replicate_source_db": "main"}),
	]
	count(rule.deny) == 0 with input as with_resources(resources)
	count(rule.applies) == 0 with input as with_resources(resources)
}

test_switched_off_or_absent_denied if {
	rule.deny == {
		{"resource": "db", "path": ["storage_encrypted"], "message": "not_set", "data": {"kind": "RDS instance", "attribute": "storage_encrypted"}},
		{"resource": "search", "path": ["encrypt_at_rest", 0, "enabled"], "message": "disabled", "data": {"kind": "OpenSearch domain", "attribute": "encrypt_at_rest.enabled", "value": false}},
	} with input as with_resources([
		resource("db", "aws_db_instance", {"engine": "postgres"}),
		resource("search", "aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": false}]}),
	])
}

test_serverless_cluster_encrypted_by_default if {
	count(rule.deny) == 0 with input as with_resources([resource("c", "aws_rds_cluster", {"engine_mode": "serverless"})])
	count(rule.deny) == 1 with input as with_resources([resource("c", "aws_rds_cluster", {"engine_mode": "provisioned"})])
}

test_ebs_default_encryption_covers_volumes_in_the_same_deployment if {
	volume := object.union(resource("v", "aws_ebs_volume", {}), {"deployment": "westeu-prod-1"})
	same := object.union(resource("d", "aws_ebs_encryption_by_default", {}), {"deployment": "westeu-prod-1"})
	other := object.union(resource("d", "aws_ebs_encryption_by_default", {}), {"deployment": "eastus-prod-1"})
	off := object.union(resource("d", "aws_ebs_encryption_by_default", {"enabled": false}), {"deployment": "westeu-prod-1"})
	count(rule.deny) == 0 with input as with_resources([volume, same])
	count(rule.deny) == 1 with input as with_resources([volume, other])
	count(rule.deny) == 1 with input as with_resources([volume, off])
}

test_s3_bucket_needs_a_declared_encryption if {
	bucket := resource("b", "aws_s3_bucket", {"bucket": "data"})
	by_reference := object.union(resource("sse", "aws_s3_bucket_server_side_encryption_configuration", {"bucket": unknown_value}), {"references": {"bucket": ["aws_s3_bucket.b"]}})
	by_name := resource("sse", "aws_s3_bucket_server_side_encryption_configuration", {"bucket": "data"})
	inline := resource("b", "aws_s3_bucket", {"server_side_encryption_configuration": [{"rule": [{}]}]})
	count(rule.deny) == 0 with input as with_resources([bucket, by_reference])
	count(rule.deny) == 0 with input as with_resources([bucket, by_name])
	count(rule.deny) == 0 with input as with_resources([inline])
	rule.deny == {{"resource": "b", "path": [], "message": "s3_undeclared"}} with input as with_resources([bucket])
}

test_s3_configuration_of_another_scope_does_not_count if {
	bucket := resource("b", "aws_s3_bucket", {"bucket": "data"})
	elsewhere := object.union(resource("sse", "aws_s3_bucket_server_side_encryption_configuration", {"bucket": "data"}), {"deployment": "eastus-prod-1"})
	count(rule.deny) == 1 with input as with_resources([bucket, elsewhere])
}

test_unresolved_s3_configuration_makes_the_bucket_unknown if {
	bucket := resource("b", "aws_s3_bucket", {"bucket": "data"})
	from_module := object.union(resource("sse", "aws_s3_bucket_server_side_encryption_configuration", {"bucket": unknown_value}), {"references": {"bucket": ["module.storage"]}})
	count(rule.deny) == 0 with input as with_resources([bucket, from_module])
	some result in rule.unknown with input as with_resources([bucket, from_module])
	result.resource == "b"
	contains(result.reason, "aws_s3_bucket_server_side_encryption_configuration.sse")
}

test_unknown_switch_is_unknown if {
	resources := [
		resource("efs", "aws_efs_file_system", {"encrypted": unknown_value}),
		resource("search", "aws_opensearch_domain", {"encrypt_at_rest": unknown_value}),
	]
	count(rule.deny) == 0 with input as with_resources(resources)
	rule.unknown == {
		{"resource": "efs", "path": ["encrypted"]},
		{"resource": "search", "path": ["encrypt_at_rest", 0, "enabled"]},
	} with input as with_resources(resources)
}

test_sns_sqs_kinesis_eks if {
	resources := [
		resource("topic", "aws_sns_topic", {}),
		resource("queue", "aws_sqs_queue", {"sqs_managed_sse_enabled": false}),
		resource("stream", "aws_kinesis_stream", {"encryption_type": "NONE"}),
		resource("eks", "aws_eks_cluster", {"encryption_config": [{"resources": ["configmaps"]}]}),
	]
	{f.resource | some f in rule.deny} == {"topic", "queue", "stream", "eks"} with input as with_resources(resources)
}
