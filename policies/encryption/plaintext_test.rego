package evident.rules.encryption.plaintext_test

import data.evident.rules.encryption.plaintext as rule
import rego.v1

resource(id, type, attributes) := {"id": id, "address": sprintf("%s.%s", [type, id]), "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}

with_resources(list) := {"resources": list}

test_tls_only_services_allowed if {
	resources := [
		resource("st", "azurerm_storage_account", {}),
		resource("redis", "azurerm_redis_cache", {"enable_non_ssl_port": false}),
		resource("app", "azurerm_linux_web_app", {"https_only": true}),
		resource("cache", "aws_elasticache_replication_group", {"transit_encryption_enabled": "true"}),
		resource("valkey", "aws_elasticache_replication_group", {"engine": "valkey"}),
		resource("search", "aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": true}]}),
		resource("sql", "google_sql_database_instance", {"settings": [{"ip_configuration": [{"require_ssl": true}]}]}),
	]
	count(rule.deny) == 0 with input as with_resources(resources)
	count(rule.applies) == 6 with input as with_resources(resources)
}

test_plaintext_switches_denied_with_values if {
	rule.deny == {
		{"resource": "redis", "path": ["non_ssl_port_enabled"], "message": "plaintext", "data": {"kind": "Redis cache", "attribute": "non_ssl_port_enabled", "value": true}},
		{"resource": "app", "path": ["https_only"], "message": "plaintext_default", "data": {"kind": "Web app", "attribute": "https_only", "value": false}},
	} with input as with_resources([
		resource("redis", "azurerm_redis_cache", {"non_ssl_port_enabled": true}),
		resource("app", "azurerm_linux_web_app", {}),
	])
}

test_http_listener_needs_an_https_redirect if {
	forward := resource("lb", "aws_lb_listener", {"protocol": "HTTP", "default_action": [{"type": "forward"}]})
	redirect_http := resource("lb", "aws_lb_listener", {"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTP"}]}]})
	redirect_https := resource("lb", "aws_lb_listener", {"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS"}]}]})
	fixed := resource("lb", "aws_lb_listener", {"protocol": "HTTP", "default_action": [{"type": "fixed-response"}]})
	count(rule.deny) == 1 with input as with_resources([forward])
	count(rule.deny) == 1 with input as with_resources([redirect_http])
	count(rule.deny) == 0 with input as with_resources([redirect_https])
	count(rule.deny) == 0 with input as with_resources([fixed])
}

test_server_parameters_off_denied if {
	resources := [
		resource("pg", "azurerm_postgresql_flexible_server_configuration", {"name": "require_secure_transport", "value": "OFF"}),
		resource("other", "azurerm_postgresql_flexible_server_configuration", {"name": "work_mem", "value": "off"}),
		resource("rds", "aws_db_parameter_group", {"parameter": [{"name": "rds.force_ssl", "value": "1"}, {"name": "require_secure_transport", "value": "0"}]}),
	]
	{[f.resource, f.path] | some f in rule.deny} == {["pg", ["value"]], ["rds", ["parameter", 1, "value"]]} with input as with_resources(resources)
}

test_cloudfront_and_cloud_sql_defaults if {
	resources := [
		resource("cdn", "aws_cloudfront_distribution", {
			"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}],
			"ordered_cache_behavior": [{"viewer_protocol_policy": "allow-all"}],
			"origin": [{"custom_origin_config": [{"origin_protocol_policy": "http-only"}]}],
		}),
		resource("sql", "google_sql_database_instance", {"settings": [{}]}),
	]
	{[f.resource, f.message] | some f in rule.deny} == {["cdn", "plaintext"], ["sql", "cloud_sql_default"]} with input as with_resources(resources)
	count(rule.deny) == 3 with input as with_resources(resources)
}

test_unknown_values_are_unknown if {
	resources := [
		resource("app", "azurerm_linux_web_app", {"https_only": {"__unknown__": "var"}}),
		resource("lb", "aws_lb_listener", {"protocol": "HTTP", "default_action": {"__unknown__": "dynamic"}}),
	]
	count(rule.deny) == 0 with input as with_resources(resources)
	rule.unknown == {{"resource": "app", "path": ["https_only"]}, {"resource": "lb", "path": ["default_action"]}} with input as with_resources(resources)
}
