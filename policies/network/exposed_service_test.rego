package evident.rules.network.exposed_service_test

import data.evident.rules.network.exposed_service as rule
import rego.v1

profile := {"kubernetes": {"exposedServiceTypes": ["LoadBalancer", "NodePort"]}}

service(service_type) := {"resources": [{"id": "s", "source": "kubernetes", "type": "Service", "attributes": {"metadata": {"name": "web"}, "spec": {"type": service_type}}}]}

test_load_balancer_and_node_port_denied if {
	count(rule.deny) == 1 with input as service("LoadBalancer") with data.profile as profile
	count(rule.deny) == 1 with input as service("NodePort") with data.profile as profile
}

test_cluster_ip_allowed if {
	count(rule.deny) == 0 with input as service("ClusterIP") with data.profile as profile
}
