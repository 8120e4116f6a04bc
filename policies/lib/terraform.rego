# Terraform resources (from HCL or plan JSON) and what the profile says about their deployment.
package evident.lib.terraform

import rego.v1

terraform_sources := {"terraform", "terraform-plan"}

# Managed resources (not data sources) whose type is in `types` (a set).
of_types(types) := [r |
	some r in input.resources
	terraform_sources[r.source]
	object.get(r, "mode", "resource") == "resource"
	types[r.type]
]

of_type(type) := of_types({type})

# The profile's reading of the resource's deployment name (data.deployments), when it has one.
deployment(r) := data.deployments[r.deployment]

# dev, stg or prod: from the deployment name, else the Environment tag.
environment(r) := deployment(r).environment

environment(r) := tags(r).Environment if not deployment(r).environment

# Outside any deployment (the line above is undefined then: the call is hoisted out of `not`): the Environment tag.
environment(r) := tags(r).Environment if not r.deployment

# Tags as Terraform will apply them: AWS provider default_tags are in tags_all.
tags(r) := r.attributes.tags_all if is_object(r.attributes.tags_all)

else := r.attributes.tags if is_object(r.attributes.tags)

else := r.attributes.labels if is_object(r.attributes.labels)

else := {}

# Azure locations compare without case and spaces: "West Europe" is westeurope.
normalise_location(location) := lower(replace(location, " ", ""))

location(r) := normalise_location(r.attributes.location) if is_string(r.attributes.location)

location(r) := r.meta.region if {
	not is_string(r.attributes.location)
	is_string(r.meta.region)
}

in_environments(r, environments) if environment(r) in environments

# The first block of a nested block list (`rotation_policy { ... }` is [{...}] in the model).
block(r, name) := r.attributes[name][0] if is_array(r.attributes[name])

# Whether another resource refers to `r` (an attribute expression names its address).
referenced_by(r, other) if {
	some refs in object.get(other, "references", {})
	r.address in refs
}
