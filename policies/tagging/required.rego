# METADATA
# title: Taggable resource is missing required cost-allocation tags
# description: >-
#   Every resource carries the nine cost-allocation tags of the architecture document (Deployment, Environment,
#   Region, Instance, Application, ManagedBy, CostCenter, Owner, Ephemeral: `tagging.required`): per-deployment
#   budgets, ownership and tear-down decisions read them. Checked on Azure, AWS and Google resources of a type known
#   to take tags, and on any resource that sets tags itself; `tagging.untaggedTypes` never. The tags are those the
#   provider applies: the evaluated `tags` (through locals, merge(), variables), AWS `tags_all` with the provider's
#   default_tags, Google `labels` / `effective_labels` with default_labels (Cloud SQL `settings.user_labels`, GKE
#   `resource_labels`). Google label keys are lowercase, so they compare without case. A tag with a blank value is
#   missing; a value only known after apply counts as set. A tag map only known after apply is reported as unknown.
# custom:
#   id: EVD-TAG-001
#   severity: low
#   category: tagging
#   remediation: >-
#     Tag the resource with the common tags of the deployment (`tags = local.common_tags`, or `merge(local.common_tags,
#     {...})`), or set them once in the AWS provider's default_tags / the Google provider's default_labels.
#   parameters: [tagging.required, tagging.untaggedTypes]
#   messages:
#     missing: '{{kind}} is missing the required tags: {{missing}}'
package evident.rules.tagging.required

import data.evident.lib.resource_kinds
import data.evident.lib.tagging
import rego.v1

applies contains r.id if some r in tagging.taggable_resources

deny contains finding if {
	some r in tagging.taggable_resources
	tagging.map_state(r) != "unknown"
	missing := [key |
		some key in data.profile.tagging.required
		not has_tag(r, key)
	]
	count(missing) > 0
	finding := {
		"resource": r.id,
		"path": tagging.map_path(r),
		"message": "missing",
		"data": {"kind": resource_kinds.kind(r.type), "missing": concat(", ", missing)},
	}
}

has_tag(r, key) if tagging.carries_value(tagging.tag_value(r, key))

unknown contains {"resource": r.id, "path": tagging.map_path(r)} if {
	some r in tagging.taggable_resources
	tagging.map_state(r) == "unknown"
}
