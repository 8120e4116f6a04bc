# METADATA
# title: Service accepts a TLS version below the minimum
# description: >-
#   Traffic in transit uses TLS 1.2 or later (`encryption.minTlsVersion`). Checked wherever a resource exposes the
#   setting: Azure storage accounts (`min_tls_version`, default TLS1_2), Redis (`minimum_tls_version`, default 1.0 in
#   the provider), SQL servers and managed instances (`Disabled` accepts every version), PostgreSQL flexible servers
#   (the `ssl_min_protocol_version` server parameter), MySQL flexible servers (`tls_version`), the single-server
#   PostgreSQL/MySQL (`ssl_minimal_tls_version_enforced`), web and function apps and their slots
#   (`site_config.minimum_tls_version` and `scm_minimum_tls_version`, default 1.2), Cosmos DB (`minimal_tls_version`),
#   Event Hubs and Service Bus namespaces, API Management (`security` protocol switches, 4.x and 3.x names),
#   Application Gateway (`ssl_policy`, when set) and Front Door custom domains; AWS load balancer HTTPS/TLS listeners
#   (`ssl_policy`; without one AWS applies ELBSecurityPolicy-2016-08, TLS 1.0), CloudFront
#   (`minimum_protocol_version`, default TLSv1; the default *.cloudfront.net certificate always accepts TLS 1.0),
#   OpenSearch/Elasticsearch (`tls_security_policy`; AWS's default policy accepts TLS 1.0) and API Gateway domains
#   (`security_policy`; the default accepts TLS 1.0); Google SSL policies (`min_tls_version`, default TLS_1_0) and
#   HTTPS/SSL proxies without an SSL policy (Google's default policy accepts TLS 1.0). Cloud SQL's `ssl_mode` is about
#   plaintext connections and is checked by EVD-ENC-004.
# custom:
#   id: EVD-ENC-003
#   severity: high
#   category: encryption
#   remediation: >-
#     Set the resource's minimum TLS version (or choose a security policy) of at least the profile's minimum, e.g.
#     `min_tls_version = "TLS1_2"`, `minimum_tls_version = "1.2"`, `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"`,
#     `minimum_protocol_version = "TLSv1.2_2021"`, `min_tls_version = "TLS_1_2"`.
#   parameters: [encryption.minTlsVersion]
#   messages:
#     below: '{{kind}} accepts {{version}} ({{attribute}} = {{value}}); the minimum is {{min}}'
#     default_below: '{{kind}} does not set {{attribute}}: the default {{value}} accepts {{version}}; the minimum is {{min}}'
#     enforcement_disabled: '{{kind}} accepts every TLS version ({{attribute}} = {{value}}); the minimum is {{min}}'
#     protocol_enabled: 'API Management enables {{version}} ({{attribute}} = true); the minimum is {{min}}'
#     cloudfront_default_certificate: >-
#       CloudFront distribution uses the default *.cloudfront.net certificate, which accepts TLS 1.0; the minimum is {{min}}
#     default_ssl_policy: "{{kind}} has no ssl_policy: Google's default SSL policy accepts TLS 1.0; the minimum is {{min}}"
package evident.rules.encryption.min_tls

import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import data.evident.lib.tls
import data.evident.lib.values
import rego.v1

app_service_settings := [
	{"path": ["site_config", 0, "minimum_tls_version"], "default": "1.2"},
	{"path": ["site_config", 0, "scm_minimum_tls_version"], "default": "1.2"},
]

single_server_settings := [{"path": ["ssl_minimal_tls_version_enforced"], "default": "TLS1_2"}]

# Attributes holding a TLS version, with the provider default (null: not evaluated when absent).
attributes := {
	"azurerm_storage_account": [{"path": ["min_tls_version"], "default": "TLS1_2"}],
	"azurerm_redis_cache": [{"path": ["minimum_tls_version"], "default": "1.0"}],
	"azurerm_redis_enterprise_cluster": [{"path": ["minimum_tls_version"], "default": "1.2"}],
	"azurerm_mssql_server": [{"path": ["minimum_tls_version"], "default": "1.2"}],
	"azurerm_mssql_managed_instance": [{"path": ["minimum_tls_version"], "default": "1.2"}],
	"azurerm_postgresql_server": single_server_settings,
	"azurerm_mysql_server": single_server_settings,
	"azurerm_cosmosdb_account": [{"path": ["minimal_tls_version"], "default": "Tls12"}],
	"azurerm_eventhub_namespace": [{"path": ["minimum_tls_version"], "default": "1.2"}],
	"azurerm_servicebus_namespace": [{"path": ["minimum_tls_version"], "default": "1.2"}],
	"azurerm_linux_web_app": app_service_settings,
	"azurerm_windows_web_app": app_service_settings,
	"azurerm_linux_web_app_slot": app_service_settings,
	"azurerm_windows_web_app_slot": app_service_settings,
	"azurerm_linux_function_app": app_service_settings,
	"azurerm_windows_function_app": app_service_settings,
	"azurerm_linux_function_app_slot": app_service_settings,
	"azurerm_windows_function_app_slot": app_service_settings,
	"azurerm_app_service": [{"path": ["site_config", 0, "min_tls_version"], "default": "1.2"}],
	"azurerm_function_app": [{"path": ["site_config", 0, "min_tls_version"], "default": "1.2"}],
	"azurerm_cdn_frontdoor_custom_domain": [{"path": ["tls", 0, "minimum_tls_version"], "default": "TLS12"}],
	"azurerm_application_gateway": [{"path": ["ssl_policy", 0, "min_protocol_version"], "default": null}],
	"google_compute_ssl_policy": [{"path": ["min_tls_version"], "default": "TLS_1_0"}],
	"aws_cloudfront_distribution": [{"path": ["viewer_certificate", 0, "minimum_protocol_version"], "default": "TLSv1", "parser": "cloudfront"}],
	"aws_opensearch_domain": [{"path": ["domain_endpoint_options", 0, "tls_security_policy"], "default": "Policy-Min-TLS-1-0-2019-07", "parser": "opensearch"}],
	"aws_elasticsearch_domain": [{"path": ["domain_endpoint_options", 0, "tls_security_policy"], "default": "Policy-Min-TLS-1-0-2019-07", "parser": "opensearch"}],
	"aws_api_gateway_domain_name": [{"path": ["security_policy"], "default": "TLS_1_0", "parser": "api_gateway"}],
	"aws_apigatewayv2_domain_name": [{"path": ["domain_name_configuration", 0, "security_policy"], "default": null, "parser": "api_gateway"}],
}

attribute_types := {type | some type, _ in attributes}

listener_types := {"aws_lb_listener", "aws_alb_listener"}

proxy_types := {"google_compute_target_https_proxy", "google_compute_region_target_https_proxy", "google_compute_target_ssl_proxy"}

apim_protocols := {
	"frontend_ssl30_enabled": 3, "frontend_tls10_enabled": 10, "frontend_tls11_enabled": 11,
	"backend_ssl30_enabled": 3, "backend_tls10_enabled": 10, "backend_tls11_enabled": 11,
	"enable_frontend_ssl30": 3, "enable_frontend_tls10": 10, "enable_frontend_tls11": 11,
	"enable_backend_ssl30": 3, "enable_backend_tls10": 10, "enable_backend_tls11": 11,
}

# Settings that accept every version.
enforcement_off := {"Disabled", "TLSEnforcementDisabled"}

minimum := tls.minimum

settings contains setting if {
	some r in tf.of_types(attribute_types)
	some spec in attributes[r.type]
	not cloudfront_default_certificate(r)
	value := values.value_at(r.attributes, spec.path, spec["default"])
	value != null
	setting := {
		"resource": r,
		"path": spec.path,
		"value": value,
		"defaulted": object.get(r.attributes, spec.path, null) == null,
		"parser": object.get(spec, "parser", "generic"),
	}
}

settings contains setting if {
	some r in tf.of_types(listener_types)
	r.attributes.protocol in {"HTTPS", "TLS"}
	value := object.get(r.attributes, "ssl_policy", null)
	setting := {
		"resource": r,
		"path": ["ssl_policy"],
		"value": object.get(r.attributes, "ssl_policy", "ELBSecurityPolicy-2016-08"),
		"defaulted": value == null,
		"parser": "elb",
	}
}

settings contains setting if {
	some r in tf.of_types({"azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration"})
	r.attributes.name in {"ssl_min_protocol_version", "tls_version"}
	setting := {"resource": r, "path": ["value"], "value": object.get(r.attributes, "value", null), "defaulted": false, "parser": "lowest"}
}

parse("generic", value) := tls.version(value)

parse("lowest", value) := tls.lowest(value)

parse("elb", value) := tls.elb_policy_version(value)

parse("cloudfront", value) := tls.cloudfront_version(value)

parse("opensearch", value) := tls.opensearch_version(value)

parse("api_gateway", value) := tls.api_gateway_version(value)

cloudfront_default_certificate(r) if {
	r.type == "aws_cloudfront_distribution"
	object.get(r.attributes, ["viewer_certificate", 0, "cloudfront_default_certificate"], false) == true
}

applies contains setting.resource.id if some setting in settings

applies contains r.id if some r in tf.of_types((({"azurerm_api_management"} | proxy_types) | listener_types))

applies contains r.id if {
	some r in tf.of_type("azurerm_application_gateway")
	object.get(r.attributes, ["ssl_policy", 0, "policy_name"], null) != null
}

deny contains finding if {
	some setting in settings
	values.known(setting.value)
	version := parse(setting.parser, setting.value)
	version < minimum
	finding := {
		"resource": setting.resource.id,
		"path": setting.path,
		"message": message(setting.defaulted),
		"data": {
			"kind": resource_kinds.kind(setting.resource.type),
			"attribute": attribute_name(setting.path),
			"value": setting.value,
			"version": tls.label(version),
			"min": tls.label(minimum),
		},
	}
}

message(true) := "default_below"

message(false) := "below"

deny contains finding if {
	some setting in settings
	setting.value in enforcement_off
	finding := {
		"resource": setting.resource.id,
		"path": setting.path,
		"message": "enforcement_disabled",
		"data": {
			"kind": resource_kinds.kind(setting.resource.type),
			"attribute": attribute_name(setting.path),
			"value": setting.value,
			"min": tls.label(minimum),
		},
	}
}

unknown contains {"resource": setting.resource.id, "path": setting.path} if {
	some setting in settings
	values.is_unknown(setting.value)
}

unknown contains {"resource": setting.resource.id, "path": setting.path, "reason": reason} if {
	some setting in settings
	values.known(setting.value)
	not setting.value in enforcement_off
	not parse(setting.parser, setting.value)
	reason := concat(" ", ["Evident does not know which TLS versions", json.marshal(setting.value), "accepts"])
}

unknown contains {"resource": r.id, "path": ["protocol"]} if {
	some r in tf.of_types(listener_types)
	values.is_unknown(object.get(r.attributes, "protocol", null))
}

# Application Gateway predefined policies (Predefined type).
deny contains finding if {
	some r in tf.of_type("azurerm_application_gateway")
	name := object.get(r.attributes, ["ssl_policy", 0, "policy_name"], null)
	version := tls.app_gateway_policy_version[name]
	version < minimum
	finding := {
		"resource": r.id,
		"path": ["ssl_policy", 0, "policy_name"],
		"message": "below",
		"data": {"kind": "Application gateway", "attribute": "ssl_policy.policy_name", "value": name, "version": tls.label(version), "min": tls.label(minimum)},
	}
}

deny contains finding if {
	some r in tf.of_type("azurerm_api_management")
	some name, version in apim_protocols
	object.get(r.attributes, ["security", 0, name], false) == true
	version < minimum
	finding := {
		"resource": r.id,
		"path": ["security", 0, name],
		"message": "protocol_enabled",
		"data": {"attribute": concat(".", ["security", name]), "version": tls.label(version), "min": tls.label(minimum)},
	}
}

unknown contains {"resource": r.id, "path": ["security", 0, name]} if {
	some r in tf.of_type("azurerm_api_management")
	some name, _ in apim_protocols
	values.is_unknown(values.value_at(r.attributes, ["security", 0, name], null))
}

deny contains finding if {
	some r in tf.of_type("aws_cloudfront_distribution")
	cloudfront_default_certificate(r)
	10 < minimum
	finding := {
		"resource": r.id,
		"path": ["viewer_certificate", 0, "cloudfront_default_certificate"],
		"message": "cloudfront_default_certificate",
		"data": {"min": tls.label(minimum)},
	}
}

deny contains finding if {
	some r in tf.of_types(proxy_types)
	object.get(r.attributes, "ssl_policy", null) == null
	10 < minimum
	finding := {"resource": r.id, "path": [], "message": "default_ssl_policy", "data": {"kind": resource_kinds.kind(r.type), "min": tls.label(minimum)}}
}

attribute_name(path) := concat(".", [segment | some segment in path; is_string(segment)])
