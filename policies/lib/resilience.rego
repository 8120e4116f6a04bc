# Settings of databases, caches and vaults that backups, redundancy and deletion protection depend on.
package evident.lib.resilience

import data.evident.lib.tagging
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

# The resource's environment when it can be told: the deployment name, else the Environment tag (a Google label
# is lowercase).
environment(r) := env if {
	env := tf.environment(r)
	is_string(env)
} else := env if {
	env := tagging.tag(r, "Environment").value
	is_string(env)
}

# Resources of `types` whose environment is one of `environments`.
in_environments(types, environments) := [r |
	some r in tf.of_types(types)
	environment(r) in environments
]

# An attribute as the provider sees it: {"state": "unknown" | "default" | "set", "value", "path"}; "default" when the
# configuration leaves it out (the value is then the provider default given).
setting(r, path, default_value) := {"state": "unknown", "value": value, "path": path} if {
	value := values.value_at(r.attributes, path, null)
	values.is_unknown(value)
} else := {"state": "default", "value": default_value, "path": path} if {
	object.get(r.attributes, path, null) == null
} else := {"state": "set", "value": object.get(r.attributes, path, null), "path": path}

# Numbers and booleans written as strings ("35", "true") are what Terraform converts them to.
number(value) := value if is_number(value)

number(value) := to_number(value) if {
	is_string(value)
	regex.match(`^\s*[0-9]+(\.[0-9]+)?\s*$`, value)
}

boolean(value) := value if is_boolean(value)

boolean(value) := lower(value) == "true" if {
	is_string(value)
	lower(value) in {"true", "false"}
}

# Case-insensitive string value; undefined for anything else.
text(value) := lower(value) if is_string(value)

# Aurora DB instances keep backups, redundancy and protection at their cluster.
aurora_instance(r) if {
	r.type == "aws_db_instance"
	startswith(text(object.get(r.attributes, "engine", "")), "aurora")
}

# Read replicas restore from and fail over to their source.
replica(r) if {
	r.type == "aws_db_instance"
	object.get(r.attributes, "replicate_source_db", null) != null
}

replica(r) if {
	r.type == "google_sql_database_instance"
	object.get(r.attributes, "master_instance_name", null) != null
}

replica(r) if {
	r.type == "azurerm_mssql_database"
	text(object.get(r.attributes, "create_mode", "")) in {"secondary", "onlinesecondary"}
}

replica(r) if {
	r.type in {"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"}
	text(object.get(r.attributes, "create_mode", "")) == "replica"
}

exempt(r) if aurora_instance(r)

exempt(r) if replica(r)

# Cloud SQL backup settings.
sql_backup := ["settings", 0, "backup_configuration", 0]

sql_backup_path(attribute) := array.concat(sql_backup, [attribute])
