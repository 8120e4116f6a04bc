# Tags (Azure, AWS) and labels (Google) as the provider applies them, and which resources carry them.
package evident.lib.tagging

import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

providers := {"azurerm", "aws", "google"}

provider(r) := split(r.type, "_")[0]

# Google types whose labels are not in `labels`.
google_label_paths := {
	"google_sql_database_instance": ["settings", 0, "user_labels"],
	"google_container_cluster": ["resource_labels"],
}

# Where the configuration sets the resource's tags.
own_path(r) := google_label_paths[r.type]

own_path(r) := ["labels"] if {
	provider(r) == "google"
	not google_label_paths[r.type]
}

own_path(r) := ["tags"] if provider(r) != "google"

# The map the provider applies: AWS provider default_tags are merged into tags_all, Google default_labels
# into effective_labels (not for the types whose labels live elsewhere).
map_path(r) := ["tags_all"] if {
	provider(r) == "aws"
	object.get(r.attributes, "tags_all", null) != null
} else := ["effective_labels"] if {
	provider(r) == "google"
	not google_label_paths[r.type]
	object.get(r.attributes, "effective_labels", null) != null
} else := own_path(r)

tag_map(r) := values.value_at(r.attributes, map_path(r), null)

# "unknown" (the map is only known after apply), "absent" or "known".
map_state(r) := "unknown" if values.is_unknown(tag_map(r))

else := "known" if is_object(tag_map(r))

else := "absent"

# The tag `wanted` of a known map: {"key", "value", "path"}; undefined when the map does not have it.
# The map is read once per call: functions are not memoized, and this runs for every tag of every resource.
tag(r, wanted) := {"key": key, "value": m[key], "path": tag_path(r, key)} if {
	m := known_map(r)
	key := matching_key(provider(r), m, wanted)
}

# The value of the tag `wanted` of a known map, without working out where it is written.
tag_value(r, wanted) := m[matching_key(provider(r), m, wanted)] if m := known_map(r)

known_map(r) := m if {
	m := tag_map(r)
	is_object(m)
	not values.is_unknown(m)
}

matching_key(provider, m, wanted) := wanted if {
	provider != "google"
	_ := m[wanted]
}

# Google label keys are lowercase: Environment is environment there.
matching_key("google", m, wanted) := keys[0] if {
	lowered := lower(wanted)
	keys := sort([k | some k, _ in m; lower(k) == lowered])
	count(keys) > 0
}

# Where a tag is written: the resource's own tags when it sets the key there, else the applied map (provider defaults).
tag_path(r, key) := array.concat(own_path(r), [key]) if {
	own := values.value_at(r.attributes, own_path(r), null)
	is_object(own)
	not values.is_unknown(own)
	object.get(own, key, null) != null
} else := array.concat(map_path(r), [key])

# A tag that carries a value: set, not null, not blank; an unknown value counts as set.
carries_value(value) if values.is_unknown(value)

carries_value(value) if {
	value != null
	not is_string(value)
	not values.is_unknown(value)
}

carries_value(value) if {
	is_string(value)
	trim_space(value) != ""
}

# A tag value as Terraform stores it (map(string) turns 1 and false into "1" and "false").
text(value) := value if is_string(value)

text(value) := format_int(value, 10) if {
	is_number(value)
	value == floor(value)
}

text(value) := sprintf("%v", [value]) if {
	is_number(value)
	value != floor(value)
}

text(value) := "true" if value == true

text(value) := "false" if value == false

# Resources that must carry the required tags: Azure, AWS and Google resources of a type known to be taggable,
# or that set tags themselves; never the profile's untagged types.
taggable(r) if {
	providers[provider(r)]
	not r.type in data.profile.tagging.untaggedTypes
	tags_expected(r)
}

tags_expected(r) if taggable_types[r.type]

tags_expected(r) if values.value_at(r.attributes, own_path(r), null) != null

taggable_resources := [r |
	some r in input.resources
	tf.terraform_sources[r.source]
	object.get(r, "mode", "resource") == "resource"
	taggable(r)
]

# Common types that take tags (labels on Google), from the provider documentation.
taggable_types := {
	"azurerm_resource_group",
	"azurerm_virtual_network",
	"azurerm_network_security_group",
	"azurerm_public_ip",
	"azurerm_private_endpoint",
	"azurerm_private_dns_zone",
	"azurerm_dns_zone",
	"azurerm_nat_gateway",
	"azurerm_route_table",
	"azurerm_firewall",
	"azurerm_application_gateway",
	"azurerm_lb",
	"azurerm_network_interface",
	"azurerm_virtual_network_gateway",
	"azurerm_bastion_host",
	"azurerm_postgresql_flexible_server",
	"azurerm_postgresql_server",
	"azurerm_mysql_flexible_server",
	"azurerm_mysql_server",
	"azurerm_mssql_server",
	"azurerm_mssql_database",
	"azurerm_mssql_elasticpool",
	"azurerm_mssql_managed_instance",
	"azurerm_cosmosdb_account",
	"azurerm_redis_cache",
	"azurerm_key_vault",
	"azurerm_key_vault_managed_hardware_security_module",
	"azurerm_storage_account",
	"azurerm_container_registry",
	"azurerm_log_analytics_workspace",
	"azurerm_application_insights",
	"azurerm_container_app_environment",
	"azurerm_container_app",
	"azurerm_api_management",
	"azurerm_kubernetes_cluster",
	"azurerm_eventhub_namespace",
	"azurerm_servicebus_namespace",
	"azurerm_user_assigned_identity",
	"azurerm_linux_virtual_machine",
	"azurerm_windows_virtual_machine",
	"azurerm_managed_disk",
	"azurerm_service_plan",
	"azurerm_linux_web_app",
	"azurerm_windows_web_app",
	"azurerm_linux_function_app",
	"azurerm_windows_function_app",
	"azurerm_recovery_services_vault",
	"azurerm_data_factory",
	"azurerm_search_service",
	"azurerm_cdn_frontdoor_profile",
	"aws_vpc",
	"aws_subnet",
	"aws_security_group",
	"aws_internet_gateway",
	"aws_nat_gateway",
	"aws_eip",
	"aws_route_table",
	"aws_network_acl",
	"aws_vpc_endpoint",
	"aws_lb",
	"aws_instance",
	"aws_launch_template",
	"aws_ebs_volume",
	"aws_s3_bucket",
	"aws_db_instance",
	"aws_rds_cluster",
	"aws_docdb_cluster",
	"aws_neptune_cluster",
	"aws_dynamodb_table",
	"aws_elasticache_replication_group",
	"aws_elasticache_cluster",
	"aws_redshift_cluster",
	"aws_opensearch_domain",
	"aws_efs_file_system",
	"aws_kms_key",
	"aws_secretsmanager_secret",
	"aws_sqs_queue",
	"aws_sns_topic",
	"aws_kinesis_stream",
	"aws_msk_cluster",
	"aws_cloudwatch_log_group",
	"aws_lambda_function",
	"aws_ecr_repository",
	"aws_ecs_cluster",
	"aws_ecs_service",
	"aws_eks_cluster",
	"aws_eks_node_group",
	"aws_iam_role",
	"aws_api_gateway_rest_api",
	"aws_apigatewayv2_api",
	"aws_cloudfront_distribution",
	"aws_acm_certificate",
	"aws_backup_vault",
	"google_compute_instance",
	"google_compute_disk",
	"google_storage_bucket",
	"google_sql_database_instance",
	"google_container_cluster",
	"google_redis_instance",
	"google_pubsub_topic",
	"google_pubsub_subscription",
	"google_bigquery_dataset",
	"google_kms_crypto_key",
	"google_secret_manager_secret",
	"google_cloud_run_v2_service",
	"google_cloudfunctions2_function",
	"google_spanner_instance",
	"google_filestore_instance",
}
