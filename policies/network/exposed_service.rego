# METADATA
# title: Service exposed outside the cluster
# description: >-
#   A Service of type LoadBalancer or NodePort opens a port on a cloud load balancer or on every
#   node, bypassing the DMZ ingress path (WAF, TLS termination, rate limits).
# custom:
#   id: EVD-NET-002
#   severity: medium
#   category: network
#   remediation: Use a ClusterIP Service behind the DMZ ingress controller; waive the ingress controller's own Service.
#   parameters: [kubernetes.exposedServiceTypes]
#   messages:
#     exposed: Service "{{service}}" has type {{type}}
package evident.rules.network.exposed_service

import data.evident.lib.kubernetes as k8s
import rego.v1

services := k8s.resources_of_kind("Service")

applies contains service.id if some service in services

deny contains finding if {
	some service in services
	service_type := service.attributes.spec.type
	service_type in data.profile.kubernetes.exposedServiceTypes
	finding := {
		"resource": service.id,
		"path": ["spec", "type"],
		"message": "exposed",
		"data": {"service": service.attributes.metadata.name, "type": service_type},
	}
}
