# METADATA
# title: Subnet range differs from the subnet layout
# description: >-
#   Every deployment uses the same subnet layout inside its /16: container apps .1.0/24, database .2.0/24,
#   Redis .3.0/24, storage .4.0/24, API Management .5.0/24, management .10.0/24. A subnet's role comes from
#   the descriptor at the end of its name (snet-cf-westeu-prod-1-db → db; the Name tag for AWS), and its range
#   must be that role's subnet of the deployment's allocation. NSG rules, routes and firewall openings are
#   written against the layout, so a subnet elsewhere falls outside its zone's controls. Subnets whose name
#   names no role, and deployments without a row in the allocation table, are not checked here.
# custom:
#   id: EVD-CIDR-005
#   severity: medium
#   category: cidr
#   remediation: Use the role's range from the layout (`cidrsubnet(<deployment /16>, 8, <number>)`), or rename the subnet after its role.
#   parameters: [cidr.allocations, cidr.subnetPrefix, cidr.subnets]
#   messages:
#     mismatch: Subnet {{name}} ({{role}}) uses {{cidr}}; the layout gives {{expected}} in {{deployment}}
package evident.rules.cidr.subnet_layout

import data.evident.lib.subnets
import data.evident.lib.values
import rego.v1

# Subnets with a role, in a deployment the allocation table places.
laid_out contains {"entry": entry, "role": role, "expected": expected} if {
	some entry in subnets.ranges
	role := subnets.role(entry)
	expected := data.deployments[entry.resource.deployment].subnets[role]
}

applies contains item.entry.resource.id if some item in laid_out

deny contains finding if {
	some item in laid_out
	is_string(item.entry.cidr)
	item.entry.cidr != item.expected
	finding := {
		"resource": item.entry.resource.id,
		"path": item.entry.path,
		"message": "mismatch",
		"data": {
			"name": item.entry.name,
			"role": item.role,
			"cidr": item.entry.cidr,
			"expected": item.expected,
			"deployment": item.entry.resource.deployment,
		},
	}
}

unknown contains {"resource": item.entry.resource.id, "path": item.entry.path} if {
	some item in laid_out
	values.is_unknown(item.entry.cidr)
}

# The name decides the role: an unknown name leaves the subnet's role open.
unknown contains {"resource": entry.resource.id, "path": name_path(entry)} if {
	some entry in subnets.ranges
	values.is_unknown(entry.name)
	count(data.deployments[entry.resource.deployment].subnets) > 0
}

name_path(entry) := array.concat(array.slice(entry.path, 0, 2), ["name"]) if entry.network == "inline"

else := ["tags"] if entry.resource.type == "aws_subnet"

else := ["name"]
