# METADATA
# title: Tag value contradicts the resource's deployment
# description: >-
#   The cost-allocation tags repeat what the deployment name says, and budgets, reports and tear-down scripts trust
#   them: Deployment is the deployment name, Environment its environment part, Region its region code, Instance its
#   instance number ("global" for global-{env} deployments, whose Region may be "global" or the global region code),
#   and Ephemeral is "false" in the persistent environments (`tagging.persistentEnvironments`: prod) and "true"
#   elsewhere. A tag copied from another deployment's tfvars charges the wrong budget and may get a production
#   resource torn down. Evaluated for taggable resources of a deployment (see EVD-TAG-001) on the tags they carry
#   (missing tags are EVD-TAG-001's); values compare as Terraform stores them (1 is "1", false is "false"), Google
#   label keys without case. A tag value only known after apply is reported as unknown.
# custom:
#   id: EVD-TAG-002
#   severity: medium
#   category: tagging
#   remediation: Derive the tags from the deployment (`Environment = var.environment`, ...) in one `common_tags` local instead of writing them per resource.
#   parameters: [tagging.persistentEnvironments, tagging.untaggedTypes, deployments.globalRegion]
#   messages:
#     mismatch: '{{tag}} tag is "{{value}}", but the resource belongs to deployment {{deployment}}: expected "{{expected}}"'
package evident.rules.tagging.consistency

import data.evident.lib.tagging
import data.evident.lib.values
import rego.v1

# An array, not a set: hashing whole resources into a set costs more than the rule itself.
evaluated := [r |
	some r in tagging.taggable_resources
	is_string(r.deployment)
	data.deployments[r.deployment]
]

applies contains r.id if some r in evaluated

# Deployment → tag → the values the deployment allows, the first being the one to suggest.
expected_by_deployment[deployment] := {tag: allowed |
	some tag, allowed in candidates(info, deployment)
	count(allowed) > 0
} if some deployment, info in data.deployments

expected(r) := expected_by_deployment[r.deployment]

candidates(info, deployment) := {
	"Deployment": [deployment],
	"Environment": [e | e := info.environment],
	"Region": array.concat([c | c := info.regionCode], [g | info.global == true; g := "global"]),
	"Instance": instance(info),
	"Ephemeral": ephemeral(info),
}

instance(info) := ["global"] if info.global == true

else := [format_int(info.instance, 10)] if is_number(info.instance)

else := []

ephemeral(info) := ["false"] if info.environment in data.profile.tagging.persistentEnvironments

else := ["true"] if is_string(info.environment)

else := []

deny contains finding if {
	some r in evaluated
	some tag_name, allowed in expected(r)
	tag := tagging.tag(r, tag_name)
	not values.is_unknown(tag.value)
	tagging.carries_value(tag.value)
	value := tagging.text(tag.value)
	not value in allowed
	finding := {
		"resource": r.id,
		"path": tag.path,
		"message": "mismatch",
		"data": {"tag": tag.key, "value": value, "deployment": r.deployment, "expected": allowed[0]},
	}
}

unknown contains {"resource": r.id, "path": tag.path} if {
	some r in evaluated
	some tag_name, _ in expected(r)
	tag := tagging.tag(r, tag_name)
	values.is_unknown(tag.value)
}
