# METADATA
# title: Data store is not encrypted at rest
# description: >-
#   The architecture requires encryption at rest for every data store (AES-256 encrypted volumes, encrypted
#   backups). Checked where the provider lets encryption be switched off or leaves it off by default:
#   RDS instances and clusters, DocumentDB and Neptune clusters (`storage_encrypted`), EBS volumes and EC2
#   block devices (`encrypted`, or `aws_ebs_encryption_by_default` in the same deployment), EFS, Redshift
#   (`encrypted`: false by default up to provider 5.x, so it must be set), ElastiCache replication groups
#   (`at_rest_encryption_enabled`; Valkey encrypts by default), OpenSearch/Elasticsearch (`encrypt_at_rest`),
#   SQS (SSE-SQS switched off without a KMS key), SNS and Kinesis (unencrypted unless a key is set), EKS
#   (`encryption_config` for `secrets`), Azure SQL databases (`transparent_data_encryption_enabled`) and S3.
#   S3 has applied SSE-S3 to new objects by default since January 2023, but the decision here is that a bucket
#   must declare its encryption (an `aws_s3_bucket_server_side_encryption_configuration` referring to it, or
#   the inline block) so that the code, not an AWS default, is the evidence auditors read. Aurora instances
#   (encrypted by their cluster) and read replicas (encrypted like their source) are skipped. Azure storage,
#   PostgreSQL, MySQL, Cosmos DB, managed disks and Redis, DynamoDB, CloudWatch log groups, Secrets Manager
#   and Google disks, Cloud SQL and Cloud Storage are always encrypted by the platform: they are evaluated and
#   pass; whether they use a customer-managed key is EVD-ENC-002.
# custom:
#   id: EVD-ENC-001
#   severity: high
#   category: encryption
#   remediation: >-
#     Turn on encryption at rest: `storage_encrypted = true`, `encrypted = true`, `at_rest_encryption_enabled = true`,
#     `encrypt_at_rest { enabled = true }`, a `kms_master_key_id`, an `encryption_config` for secrets, or an
#     `aws_s3_bucket_server_side_encryption_configuration` for the bucket. Most of these force a new resource: migrate the data.
#   parameters: []
#   messages:
#     disabled: '{{kind}} is not encrypted at rest: {{attribute}} is {{value}}'
#     not_set: '{{kind}} is not encrypted at rest: {{attribute}} is not set and the provider default leaves it unencrypted'
#     s3_undeclared: >-
#       S3 bucket declares no server-side encryption: no aws_s3_bucket_server_side_encryption_configuration refers to it
#       and it has no inline server_side_encryption_configuration (it relies on the AWS default SSE-S3)
#     eks_secrets: EKS cluster does not envelope-encrypt Kubernetes secrets with a KMS key (no encryption_config for "secrets")
package evident.rules.encryption.at_rest

import data.evident.lib.links
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

# The attribute that must be true, per type.
switches := {
	"aws_db_instance": ["storage_encrypted"],
	"aws_rds_cluster": ["storage_encrypted"],
	"aws_docdb_cluster": ["storage_encrypted"],
	"aws_neptune_cluster": ["storage_encrypted"],
	"aws_ebs_volume": ["encrypted"],
	"aws_efs_file_system": ["encrypted"],
	"aws_redshift_cluster": ["encrypted"],
	"aws_elasticache_replication_group": ["at_rest_encryption_enabled"],
	"aws_opensearch_domain": ["encrypt_at_rest", 0, "enabled"],
	"aws_elasticsearch_domain": ["encrypt_at_rest", 0, "enabled"],
	"azurerm_mssql_database": ["transparent_data_encryption_enabled"],
}

# Encrypted by the platform whatever the configuration says.
platform_encrypted := {
	"azurerm_storage_account",
	"azurerm_postgresql_flexible_server",
	"azurerm_mysql_flexible_server",
	"azurerm_cosmosdb_account",
	"azurerm_managed_disk",
	"azurerm_redis_cache",
	"aws_dynamodb_table",
	"aws_cloudwatch_log_group",
	"aws_secretsmanager_secret",
	"google_compute_disk",
	"google_sql_database_instance",
	"google_storage_bucket",
}

other_types := {"aws_s3_bucket", "aws_instance", "aws_sqs_queue", "aws_sns_topic", "aws_kinesis_stream", "aws_eks_cluster"}

switch_types := {type | some type, _ in switches}

applies contains r.id if {
	some r in tf.of_types(((switch_types | platform_encrypted) | other_types))
	not exempt(r)
}

# Aurora instances are encrypted by their cluster; read replicas inherit the source's encryption.
exempt(r) if {
	r.type == "aws_db_instance"
	engine := object.get(r.attributes, "engine", "")
	is_string(engine)
	startswith(engine, "aurora")
}

exempt(r) if {
	r.type == "aws_db_instance"
	object.get(r.attributes, "replicate_source_db", null) != null
}

# Encrypted when the attribute is absent.
encrypted_when_absent(r) if r.type == "azurerm_mssql_database"

encrypted_when_absent(r) if {
	r.type == "aws_rds_cluster"
	r.attributes.engine_mode == "serverless"
}

encrypted_when_absent(r) if {
	r.type == "aws_elasticache_replication_group"
	r.attributes.engine == "valkey"
}

deny contains finding if {
	some r in tf.of_types(switch_types)
	not exempt(r)
	path := switches[r.type]
	value := values.value_at(r.attributes, path, null)
	values.known(value)
	not is_true(value)
	not encrypted_anyway(r, value)
	finding := result(r, path, value)
}

# Terraform converts "true" to a bool for boolean arguments.
is_true(value) if value == true

is_true("true")

encrypted_anyway(r, null) if encrypted_when_absent(r)

encrypted_anyway(r, _) if {
	r.type in {"aws_ebs_volume", "aws_instance"}
	is_true(encrypted_by_default(r))
}

# Undecided while the account default is not known: reported as unknown below.
encrypted_anyway(r, _) if {
	r.type in {"aws_ebs_volume", "aws_instance"}
	values.is_unknown(encrypted_by_default(r))
}

# aws_ebs_encryption_by_default (enabled unless `enabled = false`) encrypts every new volume of the account and region.
encrypted_by_default(r) := default_settings(r)[0]

ebs_defaults := tf.of_type("aws_ebs_encryption_by_default")

default_settings(r) := [value |
	some d in ebs_defaults
	object.get(d, "deployment", "") == object.get(r, "deployment", "")
	object.get(d, ["meta", "region"], "") == object.get(r, ["meta", "region"], "")
	value := object.get(d.attributes, "enabled", true)
]

unknown contains {"resource": r.id, "path": path} if {
	some r in tf.of_types(switch_types)
	not exempt(r)
	path := switches[r.type]
	values.is_unknown(values.value_at(r.attributes, path, null))
}

unknown contains {"resource": r.id, "path": [], "reason": "aws_ebs_encryption_by_default.enabled is not known before apply"} if {
	some r in tf.of_types({"aws_ebs_volume", "aws_instance"})
	values.is_unknown(encrypted_by_default(r))
}

# EC2 instance block devices declared in the configuration.
deny contains finding if {
	some r in tf.of_type("aws_instance")
	some field in ["root_block_device", "ebs_block_device"]
	devices := object.get(r.attributes, field, [])
	is_array(devices)
	some i, device in devices
	value := object.get(device, "encrypted", null)
	values.known(value)
	not is_true(value)
	not encrypted_anyway(r, value)
	finding := result(r, [field, i, "encrypted"], value)
}

unknown contains {"resource": r.id, "path": [field]} if {
	some r in tf.of_type("aws_instance")
	some field in ["root_block_device", "ebs_block_device"]
	values.is_unknown(object.get(r.attributes, field, null))
}

unknown contains {"resource": r.id, "path": [field, i, "encrypted"]} if {
	some r in tf.of_type("aws_instance")
	some field in ["root_block_device", "ebs_block_device"]
	devices := object.get(r.attributes, field, [])
	is_array(devices)
	some i, device in devices
	values.is_unknown(object.get(device, "encrypted", null))
}

# SQS encrypts with SSE-SQS by default; switching that off without a KMS key leaves messages in plaintext.
deny contains finding if {
	some r in tf.of_type("aws_sqs_queue")
	r.attributes.sqs_managed_sse_enabled == false
	object.get(r.attributes, "kms_master_key_id", null) == null
	finding := result(r, ["sqs_managed_sse_enabled"], false)
}

unknown contains {"resource": r.id, "path": ["sqs_managed_sse_enabled"]} if {
	some r in tf.of_type("aws_sqs_queue")
	values.is_unknown(object.get(r.attributes, "sqs_managed_sse_enabled", null))
	object.get(r.attributes, "kms_master_key_id", null) == null
}

# SNS topics are unencrypted unless they name a key.
deny contains finding if {
	some r in tf.of_type("aws_sns_topic")
	object.get(r.attributes, "kms_master_key_id", null) == null
	finding := result(r, ["kms_master_key_id"], null)
}

deny contains finding if {
	some r in tf.of_type("aws_kinesis_stream")
	value := object.get(r.attributes, "encryption_type", null)
	value in {null, "NONE"}
	finding := result(r, ["encryption_type"], value)
}

unknown contains {"resource": r.id, "path": ["encryption_type"]} if {
	some r in tf.of_type("aws_kinesis_stream")
	values.is_unknown(object.get(r.attributes, "encryption_type", null))
}

deny contains finding if {
	some r in tf.of_type("aws_eks_cluster")
	configs := object.get(r.attributes, "encryption_config", [])
	is_array(configs)
	not encrypts_secrets(configs)
	not secrets_unknown(configs)
	finding := {"resource": r.id, "path": [], "message": "eks_secrets"}
}

encrypts_secrets(configs) if {
	some config in configs
	resources := object.get(config, "resources", [])
	is_array(resources)
	"secrets" in resources
}

secrets_unknown(configs) if {
	some config in configs
	values.is_unknown(object.get(config, "resources", null))
}

unknown contains {"resource": r.id, "path": ["encryption_config"]} if {
	some r in tf.of_type("aws_eks_cluster")
	configs := object.get(r.attributes, "encryption_config", [])
	not encrypts_secrets(configs)
	values.is_unknown(configs)
}

unknown contains {"resource": r.id, "path": ["encryption_config"]} if {
	some r in tf.of_type("aws_eks_cluster")
	configs := object.get(r.attributes, "encryption_config", [])
	is_array(configs)
	not encrypts_secrets(configs)
	secrets_unknown(configs)
}

# S3: a bucket declares its encryption inline (provider 3.x) or through the separate resource (4.x and later).
sse_configurations := tf.of_type("aws_s3_bucket_server_side_encryption_configuration")

buckets := tf.of_type("aws_s3_bucket")

declares_encryption(bucket) if {
	inline := object.get(bucket.attributes, "server_side_encryption_configuration", [])
	is_array(inline)
	count(inline) > 0
}

declares_encryption(bucket) if {
	some key in links.target_keys(bucket)
	configured_buckets[key]
}

configured_buckets := {key | some configuration in sse_configurations; some key in links.link_keys(configuration, "bucket")}

# Configurations whose bucket Evident cannot resolve: each may be the one of any bucket of its evaluation.
unresolved_by_scope[links.scope_key(configuration)] contains configuration.address if {
	some configuration in sse_configurations
	links.unresolved(configuration, "bucket", bucket_keys)
}

bucket_keys := links.keys_of(buckets)

undecided_by(bucket) := object.get(unresolved_by_scope, links.scope_key(bucket), set())

deny contains finding if {
	some bucket in buckets
	not declares_encryption(bucket)
	not values.is_unknown(object.get(bucket.attributes, "server_side_encryption_configuration", null))
	count(undecided_by(bucket)) == 0
	finding := {"resource": bucket.id, "path": [], "message": "s3_undeclared"}
}

unknown contains {"resource": bucket.id, "path": ["server_side_encryption_configuration"]} if {
	some bucket in buckets
	values.is_unknown(object.get(bucket.attributes, "server_side_encryption_configuration", null))
}

unknown contains result if {
	some bucket in buckets
	not declares_encryption(bucket)
	others := undecided_by(bucket)
	count(others) > 0
	result := {
		"resource": bucket.id,
		"path": [],
		"reason": concat(" ", [concat(", ", others), "names its bucket with a value Evident cannot resolve"]),
	}
}

result(r, path, null) := {
	"resource": r.id,
	"path": path,
	"message": "not_set",
	"data": {"kind": resource_kinds.kind(r.type), "attribute": attribute_name(path)},
}

result(r, path, value) := {
	"resource": r.id,
	"path": path,
	"message": "disabled",
	"data": {"kind": resource_kinds.kind(r.type), "attribute": attribute_name(path), "value": value},
} if {
	value != null
}

attribute_name(path) := concat(".", [segment | some segment in path; is_string(segment)])
