# METADATA
# title: Global deployment outside the global region
# description: >-
#   global-dev, global-stg and global-prod hold the tenant registry and master data for every region, and live
#   in West Europe (the profile's global region) for GDPR. Every resource of a global deployment with a location
#   must be there; the deployment's anchor (resource group, VPC, network) is reported once when the whole
#   deployment is elsewhere, other resources where their location differs from the anchor's.
# custom:
#   id: EVD-RES-002
#   severity: high
#   category: residency
#   remediation: Deploy global deployments into the global region (deployments.globalRegion).
#   parameters: [deployments.globalRegion, deployments.regions, naming.deploymentAnchors]
#   messages:
#     elsewhere: "Global deployment {{deployment}} is placed in {{location}}; global deployments live in {{region}} ({{locations}})"
package evident.rules.residency.global_region

import data.evident.lib.residency
import rego.v1

region := data.profile.deployments.regions[data.profile.deployments.globalRegion]

applies contains entry.resource.id if some entry in residency.checked(true)

deny contains finding if {
	some entry in residency.misplaced(true)
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "elsewhere",
		"data": {
			"location": entry.value,
			"region": region.name,
			"locations": concat(", ", data.deployments[entry.resource.deployment].locations),
			"deployment": entry.resource.deployment,
		},
	}
}

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in residency.undecided(true)
}
