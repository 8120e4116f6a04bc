# METADATA
# title: Vault database credentials live longer than the database credential period
# description: >-
#   Database credentials are Vault dynamic secrets that live at most `rotation.databaseCredentialHours` (24 hours).
#   A `vault_database_secret_backend_role` must keep `default_ttl` and `max_ttl` (seconds) within the maximum.
#   Decision for an unset (or 0) `max_ttl`: the role inherits its mount's `max_lease_ttl_seconds`, so the role passes
#   when the `vault_mount` / `vault_database_secrets_mount` it names (by reference or by path, in the same
#   configuration) sets one within the maximum; when the mount sets none or is not in the scanned configuration,
#   credentials may live up to Vault's system maximum (768 hours unless the server is tuned) and the role is reported.
#   Static roles (`vault_database_secret_backend_static_role`) must rotate their password (`rotation_period`) within
#   the same maximum.
# custom:
#   id: EVD-ROT-008
#   severity: high
#   category: rotation
#   remediation: Set `max_ttl` (and `default_ttl`) on the role, or `max_lease_ttl_seconds` on its mount, to at most the credential period in seconds (86400 for 24 h).
#   parameters: [rotation.databaseCredentialHours]
#   messages:
#     too_long: Database role "{{name}}" {{attribute}} is {{hours}} h; credentials may live at most {{max}} h
#     mount_too_long: >-
#       Database role "{{name}}" sets no max_ttl and its mount {{mount}} allows leases of {{hours}} h; the maximum is
#       {{max}} h
#     unbounded: >-
#       Database role "{{name}}" sets no max_ttl and no mount in the configuration sets max_lease_ttl_seconds, so
#       credentials may live up to Vault's system maximum (768 h unless tuned); the maximum is {{max}} h
package evident.rules.rotation.vault_database_role

import data.evident.lib.links
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

max_hours := data.profile.rotation.databaseCredentialHours

limit := max_hours * 3600

roles := tf.of_type("vault_database_secret_backend_role")

static_roles := tf.of_type("vault_database_secret_backend_static_role")

mounts := tf.of_types({"vault_mount", "vault_database_secrets_mount"})

applies contains r.id if some r in roles

applies contains r.id if {
	some r in static_roles
	object.get(r.attributes, "rotation_period", null) != null
}

# Seconds in a TTL: a number, a numeric string, or a Vault duration ("24h").
seconds(value) := value if is_number(value)

seconds(value) := to_number(value) if {
	is_string(value)
	regex.match(`^\d+$`, value)
}

seconds(value) := values.duration_seconds(value) if {
	is_string(value)
	not regex.match(`^\d+$`, value)
}

hours(value) := round((seconds(value) / 3600) * 10) / 10

role_name(r) := object.get(r.attributes, "name", r.address)

deny contains finding if {
	some r in roles
	some attribute in ["default_ttl", "max_ttl"]
	value := object.get(r.attributes, attribute, null)
	seconds(value) > limit
	finding := too_long(r, attribute, value)
}

deny contains finding if {
	some r in static_roles
	value := object.get(r.attributes, "rotation_period", null)
	seconds(value) > limit
	finding := too_long(r, "rotation_period", value)
}

too_long(r, attribute, value) := {
	"resource": r.id,
	"path": [attribute],
	"message": "too_long",
	"data": {"name": role_name(r), "attribute": attribute, "hours": hours(value), "max": max_hours},
}

# max_ttl unset or 0: the mount's maximum applies.
inherits_max(r) if object.get(r.attributes, "max_ttl", 0) in {0, null, "0"}

role_mounts(r) := {mount |
	some key in links.link_keys(r, "backend")
	some mount in object.get(mounts_by_key, key, set())
}

mounts_by_key[key] contains mount if {
	some mount in mounts
	some key in links.target_keys(mount)
}

mount_keys := links.keys_of(mounts)

mount_max(mount) := object.get(mount.attributes, "max_lease_ttl_seconds", 0)

deny contains finding if {
	some r in roles
	inherits_max(r)
	some mount in role_mounts(r)
	value := mount_max(mount)
	seconds(value) > limit
	finding := {
		"resource": r.id,
		"path": ["backend"],
		"message": "mount_too_long",
		"data": {"name": role_name(r), "mount": mount.address, "hours": hours(value), "max": max_hours},
	}
}

deny contains finding if {
	some r in roles
	inherits_max(r)
	not bounded_by_mount(r)
	not mount_undecided(r)
	finding := {"resource": r.id, "path": [], "message": "unbounded", "data": {"name": role_name(r), "max": max_hours}}
}

bounded_by_mount(r) if {
	some mount in role_mounts(r)
	seconds(mount_max(mount)) > 0
}

# The backend comes from outside what Evident evaluates, or the mount's maximum is not known yet.
mount_undecided(r) if {
	values.is_unknown(object.get(r.attributes, "backend", null))
	links.unresolved(r, "backend", mount_keys)
}

mount_undecided(r) if {
	some mount in role_mounts(r)
	values.is_unknown(mount_max(mount))
}

unknown contains {"resource": r.id, "path": [attribute]} if {
	some r in roles
	some attribute in ["default_ttl", "max_ttl"]
	values.is_unknown(object.get(r.attributes, attribute, null))
}

unknown contains {"resource": r.id, "path": ["rotation_period"]} if {
	some r in static_roles
	values.is_unknown(object.get(r.attributes, "rotation_period", null))
}

unknown contains {"resource": r.id, "path": ["backend"], "reason": "the role's mount, whose max_lease_ttl_seconds bounds its credentials, is not known before apply"} if {
	some r in roles
	inherits_max(r)
	not bounded_by_mount(r)
	mount_undecided(r)
}
