# METADATA
# title: PaaS data service has no private endpoint
# description: >-
#   In the environments the profile lists, Azure PaaS services of the data zone (databases, caches, storage,
#   key vaults, registries, messaging) are reached through private endpoints only. A service passes when an
#   azurerm_private_endpoint connects to it (its private_service_connection refers to the service), when it is
#   VNet-integrated (a delegated subnet for PostgreSQL and MySQL Flexible Server, a subnet for Redis), or when
#   its public network access is disabled (nothing can reach it from outside). Otherwise it is reached over its
#   public endpoint: public network access is on, explicitly or by the provider default.
# custom:
#   id: EVD-NET-007
#   severity: high
#   category: network
#   remediation: Add an azurerm_private_endpoint for the service in the deployment's subnet and disable public network access.
#   parameters: [zones.privateEndpointEnvironments, zones.dataTypes, zones.label]
#   messages:
#     missing: "{{name}} ({{type}}) has no private endpoint and its public network access is not disabled; {{environment}} requires private endpoints"
package evident.rules.network.private_endpoint

import data.evident.lib.firewall as fw
import data.evident.lib.terraform as tf
import data.evident.lib.values
import data.evident.lib.zones
import rego.v1

service_types := {
	"azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_mssql_server",
	"azurerm_cosmosdb_account", "azurerm_redis_cache", "azurerm_storage_account", "azurerm_key_vault",
	"azurerm_container_registry", "azurerm_eventhub_namespace", "azurerm_servicebus_namespace",
}

services := [r |
	some r in tf.of_types(service_types)
	zones.in_data_zone(r)
	tf.in_environments(r, data.profile.zones.privateEndpointEnvironments)
]

endpoints := tf.of_type("azurerm_private_endpoint")

applies contains r.id if some r in services

connected(r) if endpoint_targets[[fw.scope(r), r.address]]

# An endpoint outside a module names the service through the module's output.
connected(r) if {
	some [scope, address] in endpoint_targets
	startswith(address, "module.")
	scope == fw.scope(r)
	startswith(r.address, concat("", [address, "."]))
}

# [scope, address] of everything a private endpoint refers to.
endpoint_targets := {[fw.scope(endpoint), address] |
	some endpoint in endpoints
	some addresses in object.get(endpoint, "references", {})
	some address in addresses
}

# Plan JSON: the endpoint names the service by its id.
connected(r) if {
	is_string(r.attributes.id)
	some endpoint in endpoints
	some connection in object.get(endpoint.attributes, "private_service_connection", [])
	connection.private_connection_resource_id == r.attributes.id
}

vnet_integrated(r) if {
	some attribute in ["delegated_subnet_id", "subnet_id"]
	object.get(r.attributes, attribute, null) != null
}

# Public network access: true, false, or an unknown value; not set means the provider default, true.
public(r) := lower(r.attributes.public_network_access) == "enabled" if is_string(r.attributes.public_network_access)

else := r.attributes.public_network_access if values.is_unknown(r.attributes.public_network_access)

else := object.get(r.attributes, "public_network_access_enabled", true)

public_path(r) := ["public_network_access"] if "public_network_access" in object.keys(r.attributes)

else := ["public_network_access_enabled"]

exposed := [r | some r in services; not connected(r); not vnet_integrated(r)]

deny contains finding if {
	some r in exposed
	public(r) == true
	finding := {
		"resource": r.id,
		"path": [],
		"message": "missing",
		"data": {"name": object.get(r.attributes, "name", r.address), "type": r.type, "environment": tf.environment(r)},
	}
}

unknown contains {"resource": r.id, "path": public_path(r)} if {
	some r in exposed
	values.is_unknown(public(r))
}
