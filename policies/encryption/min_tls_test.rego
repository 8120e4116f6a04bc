package evident.rules.encryption.min_tls_test

import data.evident.rules.encryption.min_tls as rule
import rego.v1

profile := {"encryption": {"minTlsVersion": "1.2"}}

resource(id, type, attributes) := {"id": id, "address": sprintf("%s.%s", [type, id]), "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}

with_resources(list) := {"resources": list}

test_versions_at_or_above_the_minimum_allowed if {
	resources := [
		resource("st", "azurerm_storage_account", {"min_tls_version": "TLS1_2"}),
		resource("redis", "azurerm_redis_cache", {"minimum_tls_version": "1.2"}),
		resource("cosmos", "azurerm_cosmosdb_account", {}),
		resource("lb", "aws_lb_listener", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-3-2021-06"}),
		resource("ssl", "google_compute_ssl_policy", {"min_tls_version": "TLS_1_2"}),
		resource("api", "aws_api_gateway_domain_name", {"security_policy": "SecurityPolicy_TLS13_1_2_2021_06"}),
	]
	count(rule.deny) == 0 with input as with_resources(resources) with data.profile as profile
	count(rule.applies) == 6 with input as with_resources(resources) with data.profile as profile
}

test_explicit_old_version_denied_with_the_numbers if {
	rule.deny == {{
		"resource": "st",
		"path": ["min_tls_version"],
		"message": "below",
		"data": {"kind": "Storage account", "attribute": "min_tls_version", "value": "TLS1_1", "version": "TLS 1.1", "min": "TLS 1.2"},
	}} with input as with_resources([resource("st", "azurerm_storage_account", {"min_tls_version": "TLS1_1"})]) with data.profile as profile
}

test_provider_defaults_below_the_minimum_denied if {
	resources := [
		resource("redis", "azurerm_redis_cache", {}),
		resource("lb", "aws_lb_listener", {"protocol": "TLS"}),
		resource("ssl", "google_compute_ssl_policy", {}),
		resource("search", "aws_opensearch_domain", {}),
	]
	{[f.resource, f.message] | some f in rule.deny} == {
		["redis", "default_below"],
		["lb", "default_below"],
		["ssl", "default_below"],
		["search", "default_below"],
	} with input as with_resources(resources) with data.profile as profile
}

test_plain_http_listener_not_evaluated if {
	count(rule.applies) == 1 with input as with_resources([resource("lb", "aws_lb_listener", {"protocol": "HTTP"})]) with data.profile as profile
	count(rule.deny) == 0 with input as with_resources([resource("lb", "aws_lb_listener", {"protocol": "HTTP"})]) with data.profile as profile
}

test_enforcement_disabled_denied if {
	some finding in rule.deny with input as with_resources([resource("sql", "azurerm_mssql_server", {"minimum_tls_version": "Disabled"})]) with data.profile as profile
	finding.message == "enforcement_disabled"
}

test_apim_old_protocols_and_default_certificate_denied if {
	resources := [
		resource("apim", "azurerm_api_management", {"security": [{"frontend_tls10_enabled": true, "backend_tls11_enabled": false}]}),
		resource("cdn", "aws_cloudfront_distribution", {"viewer_certificate": [{"cloudfront_default_certificate": true}]}),
		resource("proxy", "google_compute_target_ssl_proxy", {}),
	]
	{[f.resource, f.message] | some f in rule.deny} == {
		["apim", "protocol_enabled"],
		["cdn", "cloudfront_default_certificate"],
		["proxy", "default_ssl_policy"],
	} with input as with_resources(resources) with data.profile as profile
}

test_unknown_and_unrecognised_values_are_unknown if {
	resources := [
		resource("st", "azurerm_storage_account", {"min_tls_version": {"__unknown__": "var"}}),
		resource("lb", "aws_lb_listener", {"protocol": "HTTPS", "ssl_policy": "CustomPolicy"}),
	]
	count(rule.deny) == 0 with input as with_resources(resources) with data.profile as profile
	{u.resource | some u in rule.unknown} == {"st", "lb"} with input as with_resources(resources) with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as with_resources([resource("st", "azurerm_storage_account", {"min_tls_version": "TLS1_2"})]) with data.profile as {"encryption": {"minTlsVersion": "1.3"}}
}
