package evident.rules.network.management_ingress_test

import data.evident.rules.network.management_ingress as rule
import rego.v1

profile := {
	"zones": {"label": "zone", "names": ["dmz", "app", "data", "mgmt"], "vpnCidrs": ["10.255.0.0/24"]},
	"cidr": {"subnets": {
		"apps": {"number": 1, "zone": "app", "descriptors": ["apps"]},
		"mgmt": {"number": 10, "zone": "mgmt", "descriptors": ["mgmt", "bastion"]},
	}},
}

deployments := {"westeu-prod-1": {"subnets": {"apps": "10.30.1.0/24", "mgmt": "10.30.10.0/24"}}}

resource(type, name, attributes, references) := {
	"id": name, "address": sprintf("%s.%s", [type, name]), "source": "terraform", "type": type, "mode": "resource",
	"deployment": "westeu-prod-1", "meta": {"root": "."}, "attributes": attributes, "references": references,
}

nsg(name, source, destination) := resource(
	"azurerm_network_security_group", name, {"name": name, "security_rule": [{
		"name": "ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "destination_port_range": "22",
		"source_address_prefix": source, "destination_address_prefix": destination,
	}]},
	{},
)

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources}
		with data.profile as profile
		with data.deployments as deployments
}

test_vpn_source_allowed if {
	result := run([nsg("nsg-a", "10.255.0.0/24", "10.30.10.0/24")])
	count(result.deny) == 0
	result.applies == {"nsg-a"}
}

test_internet_into_management_subnet_denied if {
	run([nsg("nsg-a", "Internet", "10.30.10.0/24")]).deny == {{
		"resource": "nsg-a", "path": ["security_rule", 0, "source_address_prefix"], "message": "outside_vpn",
		"data": {"rule": "ssh", "source": "Internet", "vpn": "10.255.0.0/24"},
	}}
}

test_app_subnet_source_denied_and_intra_zone_allowed if {
	count(run([nsg("nsg-a", "10.30.1.0/24", "10.30.10.5")]).deny) == 1
	count(run([nsg("nsg-a", "10.30.10.0/25", "10.30.10.5")]).deny) == 0
}

test_rules_into_other_zones_not_checked if {
	result := run([nsg("nsg-a", "Internet", "10.30.1.0/24")])
	count(result.deny) == 0
	count(result.applies) == 0
}

test_nsg_named_after_management_is_in_the_zone if {
	count(run([nsg("nsg-cf-westeu-prod-1-mgmt", "VirtualNetwork", "*")]).deny) == 1
}

test_nsg_associated_with_the_management_subnet_is_in_the_zone if {
	subnet := resource("azurerm_subnet", "s", {"name": "snet-cf-westeu-prod-1-mgmt"}, {})
	association := resource("azurerm_subnet_network_security_group_association", "a", {}, {"subnet_id": ["azurerm_subnet.s"], "network_security_group_id": ["azurerm_network_security_group.nsg-x"]})
	count(run([subnet, association, nsg("nsg-x", "VirtualNetwork", "*")]).deny) == 1
}

test_aws_security_group_tagged_mgmt if {
	sg := resource(
		"aws_security_group", "sg", {"tags": {"zone": "mgmt"}, "ingress": [
			{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.255.0.0/24", "10.30.1.0/24"]},
			{"from_port": 22, "to_port": 22, "protocol": "tcp", "self": true},
		]},
		{},
	)
	{f.path | some f in run([sg]).deny} == {["ingress", 0, "cidr_blocks", 1]}
}

test_gcp_firewall_targeting_the_mgmt_tag if {
	fwr := resource("google_compute_firewall", "f", {"name": "iap", "source_ranges": ["35.235.240.0/20"], "target_tags": ["mgmt"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}, {})
	count(run([fwr]).deny) == 1
}

test_unknown_source_is_unknown if {
	result := run([nsg("nsg-a", {"__unknown__": "x"}, "10.30.10.0/24")])
	count(result.deny) == 0
	result.unknown == {{"resource": "nsg-a", "path": ["security_rule", 0, "source_address_prefix"]}}
}

test_profile_vpn_decides if {
	count(rule.deny) == 1 with input as {"resources": [nsg("nsg-a", "10.255.0.0/24", "10.30.10.0/24")]}
		with data.profile as object.union(profile, {"zones": {"vpnCidrs": ["10.254.0.0/24"]}})
		with data.deployments as deployments
}

test_dynamic_rules_of_a_management_nsg_are_unknown if {
	dynamic := resource("azurerm_network_security_group", "nsg-cf-westeu-prod-1-mgmt", {"name": "nsg-cf-westeu-prod-1-mgmt", "security_rule": {"__unknown__": "x"}}, {})
	run([dynamic]).unknown == {{"resource": "nsg-cf-westeu-prod-1-mgmt", "path": ["security_rule"]}}
	other := resource("azurerm_network_security_group", "nsg-cf-westeu-prod-1-apps", {"name": "nsg-cf-westeu-prod-1-apps", "security_rule": {"__unknown__": "x"}}, {})
	count(run([other]).unknown) == 0
}

test_public_ip_source_is_outside_the_vpn if {
	ssh := resource(
		"azurerm_network_security_group", "nsg-a", {"name": "nsg-a", "security_rule": [{
			"name": "bastion", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "destination_port_range": "22",
			"source_address_prefix": {"__unknown__": "known after apply"}, "destination_address_prefix": "10.30.10.0/24",
		}]},
		{"security_rule[0].source_address_prefix": ["azurerm_public_ip.bastion"]},
	)
	run([ssh]).deny == {{
		"resource": "nsg-a", "path": ["security_rule", 0, "source_address_prefix"], "message": "outside_vpn",
		"data": {"rule": "bastion", "source": "the public IP of azurerm_public_ip.bastion", "vpn": "10.255.0.0/24"},
	}}
}
