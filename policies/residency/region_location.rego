# METADATA
# title: Deployment location does not match its region code
# description: >-
#   A regional deployment's name carries its region ({region-code}-{env}-{instance}: westeu-prod-1 is West
#   Europe), and data residency, latency and the allocation table all rely on it. Every resource of the
#   deployment with a location (Azure `location`, GCP `location`/`region`, the AWS or GCP provider region) must
#   be in that region: the region table's Azure region or the AWS/GCP region in the same place. The deployment's
#   anchor (resource group, VPC, network) is reported once for a deployment placed wholesale in another region;
#   other resources only where their location differs from the anchor's. Global services (IAM, Route 53,
#   CloudFront...) and Azure's `global` location are not placed anywhere.
# custom:
#   id: EVD-RES-001
#   severity: high
#   category: residency
#   remediation: Deploy into the region the deployment's name states, or name the deployment after the region it is in.
#   parameters: [deployments.regions, naming.deploymentAnchors]
#   messages:
#     elsewhere: "{{location}} is outside {{region}} ({{locations}}), the region of deployment {{deployment}}"
package evident.rules.residency.region_location

import data.evident.lib.residency
import rego.v1

applies contains entry.resource.id if some entry in residency.checked(false)

deny contains finding if {
	some entry in residency.misplaced(false)
	deployment := data.deployments[entry.resource.deployment]
	finding := {
		"resource": entry.resource.id,
		"path": entry.path,
		"message": "elsewhere",
		"data": {
			"location": entry.value,
			"region": data.profile.deployments.regions[deployment.regionCode].name,
			"locations": concat(", ", deployment.locations),
			"deployment": entry.resource.deployment,
		},
	}
}

unknown contains {"resource": entry.resource.id, "path": entry.path} if {
	some entry in residency.undecided(false)
}
