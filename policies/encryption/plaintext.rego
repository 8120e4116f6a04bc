# METADATA
# title: Service accepts plaintext (non-TLS) traffic
# description: >-
#   Data travels encrypted (TLS 1.2+; TLS and role-based access in the data zone, mTLS between services): no
#   HTTP-only endpoint, no non-TLS port. Checked: Azure storage accounts (`https_traffic_only_enabled`, 3.x
#   `enable_https_traffic_only`; default true), Redis (`non_ssl_port_enabled`, 3.x `enable_non_ssl_port`),
#   PostgreSQL and MySQL flexible servers (the `require_secure_transport` server parameter set to off), single
#   PostgreSQL/MySQL servers (`ssl_enforcement_enabled`), web and function apps and slots (`https_only`, which
#   defaults to false, and `site_config.ftps_state = "AllAllowed"`), container apps
#   (`ingress.allow_insecure_connections`), Front Door routes (HTTP accepted without `https_redirect_enabled`);
#   AWS load balancer HTTP listeners whose default actions do not redirect to HTTPS (or answer with a fixed
#   response), ElastiCache replication groups (`transit_encryption_enabled`, default false for Redis;
#   `transit_encryption_mode = "preferred"`), CloudFront (`viewer_protocol_policy = "allow-all"`, origins with
#   `origin_protocol_policy = "http-only"`), OpenSearch/Elasticsearch (`enforce_https` false, node-to-node
#   encryption off), MSK (`client_broker` PLAINTEXT or TLS_PLAINTEXT, `in_cluster` false), RDS and Redshift
#   parameter groups that switch TLS enforcement off (`rds.force_ssl`, `require_secure_transport`, `require_ssl`);
#   Cloud SQL instances whose `ssl_mode` allows unencrypted connections (the Google default when neither
#   `ssl_mode` nor `require_ssl` is set). S3 bucket policies are not checked.
# custom:
#   id: EVD-ENC-004
#   severity: high
#   category: encryption
#   remediation: >-
#     Accept TLS only: turn HTTPS-only on, close non-TLS ports, redirect HTTP to HTTPS, turn on transit encryption,
#     set Cloud SQL `ssl_mode = "ENCRYPTED_ONLY"` (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).
#   parameters: []
#   messages:
#     plaintext: '{{kind}} accepts plaintext traffic: {{attribute}} is {{value}}'
#     plaintext_default: '{{kind}} accepts plaintext traffic: {{attribute}} is not set and defaults to {{value}}'
#     http_listener: Load balancer listener serves HTTP without redirecting to HTTPS
#     cloud_sql_default: >-
#       Cloud SQL instance accepts unencrypted connections: ip_configuration.ssl_mode is not set (the default is
#       ALLOW_UNENCRYPTED_AND_ENCRYPTED)
package evident.rules.encryption.plaintext

import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

app_service_checks := [
	{"path": ["https_only"], "bad": {false}, "default": false},
	{"path": ["site_config", 0, "ftps_state"], "bad": {"AllAllowed"}, "default": null},
]

opensearch_checks := [
	{"path": ["domain_endpoint_options", 0, "enforce_https"], "bad": {false}, "default": null},
	{"path": ["node_to_node_encryption", 0, "enabled"], "bad": {false}, "default": false},
]

# Attribute values that let plaintext in, with the provider default (null: not evaluated when absent).
checks := {
	"azurerm_storage_account": [
		{"path": ["https_traffic_only_enabled"], "bad": {false}, "default": null},
		{"path": ["enable_https_traffic_only"], "bad": {false}, "default": null},
	],
	"azurerm_redis_cache": [
		{"path": ["non_ssl_port_enabled"], "bad": {true}, "default": null},
		{"path": ["enable_non_ssl_port"], "bad": {true}, "default": null},
	],
	"azurerm_postgresql_server": [{"path": ["ssl_enforcement_enabled"], "bad": {false}, "default": null}],
	"azurerm_mysql_server": [{"path": ["ssl_enforcement_enabled"], "bad": {false}, "default": null}],
	"azurerm_linux_web_app": app_service_checks,
	"azurerm_windows_web_app": app_service_checks,
	"azurerm_linux_web_app_slot": app_service_checks,
	"azurerm_windows_web_app_slot": app_service_checks,
	"azurerm_linux_function_app": app_service_checks,
	"azurerm_windows_function_app": app_service_checks,
	"azurerm_linux_function_app_slot": app_service_checks,
	"azurerm_windows_function_app_slot": app_service_checks,
	"azurerm_app_service": app_service_checks,
	"azurerm_function_app": app_service_checks,
	"azurerm_container_app": [{"path": ["ingress", 0, "allow_insecure_connections"], "bad": {true}, "default": null}],
	"aws_elasticache_replication_group": [
		{"path": ["transit_encryption_enabled"], "bad": {false}, "default": false},
		{"path": ["transit_encryption_mode"], "bad": {"preferred"}, "default": null},
	],
	"aws_opensearch_domain": opensearch_checks,
	"aws_elasticsearch_domain": opensearch_checks,
	"aws_msk_cluster": [
		{"path": ["encryption_info", 0, "encryption_in_transit", 0, "client_broker"], "bad": {"PLAINTEXT", "TLS_PLAINTEXT"}, "default": null},
		{"path": ["encryption_info", 0, "encryption_in_transit", 0, "in_cluster"], "bad": {false}, "default": null},
	],
}

check_types := {type | some type, _ in checks}

# Server parameters that switch TLS enforcement off.
parameter_off := {
	"azurerm_postgresql_flexible_server_configuration": {"require_secure_transport": {"off", "0"}},
	"azurerm_mysql_flexible_server_configuration": {"require_secure_transport": {"off", "0"}},
	"aws_db_parameter_group": {"rds.force_ssl": {"0"}, "require_secure_transport": {"off", "0"}},
	"aws_rds_cluster_parameter_group": {"rds.force_ssl": {"0"}, "require_secure_transport": {"off", "0"}},
	"aws_redshift_parameter_group": {"require_ssl": {"false", "0"}},
}

listener_types := {"aws_lb_listener", "aws_alb_listener"}

applies contains r.id if {
	some r in tf.of_types(check_types | {"aws_cloudfront_distribution", "google_sql_database_instance"})
	not engine_without_transit_default(r)
}

applies contains r.id if {
	some r in tf.of_types(listener_types)
	r.attributes.protocol == "HTTP"
}

applies contains r.id if {
	some r in tf.of_types({"azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration"})
	r.attributes.name == "require_secure_transport"
}

applies contains r.id if some r in tf.of_types({"aws_db_parameter_group", "aws_rds_cluster_parameter_group", "aws_redshift_parameter_group", "azurerm_cdn_frontdoor_route"})

# Valkey replication groups encrypt in transit unless told otherwise.
engine_without_transit_default(r) if {
	r.type == "aws_elasticache_replication_group"
	r.attributes.engine == "valkey"
}

deny contains finding if {
	some r in tf.of_types(check_types)
	some check in checks[r.type]
	value := values.value_at(r.attributes, check.path, check["default"])
	values.known(value)
	normalise(value) in check.bad
	not defaulted_exempt(r, check.path)
	finding := {
		"resource": r.id,
		"path": check.path,
		"message": message(object.get(r.attributes, check.path, null) == null),
		"data": {"kind": resource_kinds.kind(r.type), "attribute": attribute_name(check.path), "value": normalise(value)},
	}
}

defaulted_exempt(r, path) if {
	engine_without_transit_default(r)
	object.get(r.attributes, path, null) == null
}

message(true) := "plaintext_default"

message(false) := "plaintext"

# Terraform converts "true"/"false" strings for boolean arguments.
normalise("true") := true

normalise("false") := false

normalise(value) := value if not value in {"true", "false"}

unknown contains {"resource": r.id, "path": check.path} if {
	some r in tf.of_types(check_types)
	some check in checks[r.type]
	values.is_unknown(values.value_at(r.attributes, check.path, null))
}

deny contains finding if {
	some r in tf.of_types({"azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration"})
	name := r.attributes.name
	is_string(name)
	value := object.get(r.attributes, "value", null)
	is_string(value)
	lower(value) in parameter_off[r.type][name]
	finding := {
		"resource": r.id,
		"path": ["value"],
		"message": "plaintext",
		"data": {"kind": resource_kinds.kind(r.type), "attribute": name, "value": value},
	}
}

deny contains finding if {
	some r in tf.of_types({"aws_db_parameter_group", "aws_rds_cluster_parameter_group", "aws_redshift_parameter_group"})
	parameters := object.get(r.attributes, "parameter", [])
	is_array(parameters)
	some i, parameter in parameters
	is_string(parameter.value)
	lower(parameter.value) in parameter_off[r.type][parameter.name]
	finding := {
		"resource": r.id,
		"path": ["parameter", i, "value"],
		"message": "plaintext",
		"data": {"kind": resource_kinds.kind(r.type), "attribute": parameter.name, "value": parameter.value},
	}
}

unknown contains {"resource": r.id, "path": ["value"]} if {
	some r in tf.of_types({"azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration"})
	r.attributes.name == "require_secure_transport"
	values.is_unknown(object.get(r.attributes, "value", null))
}

# An HTTP listener is fine when every default action redirects to HTTPS or answers itself.
deny contains finding if {
	some r in tf.of_types(listener_types)
	r.attributes.protocol == "HTTP"
	actions := object.get(r.attributes, "default_action", [])
	is_array(actions)
	not all_actions_safe(actions)
	not actions_unknown(actions)
	finding := {"resource": r.id, "path": ["protocol"], "message": "http_listener"}
}

all_actions_safe(actions) if {
	count(actions) > 0
	every action in actions {
		safe_action(action)
	}
}

safe_action(action) if {
	action.type == "redirect"
	object.get(action, ["redirect", 0, "protocol"], null) == "HTTPS"
}

safe_action(action) if action.type == "fixed-response"

actions_unknown(actions) if {
	some action in actions
	values.is_unknown(action.type)
}

actions_unknown(actions) if {
	some action in actions
	action.type == "redirect"
	values.is_unknown(values.value_at(action, ["redirect", 0, "protocol"], null))
}

unknown contains {"resource": r.id, "path": ["default_action"]} if {
	some r in tf.of_types(listener_types)
	r.attributes.protocol == "HTTP"
	actions := object.get(r.attributes, "default_action", [])
	values.is_unknown(actions)
}

unknown contains {"resource": r.id, "path": ["default_action"]} if {
	some r in tf.of_types(listener_types)
	r.attributes.protocol == "HTTP"
	actions := object.get(r.attributes, "default_action", [])
	is_array(actions)
	not all_actions_safe(actions)
	actions_unknown(actions)
}

# CloudFront: viewers may use HTTP, or CloudFront fetches from the origin over HTTP.
deny contains finding if {
	some r in tf.of_type("aws_cloudfront_distribution")
	some path in cloudfront_behaviour_paths(r)
	object.get(r.attributes, path, null) == "allow-all"
	finding := {
		"resource": r.id,
		"path": path,
		"message": "plaintext",
		"data": {"kind": "CloudFront distribution", "attribute": attribute_name(path), "value": "allow-all"},
	}
}

cloudfront_behaviour_paths(r) := array.concat(
	[["default_cache_behavior", 0, "viewer_protocol_policy"]],
	[["ordered_cache_behavior", i, "viewer_protocol_policy"] | some i, _ in object.get(r.attributes, "ordered_cache_behavior", [])],
)

deny contains finding if {
	some r in tf.of_type("aws_cloudfront_distribution")
	origins := object.get(r.attributes, "origin", [])
	is_array(origins)
	some i, origin in origins
	object.get(origin, ["custom_origin_config", 0, "origin_protocol_policy"], null) == "http-only"
	path := ["origin", i, "custom_origin_config", 0, "origin_protocol_policy"]
	finding := {
		"resource": r.id,
		"path": path,
		"message": "plaintext",
		"data": {"kind": "CloudFront distribution", "attribute": attribute_name(path), "value": "http-only"},
	}
}

unknown contains {"resource": r.id, "path": path} if {
	some r in tf.of_type("aws_cloudfront_distribution")
	some path in cloudfront_behaviour_paths(r)
	values.is_unknown(values.value_at(r.attributes, path, null))
}

# Front Door: HTTP accepted (the default supported_protocols include Http) while the redirect is switched off.
deny contains finding if {
	some r in tf.of_type("azurerm_cdn_frontdoor_route")
	protocols := object.get(r.attributes, "supported_protocols", ["Http", "Https"])
	is_array(protocols)
	"Http" in protocols
	object.get(r.attributes, "https_redirect_enabled", true) == false
	finding := {
		"resource": r.id,
		"path": ["https_redirect_enabled"],
		"message": "plaintext",
		"data": {"kind": "Front Door route", "attribute": "https_redirect_enabled", "value": false},
	}
}

# Cloud SQL: ssl_mode, or the deprecated require_ssl, decides whether unencrypted connections are accepted.
deny contains finding if {
	some r in tf.of_type("google_sql_database_instance")
	path := ["settings", 0, "ip_configuration", 0, "ssl_mode"]
	values.value_at(r.attributes, path, null) == "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
	finding := {
		"resource": r.id,
		"path": path,
		"message": "plaintext",
		"data": {"kind": "Cloud SQL instance", "attribute": "settings.ip_configuration.ssl_mode", "value": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"},
	}
}

deny contains finding if {
	some r in tf.of_type("google_sql_database_instance")
	ip_configuration := ["settings", 0, "ip_configuration", 0]
	values.value_at(r.attributes, array.concat(ip_configuration, ["ssl_mode"]), null) == null
	require_ssl := values.value_at(r.attributes, array.concat(ip_configuration, ["require_ssl"]), null)
	values.known(require_ssl)
	normalise(require_ssl) != true
	finding := {"resource": r.id, "path": ip_configuration, "message": "cloud_sql_default"}
}

unknown contains {"resource": r.id, "path": path} if {
	some r in tf.of_type("google_sql_database_instance")
	some attribute in ["ssl_mode", "require_ssl"]
	path := ["settings", 0, "ip_configuration", 0, attribute]
	values.is_unknown(values.value_at(r.attributes, path, null))
}

attribute_name(path) := concat(".", [segment | some segment in path; is_string(segment)])
