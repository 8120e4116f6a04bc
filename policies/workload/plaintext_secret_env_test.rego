package evident.rules.workload.plaintext_secret_env_test

import data.evident.rules.workload.plaintext_secret_env as rule
import rego.v1

pod(env) := {"resources": [{"id": "p", "source": "kubernetes", "type": "Pod", "attributes": {"spec": {"containers": [{"name": "a", "env": env}]}}}]}

test_literal_password_denied if {
	some finding in rule.deny with input as pod([{"name": "SMTP_PASSWORD", "value": "hunter2"}])
	finding.path == ["spec", "containers", 0, "env", 0, "value"]
	finding.data == {"container": "a", "variable": "SMTP_PASSWORD"}
}

test_api_key_and_token_denied if {
	count(rule.deny) == 2 with input as pod([{"name": "STRIPE_API_KEY", "value": "sk"}, {"name": "githubToken", "value": "t"}])
}

test_references_and_plain_settings_allowed if {
	count(rule.deny) == 0 with input as pod([
		{"name": "PASSWORD_FILE", "value": "/run/secrets/db"},
		{"name": "EMPTY_PASSWORD", "value": ""},
		{"name": "ALLOW_EMPTY_PASSWORD", "value": "no"},
		{"name": "REDIS_TLS_AUTH_CLIENTS", "value": "yes"},
		{"name": "DB_PASSWORD", "value": "$(VAULT_DB_PASSWORD)"},
		{"name": "LOG_LEVEL", "value": "debug"},
		{"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "t", "key": "t"}}},
	])
}
