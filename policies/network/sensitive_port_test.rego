package evident.rules.network.sensitive_port_test

import data.evident.rules.network.sensitive_port as rule
import rego.v1

profile := {"zones": {"sensitivePorts": [22, 3389, 5432]}}

resource(type, attributes) := {"id": type, "address": sprintf("%s.x", [type]), "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}

nsg(rule_block) := resource("azurerm_network_security_group", {"security_rule": [rule_block]})

azure(source, ports) := object.union(
	{
		"name": "r", "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
		"source_address_prefix": source,
	},
	ports,
)

run(resources) := result if {
	result := {"deny": rule.deny, "unknown": rule.unknown, "applies": rule.applies} with input as {"resources": resources} with data.profile as profile
}

test_vpn_source_allowed if {
	result := run([nsg(azure("10.255.0.0/24", {"destination_port_range": "22"}))])
	count(result.deny) == 0
	result.applies == {"azurerm_network_security_group"}
}

test_internet_rdp_denied_at_the_source if {
	result := run([nsg(azure("Internet", {"destination_port_range": "3389"}))])
	result.deny == {{
		"resource": "azurerm_network_security_group", "path": ["security_rule", 0, "source_address_prefix"], "message": "open",
		"data": {"rule": "r", "ports": "3389", "source": "Internet"},
	}}
}

test_port_range_and_wildcard_cover_sensitive_ports if {
	some finding in run([nsg(azure("*", {"destination_port_ranges": ["443", "20-3400"]}))]).deny
	finding.data.ports == "22, 3389"
	count(run([nsg(azure("0.0.0.0/0", {"destination_port_range": "*"}))]).deny) == 1
}

test_public_web_port_allowed if {
	count(run([nsg(azure("*", {"destination_port_ranges": ["80", "443"]}))]).deny) == 0
}

test_deny_and_outbound_rules_allowed if {
	count(run([nsg(object.union(azure("*", {"destination_port_range": "22"}), {"access": "Deny"}))]).deny) == 0
	count(run([nsg(object.union(azure("*", {"destination_port_range": "22"}), {"direction": "Outbound"}))]).deny) == 0
}

test_icmp_has_no_ports if {
	count(run([nsg(object.union(azure("*", {"destination_port_range": "*"}), {"protocol": "Icmp"}))]).deny) == 0
}

test_aws_ingress_all_protocols_denied if {
	sg := resource("aws_security_group", {"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]})
	some finding in run([sg]).deny
	finding.path == ["ingress", 0, "cidr_blocks", 0]
	finding.data.ports == "22, 3389, 5432"
}

test_aws_standalone_rules if {
	sgr := resource("aws_security_group_rule", {"type": "ingress", "from_port": 5432, "to_port": 5432, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]})
	vpc := resource("aws_vpc_security_group_ingress_rule", {"from_port": 22, "to_port": 22, "ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/0"})
	egress := resource("aws_security_group_rule", {"type": "egress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]})
	{f.resource | some f in run([sgr, vpc, egress]).deny} == {"aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}
}

test_gcp_firewall_without_source_is_open_to_all if {
	fwr := resource("google_compute_firewall", {"name": "ssh", "allow": [{"protocol": "tcp", "ports": ["22"]}]})
	run([fwr]).deny == {{"resource": "google_compute_firewall", "path": ["allow", 0], "message": "open", "data": {"rule": "ssh", "ports": "22", "source": "0.0.0.0/0"}}}
	tagged := resource("google_compute_firewall", {"name": "ssh", "source_tags": ["bastion"], "allow": [{"protocol": "tcp", "ports": ["22"]}]})
	count(run([tagged]).deny) == 0
}

test_unknown_source_is_unknown if {
	result := run([nsg(azure({"__unknown__": "x"}, {"destination_port_range": "22"}))])
	count(result.deny) == 0
	result.unknown == {{"resource": "azurerm_network_security_group", "path": ["security_rule", 0, "source_address_prefix"]}}
}

test_unknown_port_is_unknown if {
	result := run([nsg(azure("Internet", {"destination_port_range": {"__unknown__": "x"}}))])
	count(result.deny) == 0
	result.unknown == {{"resource": "azurerm_network_security_group", "path": ["security_rule", 0, "destination_port_range"]}}
}

test_profile_decides if {
	count(rule.deny) == 0 with input as {"resources": [nsg(azure("*", {"destination_port_range": "22"}))]} with data.profile as {"zones": {"sensitivePorts": [3306]}}
}

test_dynamic_rules_over_an_unknown_collection_are_unknown if {
	result := run([resource("aws_security_group", {"ingress": {"__unknown__": "dynamic blocks"}})])
	result.unknown == {{"resource": "aws_security_group", "path": ["ingress"]}}
}

test_public_ip_source_is_not_the_internet if {
	ssh := object.union(nsg(azure({"__unknown__": "x"}, {"destination_port_range": "22"})), {"references": {"security_rule[0].source_address_prefix": ["azurerm_public_ip.bastion"]}})
	result := run([ssh])
	count(result.deny) == 0
	count(result.unknown) == 0
}
