# METADATA
# title: Production database is not protected from deletion
# description: >-
#   Production databases are persistent (the architecture document's tear-down applies to dev deployments only); a
#   mistaken `terraform destroy`, a renamed resource that Terraform replaces, or a console click must not delete one.
#   In `resilience.deletionProtectionEnvironments` (prod): AWS RDS instances and clusters, DocumentDB and Neptune
#   clusters need `deletion_protection = true`, DynamoDB tables `deletion_protection_enabled = true` (all default
#   false); Cloud SQL instances keep `deletion_protection` (default true) or set `settings.deletion_protection_enabled`.
#   Azure has no such flag: PostgreSQL / MySQL flexible and single servers, SQL servers, databases and managed
#   instances and Cosmos DB accounts need an `azurerm_management_lock` with lock_level CanNotDelete (or ReadOnly) on
#   them, their SQL server, their resource group or the subscription, or `lifecycle { prevent_destroy = true }`. A lock
#   whose scope cannot be tied to a resource (a module output, an unset variable) makes the result unknown. Aurora
#   instances (their cluster is the protected resource), read replicas and resources whose environment is unknown are
#   not evaluated.
# custom:
#   id: EVD-RSL-006
#   severity: high
#   category: resilience
#   remediation: >-
#     Set the deletion protection attribute named in the finding; on Azure add an azurerm_management_lock with
#     lock_level = "CanNotDelete" on the server (or its resource group), or `lifecycle { prevent_destroy = true }`.
#   parameters: [resilience.deletionProtectionEnvironments]
#   messages:
#     disabled: '{{kind}} in {{environment}} can be deleted: {{attribute}} is {{value}}'
#     unlocked: '{{kind}} in {{environment}} can be deleted: no CanNotDelete lock on it, its resource group or subscription, and no lifecycle prevent_destroy'
package evident.rules.resilience.deletion_protection

import data.evident.lib.links
import data.evident.lib.resilience as res
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

flags := {
	"aws_db_instance": {"path": ["deletion_protection"], "fallback": false},
	"aws_rds_cluster": {"path": ["deletion_protection"], "fallback": false},
	"aws_docdb_cluster": {"path": ["deletion_protection"], "fallback": false},
	"aws_neptune_cluster": {"path": ["deletion_protection"], "fallback": false},
	"aws_dynamodb_table": {"path": ["deletion_protection_enabled"], "fallback": false},
}

azure_types := {
	"azurerm_postgresql_flexible_server",
	"azurerm_mysql_flexible_server",
	"azurerm_postgresql_server",
	"azurerm_mysql_server",
	"azurerm_mariadb_server",
	"azurerm_mssql_server",
	"azurerm_mssql_database",
	"azurerm_mssql_managed_instance",
	"azurerm_cosmosdb_account",
}

types := ({type | some type, _ in flags} | azure_types) | {"google_sql_database_instance"}

evaluated contains r if {
	some r in res.in_environments(types, data.profile.resilience.deletionProtectionEnvironments)
	not res.exempt(r)
}

applies contains r.id if some r in evaluated

ok := {"state": "ok"}

check(r) := flag(res.setting(r, spec.path, spec.fallback)) if spec := flags[r.type]

check(r) := cloud_sql(r) if r.type == "google_sql_database_instance"

check(r) := azure(r) if azure_types[r.type]

flag(s) := {"state": "unknown", "path": s.path} if {
	s.state == "unknown"
} else := ok if {
	res.boolean(s.value) == true
} else := {"state": "disabled", "path": s.path, "data": {"attribute": attribute(s.path), "value": shown(s)}}

cloud_sql(r) := ok if {
	res.boolean(object.get(r.attributes, ["settings", 0, "deletion_protection_enabled"], false)) == true
} else := flag(res.setting(r, ["deletion_protection"], true))

# --- Azure: management locks and prevent_destroy ---------------------------------------------

azure(r) := ok if {
	r.meta.preventDestroy == "true"
} else := ok if {
	some lock in locks
	known_level(lock)
	protects(lock, r)
} else := {"state": "unknown", "path": []} if {
	some lock in locks
	links.same_scope(lock, r)
	maybe_protects(lock, r)
} else := {"state": "unlocked", "path": [], "data": {}}

locks := tf.of_type("azurerm_management_lock")

blocking_levels := {"cannotdelete", "readonly"}

known_level(lock) if res.text(lock.attributes.lock_level) in blocking_levels

# Resource groups, managed or read as data sources: a lock may name either.
resource_groups := [g | some g in input.resources; g.type == "azurerm_resource_group"]

sql_servers := tf.of_type("azurerm_mssql_server")

# What a resource sits in: itself, its SQL server (databases), its resource group.
containers(r) := array.concat([r], [server | some server in sql_servers; links.refers(r, "server_id", server)])

protects(lock, r) if {
	some target in containers(r)
	links.refers(lock, "scope", target)
}

protects(lock, r) if {
	some target in containers(r)
	some group in resource_groups
	in_group(target, group)
	links.refers(lock, "scope", group)
}

# Literal resource IDs: the resource group's, or the resource's own.
protects(lock, r) if {
	links.same_scope(lock, r)
	some target in containers(r)
	scope := lock.attributes.scope
	is_string(scope)
	regex.match(`(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/?$`, scope)
	lower(trim_right(split(lower(scope), "/resourcegroups/")[1], "/")) == lower(target.attributes.resource_group_name)
}

protects(lock, r) if {
	links.same_scope(lock, r)
	some target in containers(r)
	scope := lock.attributes.scope
	is_string(scope)
	is_string(target.attributes.name)
	contains(lower(scope), "/providers/")
	endswith(lower(trim_right(scope, "/")), concat("", ["/", lower(target.attributes.name)]))
}

protects(lock, r) if {
	links.same_scope(lock, r)
	subscription_scope(lock)
}

subscription_scope(lock) if regex.match(`(?i)^/subscriptions/[^/]+/?$`, lock.attributes.scope)

subscription_scope(lock) if {
	some address in object.get(lock, ["references", "scope"], [])
	regex.match(`(^|\.)data\.azurerm_subscription\.`, address)
}

in_group(target, group) if links.refers(target, "resource_group_name", group)

in_group(target, group) if {
	is_string(target.attributes.resource_group_name)
	is_string(group.attributes.name)
	lower(target.attributes.resource_group_name) == lower(group.attributes.name)
	links.same_scope(target, group)
}

# A lock that may protect the resource: its level or scope is only known after apply and comes from outside
# the evaluated resources (a module output, a variable without a value).
maybe_protects(lock, r) if {
	values.is_unknown(lock.attributes.lock_level)
	protects(lock, r)
}

maybe_protects(lock, _) if {
	not is_string(lock.attributes.scope)
	count(object.get(lock, ["references", "scope"], [])) == 0
}

maybe_protects(lock, _) if {
	values.is_unknown(lock.attributes.scope)
	some address in object.get(lock, ["references", "scope"], [])
	regex.match(`^(.*\.)?module\.[^.]+$`, address)
}

shown(s) := sprintf("not set (default %v)", [s.value]) if s.state == "default"

else := sprintf("%v", [s.value])

attribute(path) := concat(".", [segment | some segment in path; is_string(segment)])

deny contains finding if {
	some r in evaluated
	result := check(r)
	not result.state in {"ok", "unknown"}
	finding := {
		"resource": r.id,
		"path": result.path,
		"message": result.state,
		"data": object.union({"kind": resource_kinds.kind(r.type), "environment": res.environment(r)}, result.data),
	}
}

unknown contains {"resource": r.id, "path": result.path} if {
	some r in evaluated
	result := check(r)
	result.state == "unknown"
}
