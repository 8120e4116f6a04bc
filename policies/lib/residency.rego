# Where Terraform resources are placed, compared without case, spaces or GCP zone suffixes.
package evident.lib.residency

import data.evident.lib.firewall as fw
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

# A resource's location {"value", "path"}: its location or region attribute, else its provider's region
# (AWS resources, GCP resources without a region of their own).
placed(r) := {"value": r.attributes.location, "path": ["location"]} if {
	r.attributes.location != null
} else := {"value": r.attributes.region, "path": ["region"]} if {
	r.attributes.region != null
} else := {"value": r.meta.region, "path": []} if {
	is_string(r.meta.region)
}

# "West Europe" → westeurope, "EUROPE-WEST4" → europe-west4, zone europe-west4-a → its region europe-west4.
normalise(value) := zone[1] if {
	zone := regex.find_all_string_submatch_n(`^([a-z]+-[a-z]+[0-9]+)-[a-z]$`, tf.normalise_location(value), 1)[0]
} else := tf.normalise_location(value)

# Services without a region: their resources carry no residency.
global_services := {"aws_iam_", "aws_route53_", "aws_cloudfront_", "aws_organizations_", "aws_budgets_", "aws_shield_", "aws_globalaccelerator_"}

regionless(r) if {
	some prefix in global_services
	startswith(r.type, prefix)
}

regionless(r) if {
	is_string(placed(r).value)
	normalise(placed(r).value) == "global"
}

# Managed resources of a deployment with a location: {"resource", "value", "path"}; value may be unknown.
located := {{"resource": r, "value": place.value, "path": place.path} |
	some r in input.resources
	r.source in tf.terraform_sources
	object.get(r, "mode", "resource") == "resource"
	is_string(r.deployment)
	not regionless(r)
	place := placed(r)
	valid_value(place.value)
}

valid_value(value) if is_string(value)

valid_value(value) if values.is_unknown(value)

# Locations of the deployment's region (data.deployments[d].locations), normalised.
region_locations(deployment) := {normalise(l) | some l in data.deployments[deployment].locations}

# Anchor resources (resource group, VPC, network) carry the deployment's location; others that share it
# are not reported again.
anchored := {[fw.scope(entry.resource), normalise(entry.value)] |
	some entry in located
	entry.resource.type in data.profile.naming.deploymentAnchors
	is_string(entry.value)
}

has_anchor := {fw.scope(entry.resource) |
	some entry in located
	entry.resource.type in data.profile.naming.deploymentAnchors
}

reportable(entry) if entry.resource.type in data.profile.naming.deploymentAnchors

reportable(entry) if {
	is_string(entry.value)
	not anchored[[fw.scope(entry.resource), normalise(entry.value)]]
}

reportable(entry) if {
	values.is_unknown(entry.value)
	not has_anchor[fw.scope(entry.resource)]
}

# Entries whose location lies outside the deployment's region; `global` selects global-{env} or regional deployments.
misplaced(global) := [entry |
	some entry in located
	object.get(data.deployments[entry.resource.deployment], "global", false) == global
	count(region_locations(entry.resource.deployment)) > 0
	is_string(entry.value)
	not normalise(entry.value) in region_locations(entry.resource.deployment)
	reportable(entry)
]

undecided(global) := [entry |
	some entry in located
	object.get(data.deployments[entry.resource.deployment], "global", false) == global
	count(region_locations(entry.resource.deployment)) > 0
	values.is_unknown(entry.value)
	reportable(entry)
]

checked(global) := [entry |
	some entry in located
	object.get(data.deployments[entry.resource.deployment], "global", false) == global
	count(region_locations(entry.resource.deployment)) > 0
]
