package evident.rules.rotation.vault_database_role_test

import data.evident.rules.rotation.vault_database_role as rule
import rego.v1

profile := {"rotation": {"databaseCredentialHours": 24}}

resource(id, type, attributes) := {"id": id, "address": sprintf("%s.%s", [type, id]), "source": "terraform", "type": type, "mode": "resource", "attributes": attributes, "meta": {"root": "."}}

role(attributes) := resource("app", "vault_database_secret_backend_role", object.union({"name": "app", "backend": "postgres"}, attributes))

mount(attributes) := resource("db", "vault_mount", object.union({"path": "postgres", "type": "database"}, attributes))

test_bounded_roles_allowed if {
	count(rule.deny) == 0 with input as {"resources": [role({"default_ttl": 3600, "max_ttl": 86400})]} with data.profile as profile
	count(rule.deny) == 0 with input as {"resources": [role({}), mount({"max_lease_ttl_seconds": 86400})]} with data.profile as profile
	count(rule.deny) == 0 with input as {"resources": [role({"max_ttl": "86400"})]} with data.profile as profile
	rule.applies == {"app"} with input as {"resources": [role({})]} with data.profile as profile
}

test_long_ttl_denied_with_hours if {
	rule.deny == {{
		"resource": "app",
		"path": ["max_ttl"],
		"message": "too_long",
		"data": {"name": "app", "attribute": "max_ttl", "hours": 168, "max": 24},
	}} with input as {"resources": [role({"default_ttl": 3600, "max_ttl": 604800})]} with data.profile as profile
	count(rule.deny) == 1 with input as {"resources": [role({"default_ttl": 172800, "max_ttl": 86400})]} with data.profile as profile
}

test_inherited_mount_maximum_decides if {
	rule.deny == {{
		"resource": "app",
		"path": ["backend"],
		"message": "mount_too_long",
		"data": {"name": "app", "mount": "vault_mount.db", "hours": 720, "max": 24},
	}} with input as {"resources": [role({}), mount({"max_lease_ttl_seconds": 2592000})]} with data.profile as profile
}

test_no_maximum_anywhere_denied if {
	{f.message | some f in rule.deny} == {"unbounded"} with input as {"resources": [role({})]} with data.profile as profile
	{f.message | some f in rule.deny} == {"unbounded"} with input as {"resources": [role({"max_ttl": 0}), mount({})]} with data.profile as profile
}

test_static_role_rotation_period if {
	static := resource("s", "vault_database_secret_backend_static_role", {"name": "migrator", "rotation_period": 172800})
	{f.data.attribute | some f in rule.deny} == {"rotation_period"} with input as {"resources": [static]} with data.profile as profile
}

test_unknown_ttl_or_mount_is_unknown if {
	count(rule.deny) == 0 with input as {"resources": [role({"max_ttl": {"__unknown__": "var"}})]} with data.profile as profile
	rule.unknown == {{"resource": "app", "path": ["max_ttl"]}} with input as {"resources": [role({"max_ttl": {"__unknown__": "var"}})]} with data.profile as profile
	from_module := object.union(role({"backend": {"__unknown__": "module output"}}), {"references": {"backend": ["module.vault"]}})
	count(rule.deny) == 0 with input as {"resources": [from_module]} with data.profile as profile
	count(rule.unknown) == 1 with input as {"resources": [from_module]} with data.profile as profile
}

test_profile_decides if {
	count(rule.deny) == 1 with input as {"resources": [role({"max_ttl": 7200})]} with data.profile as {"rotation": {"databaseCredentialHours": 1}}
}
