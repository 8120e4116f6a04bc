# METADATA
# title: Data store in a customer-managed-key environment is not encrypted with a customer-managed key
# description: >-
#   Tenants' data is encrypted with customer-managed keys (BYOK: keys in Key Vault / KMS that the organisation
#   controls, rotates and can revoke) in the environments listed in `encryption.customerManagedKeyEnvironments`
#   (prod). Checked for Azure storage accounts (`customer_managed_key` or an `azurerm_storage_account_customer_managed_key`
#   referring to the account), PostgreSQL and MySQL flexible servers (`customer_managed_key`), SQL servers
#   (`transparent_data_encryption_key_vault_key_id` or an `azurerm_mssql_server_transparent_data_encryption` with a key),
#   Cosmos DB (`key_vault_key_id`), managed disks and VM OS disks (disk encryption sets); AWS S3 (`kms_master_key_id` in
#   the bucket's server-side encryption configuration), RDS, DocumentDB, Neptune, EBS (`kms_key_id`, or
#   `aws_ebs_default_kms_key` with encryption by default), EFS, Secrets Manager, SQS, SNS, CloudWatch log groups,
#   DynamoDB, ElastiCache, Redshift, OpenSearch and Kinesis; Google disks and instances, Cloud SQL
#   (`encryption_key_name`), Cloud Storage (`encryption.default_kms_key_name`), BigQuery datasets and Pub/Sub topics.
#   AWS-managed keys (`alias/aws/...`) are not customer-managed. A key given as a reference to a key resource counts as
#   set even though its id is only known after apply. Azure Cache for Redis has no customer-managed key option and is
#   not evaluated; resources whose environment is unknown (no deployment, no Environment tag) are not evaluated.
# custom:
#   id: EVD-ENC-002
#   severity: high
#   category: encryption
#   remediation: >-
#     Create a key in Key Vault / KMS / Cloud KMS for the deployment and point the data store at it (the attribute named
#     in the finding); grant the store's identity access to the key.
#   parameters: [encryption.customerManagedKeyEnvironments]
#   messages:
#     missing: '{{kind}} in {{environment}} is not encrypted with a customer-managed key: set {{attribute}}'
#     aws_managed: '{{kind}} in {{environment}} uses the AWS-managed key {{key}}; {{environment}} requires a customer-managed key'
package evident.rules.encryption.customer_managed_key

import data.evident.lib.links
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

vm_os_disk := [["os_disk", 0, "disk_encryption_set_id"], ["os_disk", 0, "secure_vm_disk_encryption_set_id"]]

# Attributes that carry the key, per type; any one of them is enough.
key_paths := {
	"azurerm_storage_account": [["customer_managed_key", 0, "key_vault_key_id"], ["customer_managed_key", 0, "managed_hsm_key_id"]],
	"azurerm_postgresql_flexible_server": [["customer_managed_key", 0, "key_vault_key_id"]],
	"azurerm_mysql_flexible_server": [["customer_managed_key", 0, "key_vault_key_id"], ["customer_managed_key", 0, "managed_hsm_key_id"]],
	"azurerm_mssql_server": [["transparent_data_encryption_key_vault_key_id"]],
	"azurerm_cosmosdb_account": [["key_vault_key_id"], ["managed_hsm_key_id"]],
	"azurerm_managed_disk": [["disk_encryption_set_id"], ["secure_vm_disk_encryption_set_id"]],
	"azurerm_linux_virtual_machine": vm_os_disk,
	"azurerm_windows_virtual_machine": vm_os_disk,
	"aws_s3_bucket": [[
		"server_side_encryption_configuration", 0, "rule", 0,
		"apply_server_side_encryption_by_default", 0, "kms_master_key_id",
	]],
	"aws_db_instance": [["kms_key_id"]],
	"aws_rds_cluster": [["kms_key_id"]],
	"aws_docdb_cluster": [["kms_key_id"]],
	"aws_neptune_cluster": [["kms_key_id"]],
	"aws_ebs_volume": [["kms_key_id"]],
	"aws_efs_file_system": [["kms_key_id"]],
	"aws_secretsmanager_secret": [["kms_key_id"]],
	"aws_sqs_queue": [["kms_master_key_id"]],
	"aws_sns_topic": [["kms_master_key_id"]],
	"aws_cloudwatch_log_group": [["kms_key_id"]],
	"aws_dynamodb_table": [["server_side_encryption", 0, "kms_key_arn"]],
	"aws_elasticache_replication_group": [["kms_key_id"]],
	"aws_redshift_cluster": [["kms_key_id"]],
	"aws_opensearch_domain": [["encrypt_at_rest", 0, "kms_key_id"]],
	"aws_kinesis_stream": [["kms_key_id"]],
	"google_compute_disk": [
		["disk_encryption_key", 0, "kms_key_self_link"],
		["disk_encryption_key", 0, "raw_key"],
		["disk_encryption_key", 0, "rsa_encrypted_key"],
	],
	"google_compute_instance": [["boot_disk", 0, "kms_key_self_link"], ["boot_disk", 0, "disk_encryption_key_raw"]],
	"google_sql_database_instance": [["encryption_key_name"]],
	"google_storage_bucket": [["encryption", 0, "default_kms_key_name"]],
	"google_bigquery_dataset": [["default_encryption_configuration", 0, "kms_key_name"]],
	"google_pubsub_topic": [["kms_key_name"]],
}

# What to set, when it is not the first key attribute.
remedies := {
	"azurerm_storage_account": "a customer_managed_key block (or an azurerm_storage_account_customer_managed_key)",
	"azurerm_postgresql_flexible_server": "a customer_managed_key block",
	"azurerm_mysql_flexible_server": "a customer_managed_key block",
	"azurerm_mssql_server": "transparent_data_encryption_key_vault_key_id (or an azurerm_mssql_server_transparent_data_encryption with a key)",
	"azurerm_managed_disk": "disk_encryption_set_id",
	"azurerm_linux_virtual_machine": "os_disk.disk_encryption_set_id",
	"azurerm_windows_virtual_machine": "os_disk.disk_encryption_set_id",
	"aws_s3_bucket": "kms_master_key_id in the bucket's aws_s3_bucket_server_side_encryption_configuration",
	"aws_dynamodb_table": "server_side_encryption { enabled = true, kms_key_arn = ... }",
	"google_compute_disk": "disk_encryption_key.kms_key_self_link",
	"google_compute_instance": "boot_disk.kms_key_self_link",
}

key_types := {type | some type, _ in key_paths}

environments := data.profile.encryption.customerManagedKeyEnvironments

evaluated contains r if {
	some r in tf.of_types(key_types)
	tf.environment(r) in environments
	not exempt(r)
}

# Aurora instances use their cluster's key; read replicas use their source's.
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

applies contains r.id if some r in evaluated

# The state of one key attribute: set, aws_managed (with the key), unknown or absent.
key_state(r, path) := "unknown" if {
	values.is_unknown(values.value_at(r.attributes, array.slice(path, 0, count(path) - 1), null))
} else := "set" if {
	value := object.get(r.attributes, path, null)
	values.is_unknown(value)
	count(object.get(r, ["references", format_path(path)], [])) > 0
} else := "unknown" if {
	values.is_unknown(object.get(r.attributes, path, null))
} else := "aws_managed" if {
	aws_managed(object.get(r.attributes, path, null))
} else := "absent" if {
	object.get(r.attributes, path, null) in {null, ""}
} else := "set"

aws_managed(key) if {
	is_string(key)
	regex.match(`(^|:)alias/aws/`, key)
}

# Computed once per data store: each key attribute with its state, and the state of separate key resources.
path_states[r.id] := [[path, key_state(r, path)] | some path in key_paths[r.type]] if some r in evaluated

store_states[r.id] := {entry[1] | some entry in path_states[r.id]} if some r in evaluated

store_links[r.id] := linked_key(r) if some r in evaluated

protected(r) if store_states[r.id].set

protected(r) if store_links[r.id] == "set"

undecided(r) if store_states[r.id].unknown

undecided(r) if store_links[r.id] == "unknown"

deny contains finding if {
	some r in evaluated
	not protected(r)
	not undecided(r)
	some [path, state] in path_states[r.id]
	state == "aws_managed"
	finding := {
		"resource": r.id,
		"path": path,
		"message": "aws_managed",
		"data": {"kind": resource_kinds.kind(r.type), "environment": tf.environment(r), "key": object.get(r.attributes, path, "")},
	}
}

deny contains finding if {
	some r in evaluated
	not protected(r)
	not undecided(r)
	not store_states[r.id].aws_managed
	store_links[r.id] != "aws_managed"
	finding := {
		"resource": r.id,
		"path": [],
		"message": "missing",
		"data": {"kind": resource_kinds.kind(r.type), "environment": tf.environment(r), "attribute": remedy(r.type)},
	}
}

deny contains finding if {
	some r in evaluated
	not protected(r)
	not undecided(r)
	store_links[r.id] == "aws_managed"
	finding := {
		"resource": r.id,
		"path": [],
		"message": "aws_managed",
		"data": {"kind": resource_kinds.kind(r.type), "environment": tf.environment(r), "key": "alias/aws/s3"},
	}
}

unknown contains {"resource": r.id, "path": path} if {
	some r in evaluated
	not protected(r)
	some [path, state] in path_states[r.id]
	state == "unknown"
}

unknown contains {"resource": r.id, "path": [], "reason": reason} if {
	some r in evaluated
	not protected(r)
	not store_states[r.id].unknown
	store_links[r.id] == "unknown"
	reason := concat(" ", ["a resource configuring the key of", r.address, "refers to it with a value Evident cannot resolve"])
}

remedy(type) := remedies[type]

remedy(type) := attribute_name(key_paths[type][0]) if not remedies[type]

attribute_name(path) := concat(".", [segment | some segment in path; is_string(segment)])

# formatPath of src/model/path.ts: the key of `references`.
format_path(path) := concat("", [text | some i, segment in path; text := segment_text(i, segment)])

segment_text(_, segment) := concat("", ["[", format_int(segment, 10), "]"]) if is_number(segment)

segment_text(0, segment) := segment if is_string(segment)

segment_text(i, segment) := concat("", [".", segment]) if {
	is_string(segment)
	i > 0
}

# Keys configured by a separate resource that refers to the data store.
linked_key(r) := "set" if {
	some state in linked_states(r)
	state == "set"
} else := "aws_managed" if {
	some state in linked_states(r)
	state == "aws_managed"
} else := "unknown" if {
	some state in linked_states(r)
	state == "unknown"
} else := "none"

storage_keys := tf.of_type("azurerm_storage_account_customer_managed_key")

sql_keys := tf.of_type("azurerm_mssql_server_transparent_data_encryption")

s3_configurations := tf.of_type("aws_s3_bucket_server_side_encryption_configuration")

ebs_default_keys := tf.of_type("aws_ebs_default_kms_key")

# Key states configured by separate resources, indexed by data store type and the key naming the store.
link_states[concat("|", ["azurerm_storage_account", key])] contains "set" if {
	some link in storage_keys
	some key in links.link_keys(link, "storage_account_id")
}

link_states[concat("|", ["azurerm_mssql_server", key])] contains sql_key_state(link) if {
	some link in sql_keys
	some key in links.link_keys(link, "server_id")
}

link_states[concat("|", ["aws_s3_bucket", key])] contains state if {
	some link in s3_configurations
	some key in links.link_keys(link, "bucket")
	some state in s3_key_states(link)
}

s3_key_states(link) := {"unknown"} if {
	values.is_unknown(object.get(link.attributes, "rule", null))
} else := {state |
	rules := object.get(link.attributes, "rule", [])
	is_array(rules)
	some i, _ in rules
	state := key_state(link, ["rule", i, "apply_server_side_encryption_by_default", 0, "kms_master_key_id"])
}

# Key resources whose data store Evident cannot resolve: each may configure any store of its type and evaluation.
unresolved_scopes[type] contains links.scope_key(link) if {
	some type, attribute in link_attribute
	some link in tf.of_type(link_type[type])
	links.unresolved(link, attribute, target_keys[type])
}

link_attribute := {"azurerm_storage_account": "storage_account_id", "azurerm_mssql_server": "server_id", "aws_s3_bucket": "bucket"}

link_type := {
	"azurerm_storage_account": "azurerm_storage_account_customer_managed_key",
	"azurerm_mssql_server": "azurerm_mssql_server_transparent_data_encryption",
	"aws_s3_bucket": "aws_s3_bucket_server_side_encryption_configuration",
}

target_keys[type] := links.keys_of(tf.of_type(type)) if some type, _ in link_attribute

linked_states(r) := ({state |
	some key in links.target_keys(r)
	some state in object.get(link_states, concat("|", [r.type, key]), set())
} | {"unknown" |
	object.get(unresolved_scopes, r.type, set())[links.scope_key(r)]
}) | {state |
	r.type == "aws_ebs_volume"
	some default_key in ebs_default_keys
	object.get(default_key, "deployment", "") == object.get(r, "deployment", "")
	object.get(default_key, ["meta", "region"], "") == object.get(r, ["meta", "region"], "")
	state := key_state(default_key, ["key_arn"])
}

# A TDE resource without a key uses the service-managed key.
sql_key_state(link) := "set" if {
	some path in [["key_vault_key_id"], ["managed_hsm_key_id"]]
	key_state(link, path) == "set"
} else := "unknown" if {
	some path in [["key_vault_key_id"], ["managed_hsm_key_id"]]
	key_state(link, path) == "unknown"
} else := "absent"
