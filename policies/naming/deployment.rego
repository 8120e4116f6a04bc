# METADATA
# title: Resource name does not embed its deployment, or the deployment name breaks the grammar
# description: >-
#   Names carry the deployment they belong to right after the prefix: {abbr}-{app}-{deployment}, optionally followed
#   by -{descriptor} (snet-cf-westeu-prod-1-db, kv-cf-westeu-prod-1-ab12); compact types drop the hyphens
#   (stcfwesteuprod1). A name embedding another deployment (values copied from westeu-prod-1 into eastus-prod-1) or
#   none at all hides which deployment, budget and state a resource belongs to. Evaluated for resources of a
#   deployment (a deployments/<name>.tfvars evaluation) whose type has an abbreviation and whose name already starts
#   with the right prefix (EVD-NAM-001 reports the others). In compact names a descriptor may not start with a digit
#   after an instance number (stcfwesteuprod12 reads as westeu-prod-12). Deployment names themselves must be
#   {region-code}-{env}-{instance} or global-{env} with an environment and a region code of the profile: an invalid
#   one is reported once per deployment, on its first resource of a `naming.deploymentAnchors` type (resource group,
#   VPC, VPC network).
# custom:
#   id: EVD-NAM-002
#   severity: low
#   category: naming
#   remediation: >-
#     Build names from the deployment (`"psql-cf-${local.deployment}"`), and name deployments (their tfvars files)
#     `{region-code}-{env}-{instance}` or `global-{env}` with a region code and environment from the profile.
#   parameters: [naming.app, naming.abbreviations, naming.compact, naming.deploymentAnchors, deployments.environments, deployments.regions]
#   messages:
#     wrong_deployment: '{{kind}} name "{{name}}" does not embed its deployment {{deployment}}: expected "{{expected}}" or "{{expected}}{{separator}}{descriptor}"'
#     invalid_deployment: 'Deployment name "{{deployment}}" breaks the convention {region-code}-{env}-{instance} / global-{env}: {{problem}}'
package evident.rules.naming.deployment

import data.evident.lib.naming
import data.evident.lib.resource_kinds
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

named contains {"resource": r, "name": entry.value, "path": entry.path} if {
	some r in tf.of_types({type | some type, _ in data.profile.naming.abbreviations})
	is_string(r.deployment)
	entry := naming.name_of(r)
	prefixed_or_unknown(r.type, entry.value)
}

prefixed_or_unknown(_, name) if values.is_unknown(name)

prefixed_or_unknown(type, name) if {
	is_string(name)
	startswith(name, naming.prefix(type))
}

anchors := [r |
	some r in tf.of_types({type | some type in data.profile.naming.deploymentAnchors})
	is_string(r.deployment)
]

applies contains entry.resource.id if some entry in named

applies contains r.id if some r in anchors

deny contains finding if {
	some entry in named
	is_string(entry.name)
	type := entry.resource.type
	deployment := entry.resource.deployment
	not naming.embeds_deployment(type, entry.name, deployment)
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "wrong_deployment",
		"data": {
			"kind": resource_kinds.kind(type),
			"name": entry.name,
			"deployment": deployment,
			"expected": naming.expected_name(type, deployment),
			"separator": separator(type),
		},
	}
}

separator(type) := "" if naming.compact(type)

else := "-"

# One finding per invalid deployment: on its first anchor, in the order of naming.deploymentAnchors, then by address.
deny contains finding if {
	some deployment, info in data.deployments
	info.valid == false
	candidates := sort([[anchor_rank(r.type), r.address, r.id] |
		some r in anchors
		r.deployment == deployment
	])
	count(candidates) > 0
	finding := {
		"resource": candidates[0][2],
		"path": [],
		"message": "invalid_deployment",
		"data": {"deployment": deployment, "problem": object.get(info, "problem", "it does not follow the grammar")},
	}
}

anchor_rank(type) := [i | some i, anchor in data.profile.naming.deploymentAnchors; anchor == type][0]

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in named
	values.is_unknown(entry.name)
}
