package evident.rules.rotation.secrets_manager_test

import data.evident.rules.rotation.secrets_manager as rule
import rego.v1

profile := {"rotation": {"secretDays": 35}}

secret := {"id": "s", "address": "aws_secretsmanager_secret.db", "source": "terraform", "type": "aws_secretsmanager_secret", "mode": "resource", "attributes": {"name": "db"}}

rotation(rules) := {
	"id": "r",
	"address": "aws_secretsmanager_secret_rotation.db",
	"source": "terraform",
	"type": "aws_secretsmanager_secret_rotation",
	"mode": "resource",
	"attributes": {"secret_id": {"__unknown__": "known after apply"}, "rotation_rules": [rules]},
	"references": {"secret_id": ["aws_secretsmanager_secret.db"]},
}

test_rotation_within_the_period_allowed if {
	every rules in [
		{"automatically_after_days": 30},
		{"schedule_expression": "rate(35 days)"},
		{"schedule_expression": "rate(12 hours)"},
		{"schedule_expression": "cron(0 4 ? * MON *)"},
	] {
		count(rule.deny) == 0 with input as {"resources": [secret, rotation(rules)]} with data.profile as profile
	}
}

test_secret_without_rotation_denied if {
	rule.deny == {{"resource": "s", "path": [], "message": "no_rotation", "data": {"max": 35}}} with input as {"resources": [secret]} with data.profile as profile
}

test_slow_rotation_denied if {
	rule.deny == {{
		"resource": "r",
		"path": ["rotation_rules", 0, "automatically_after_days"],
		"message": "too_slow",
		"data": {"days": 60, "schedule": "automatically_after_days 60", "max": 35},
	}} with input as {"resources": [secret, rotation({"automatically_after_days": 60})]} with data.profile as profile
	count(rule.deny) == 1 with input as {"resources": [secret, rotation({"schedule_expression": "rate(2 days)"})]} with data.profile as {"rotation": {"secretDays": 1}}
}

test_rotation_without_schedule_denied if {
	{f.message | some f in rule.deny} == {"no_schedule"} with input as {"resources": [secret, rotation({})]} with data.profile as profile
}

test_unresolved_secret_reference_makes_secrets_unknown if {
	from_module := object.union(rotation({"automatically_after_days": 30}), {"references": {"secret_id": ["module.secrets"]}})
	count(rule.deny) == 0 with input as {"resources": [secret, from_module]} with data.profile as profile
	{u.resource | some u in rule.unknown} == {"s"} with input as {"resources": [secret, from_module]} with data.profile as profile
}

test_unknown_and_unparsed_schedules_are_unknown if {
	count(rule.deny) == 0 with input as {"resources": [secret, rotation({"automatically_after_days": {"__unknown__": "var"}})]} with data.profile as profile
	count(rule.unknown) == 1 with input as {"resources": [secret, rotation({"automatically_after_days": {"__unknown__": "var"}})]} with data.profile as profile
	count(rule.deny) == 0 with input as {"resources": [secret, rotation({"schedule_expression": "cron(0 4 1 1/3 ? *)"})]} with data.profile as profile
	count(rule.unknown) == 1 with input as {"resources": [secret, rotation({"schedule_expression": "cron(0 4 1 1/3 ? *)"})]} with data.profile as profile
}
