# METADATA
# title: Network address space differs from the CIDR allocation table
# description: >-
#   Each deployment owns exactly one /16 from the allocation table (global-dev 10.0.0.0/16, ...,
#   westeu-prod-1 10.30.0.0/16, eastus-prod-1 10.40.0.0/16). A VNet or VPC of a deployment must use
#   its row; a deployment missing from the table has no range to use.
# custom:
#   id: EVD-CIDR-001
#   severity: high
#   category: cidr
#   remediation: Use the deployment's row of the allocation table, or add the deployment to `cidr.allocations`.
#   parameters: [cidr.allocations]
#   messages:
#     mismatch: Network range {{cidr}} of deployment {{deployment}} differs from its allocation {{allocated}}
#     unallocated: Deployment {{deployment}} has no row in the CIDR allocation table; {{cidr}} is unplanned
package evident.rules.cidr.allocation

import data.evident.lib.network
import data.evident.lib.values
import rego.v1

applies contains entry.resource.id if {
	some entry in network.ranges
	entry.resource.deployment
}

deny contains finding if {
	some entry in network.ranges
	network.is_ipv4_cidr(entry.cidr)
	allocated := data.deployments[entry.resource.deployment].cidr
	entry.cidr != allocated
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "mismatch",
		"data": {"cidr": entry.cidr, "deployment": entry.resource.deployment, "allocated": allocated},
	}
}

deny contains finding if {
	some entry in network.ranges
	network.is_ipv4_cidr(entry.cidr)
	deployment := entry.resource.deployment
	not data.deployments[deployment].cidr
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "unallocated",
		"data": {"cidr": entry.cidr, "deployment": deployment},
	}
}

unknown contains result if {
	some entry in network.ranges
	entry.resource.deployment
	values.is_unknown(entry.cidr)
	result := {"resource": entry.resource.id, "path": entry.path}
}
