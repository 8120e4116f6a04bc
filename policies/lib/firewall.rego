# Traffic rules of NSGs, security groups and firewalls, in one shape across providers.
#
# Each entry: {"resource", "path" (the rule), "name", "inbound", "allow" ({"value", "path"}: a boolean or an unknown
# value), "sources", "destinations" ([{"value", "path", "kind"}]: kind internet, cidr, public_ip, tag, group, self, other
# or unknown; "cidr" and "bounds" for CIDRs; "refs": ids of the security groups a group source names), "ports"
# ([{"value": [low, high] or unknown, "path"}]; empty when the protocol has no ports), "groups" (ids of the NSGs or
# security groups the rule belongs to)}.
package evident.lib.firewall

import data.evident.lib.ipv4
import data.evident.lib.terraform as tf
import data.evident.lib.values
import data.evident.lib.zones
import rego.v1

all_ports := [0, 65535]

# Same evaluation of the same configuration (root module and deployment, or plan file): references and names
# resolve only there.
scope(r) := [r.source, object.get(r, "deployment", ""), object.get(meta, "root", object.get(meta, "plan", ""))] if {
	meta := object.get(r, "meta", {})
}

# The candidates that an attribute of `r` refers to (r.references), in the same evaluation.
referenced(r, attribute, candidates) := [other |
	addresses := object.get(object.get(r, "references", {}), attribute, [])
	count(addresses) > 0
	some other in candidates
	other.address in addresses
	scope(other) == scope(r)
]

# Resources grouped by evaluation, {scope: [resources]}: a rule holding one keeps look-ups to one evaluation.
by_scope(list) := {s: [x | some x in list; scope(x) == s] | some s in {scope(x) | some x in list}}

# referenced() over an index built by by_scope(). A reference to a module output (`module.vpc`) names the one
# candidate inside that module, when there is exactly one.
referenced_in(r, attribute, index) := direct if {
	direct := [other |
		some other in index[scope(r)]
		other.address in addresses(r, attribute)
	]
	count(direct) > 0
} else := inside if {
	inside := [other |
		some other in index[scope(r)]
		some address in addresses(r, attribute)
		startswith(address, "module.")
		startswith(other.address, concat("", [address, "."]))
	]
	count(inside) == 1
} else := []

addresses(r, attribute) := object.get(object.get(r, "references", {}), attribute, [])

# The candidates named `name` in the same evaluation (plan JSON and literal names carry no references).
named(r, name, candidates) := [other |
	is_string(name)
	some other in candidates
	other.attributes.name == name
	scope(other) == scope(r)
]

network_security_groups := tf.of_type("azurerm_network_security_group")

security_groups := tf.of_type("aws_security_group")

nsg_index := by_scope(network_security_groups)

sg_index := by_scope(security_groups)

# The items of a list attribute with their paths; an unknown list is one unknown item, a string one item.
items(obj, key, base) := [{"value": v, "path": array.concat(base, [key, j])} | some j, v in obj[key]] if {
	is_array(obj[key])
} else := [{"value": obj[key], "path": array.concat(base, [key])}] if {
	values.is_unknown(obj[key])
} else := [{"value": obj[key], "path": array.concat(base, [key])}] if {
	is_string(obj[key])
	obj[key] != ""
} else := []

# A boolean read from a string attribute without case; unknown stays unknown.
equals_ci(value, wanted) := value if values.is_unknown(value)

else := lower(value) == lower(wanted) if is_string(value)

else := false

# --- addresses --------------------------------------------------------------------------------

internet_names := {"*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0", "::"}

# A valid IPv4 CIDR (a bare address is its /32); undefined otherwise.
cidr(value) := ipv4.cidr(value)

address_kind(value) := "unknown" if values.is_unknown(value)

else := "other" if not is_string(value)

else := "internet" if lower(value) in internet_names

else := kind if {
	normalised := cidr(value)
	kind := cidr_kind(normalised)
} else := "other" if contains(value, ":")

else := "tag"

cidr_kind(normalised) := "internet" if endswith(normalised, "/0")

else := "cidr"

# An address of a rule that refers to a public IP resource: one known public address (not the internet, not a
# private range), although its value is known only after apply.
address_in(r, item) := object.union(item, {"kind": "public_ip", "value": ip}) if {
	values.is_unknown(item.value)
	some ip in addresses(r, format_path(item.path))
	regex.match(`(^|\.)(azurerm_public_ip|aws_eip|google_compute_address|google_compute_global_address)\.[^.]+$`, ip)
} else := address(item)

# An address item with its kind and, for CIDRs, the normalised range and its bounds (computed once per address).
address(item) := object.union(item, {"kind": kind, "cidr": cidr(item.value), "bounds": ipv4.bounds(cidr(item.value))}) if {
	kind := address_kind(item.value)
	kind == "cidr"
} else := object.union(item, {"kind": address_kind(item.value)})

# --- ports ------------------------------------------------------------------------------------

# "22", "20-3400", "*" (Azure), numbers; undefined for anything else.
port_range(spec) := all_ports if spec == "*"

port_range(spec) := [spec, spec] if is_number(spec)

port_range(spec) := [to_number(bounds[1]), to_number(bounds[2])] if {
	is_string(spec)
	bounds := regex.find_all_string_submatch_n(`^\s*(\d+)\s*-\s*(\d+)\s*$`, spec, 1)[0]
}

port_range(spec) := [to_number(trim_space(spec)), to_number(trim_space(spec))] if {
	is_string(spec)
	regex.match(`^\s*\d+\s*$`, spec)
}

port_item(item) := {"value": item.value, "path": item.path} if values.is_unknown(item.value)

else := {"value": port_range(item.value), "path": item.path}

covers(range, port) if {
	is_array(range)
	range[0] <= port
	port <= range[1]
}

# Protocols whose rules carry no ports (ICMP, ESP, AH...): Azure names, AWS and GCP names and numbers.
portless(protocol) if {
	is_string(protocol)
	not lower(protocol) in {"*", "tcp", "udp", "sctp", "all", "-1", "6", "17", "132"}
}

portless(protocol) if {
	is_number(protocol)
	not protocol in {-1, 6, 17, 132}
}

# Every rule of every provider: complete rules (arrays, not sets: entries are large), built once per evaluation.
rules := array.concat(
	array.concat(azure_inline_rules, azure_standalone_rules),
	array.concat(array.concat(aws_ingress_blocks, aws_security_group_rules), array.concat(aws_ingress_rules, gcp_firewall_rules)),
)

# --- Azure: NSG security_rule blocks and azurerm_network_security_rule --------------------------

azure_inline_rules := [entry |
	some r in network_security_groups
	blocks := object.get(r.attributes, "security_rule", [])
	is_array(blocks)
	some i, rule in blocks
	entry := azure_entry(r, rule, ["security_rule", i], [r.id])
]

azure_standalone_rules := [entry |
	some r in tf.of_type("azurerm_network_security_rule")
	groups := [g.id | some g in array.concat(
		referenced_in(r, "network_security_group_name", nsg_index),
		[g | not r.references.network_security_group_name; some g in named(r, r.attributes.network_security_group_name, network_security_groups)],
	)]
	entry := azure_entry(r, r.attributes, [], groups)
]

azure_entry(r, rule, base, groups) := {
	"resource": r,
	"path": base,
	"name": object.get(rule, "name", r.address),
	"inbound": {"value": equals_ci(object.get(rule, "direction", null), "Inbound"), "path": array.concat(base, ["direction"])},
	"allow": {"value": equals_ci(object.get(rule, "access", null), "Allow"), "path": array.concat(base, ["access"])},
	"sources": [address_in(r, item) |
		some key in ["source_address_prefix", "source_address_prefixes"]
		some item in items(rule, key, base)
	],
	"destinations": [address(item) |
		some key in ["destination_address_prefix", "destination_address_prefixes"]
		some item in items(rule, key, base)
	],
	"ports": azure_ports(rule, base),
	"groups": groups,
}

azure_ports(rule, base) := [] if portless(object.get(rule, "protocol", "*"))

else := [{"value": rule.protocol, "path": array.concat(base, ["protocol"])}] if values.is_unknown(rule.protocol)

else := [port_item(item) |
	some key in ["destination_port_range", "destination_port_ranges"]
	some item in items(rule, key, base)
]

# --- AWS: security group ingress blocks, aws_security_group_rule, aws_vpc_security_group_ingress_rule --

aws_ingress_blocks := [entry |
	some r in security_groups
	blocks := object.get(r.attributes, "ingress", [])
	is_array(blocks)
	some i, block in blocks
	base := ["ingress", i]
	entry := {
		"resource": r,
		"path": base,
		"name": block_name(r, block, i),
		"inbound": {"value": true, "path": base},
		"allow": {"value": true, "path": base},
		"sources": aws_sources(r, block, base, "security_groups"),
		"destinations": [],
		"ports": aws_ports(block, base, "protocol"),
		"groups": [r.id],
	}
]

# sprintf is a JavaScript built-in in WASM (a JSON round trip per call): names are built with concat.
block_name(r, block, i) := block.description if is_string(block.description)

else := concat("", [r.address, " ingress[", format_int(i, 10), "]"])

aws_security_group_rules := [entry |
	some r in tf.of_type("aws_security_group_rule")
	entry := {
		"resource": r,
		"path": [],
		"name": object.get(r.attributes, "description", r.address),
		"inbound": {"value": equals_ci(object.get(r.attributes, "type", null), "ingress"), "path": ["type"]},
		"allow": {"value": true, "path": []},
		"sources": aws_sources(r, r.attributes, [], "source_security_group_id"),
		"destinations": [],
		"ports": aws_ports(r.attributes, [], "protocol"),
		"groups": [g.id | some g in referenced_in(r, "security_group_id", sg_index)],
	}
]

aws_ingress_rules := [entry |
	some r in tf.of_type("aws_vpc_security_group_ingress_rule")
	entry := {
		"resource": r,
		"path": [],
		"name": object.get(r.attributes, "description", r.address),
		"inbound": {"value": true, "path": []},
		"allow": {"value": true, "path": []},
		"sources": aws_sources(r, r.attributes, [], "referenced_security_group_id"),
		"destinations": [],
		"ports": aws_ports(r.attributes, [], "ip_protocol"),
		"groups": [g.id | some g in referenced_in(r, "security_group_id", sg_index)],
	}
]

aws_sources(r, block, base, group_key) := array.concat(
	[address_in(r, item) |
		some key in ["cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"]
		some item in items(block, key, base)
	],
	array.concat(
		[group_source(r, item) | some item in items(block, group_key, base)],
		array.concat(
			[{"value": "self", "path": array.concat(base, ["self"]), "kind": "self"} | block.self == true],
			[{"value": item.value, "path": item.path, "kind": "other"} |
				some key in ["prefix_list_ids", "prefix_list_id"]
				some item in items(block, key, base)
			],
		),
	),
)

# A security group source: the groups it refers to decide; its id is known only after apply.
group_source(r, item) := object.union(item, {"kind": "group", "refs": refs}) if {
	refs := [g.id | some g in referenced_in(r, format_path(item.path), sg_index)]
	count(refs) > 0
} else := object.union(item, {"kind": "unknown"}) if {
	values.is_unknown(item.value)
} else := object.union(item, {"kind": "group", "refs": []})

# The key r.references uses for an attribute (list items share their list's key): ingress[0].security_groups.
format_path(path) := concat("", [segment_text(i, segment) |
	some i, segment in path
	not list_item_of_attribute(path, i)
])

list_item_of_attribute(path, i) if {
	i == count(path) - 1
	is_number(path[i])
}

segment_text(0, segment) := segment if is_string(segment)

segment_text(i, segment) := concat("", [".", segment]) if {
	i > 0
	is_string(segment)
}

segment_text(_, segment) := concat("", ["[", format_int(segment, 10), "]"]) if is_number(segment)

aws_ports(block, base, protocol_key) := [{"value": block[protocol_key], "path": array.concat(base, [protocol_key])}] if {
	values.is_unknown(block[protocol_key])
} else := [{"value": all_ports, "path": array.concat(base, [protocol_key])}] if {
	lower(format_int_or_string(block[protocol_key])) in {"-1", "all"}
} else := [] if {
	portless(block[protocol_key])
} else := [{"value": block.from_port, "path": array.concat(base, ["from_port"])}] if {
	values.is_unknown(block.from_port)
} else := [{"value": block.to_port, "path": array.concat(base, ["to_port"])}] if {
	values.is_unknown(block.to_port)
} else := [{"value": [block.from_port, block.to_port], "path": array.concat(base, ["from_port"])}] if {
	is_number(block.from_port)
	is_number(block.to_port)
} else := []

format_int_or_string(value) := value if is_string(value)

else := format_int(value, 10) if is_number(value)

# --- Google: google_compute_firewall allow / deny blocks ---------------------------------------

gcp_firewall_rules := [entry |
	some r in tf.of_type("google_compute_firewall")
	object.get(r.attributes, "disabled", false) != true
	some action in ["allow", "deny"]
	blocks := object.get(r.attributes, action, [])
	is_array(blocks)
	some i, block in blocks
	base := [action, i]
	entry := {
		"resource": r,
		"path": base,
		"name": object.get(r.attributes, "name", r.address),
		"inbound": {"value": equals_ci(object.get(r.attributes, "direction", "INGRESS"), "INGRESS"), "path": ["direction"]},
		"allow": {"value": action == "allow", "path": base},
		"sources": gcp_sources(r),
		"destinations": array.concat(
			[address(item) | some item in items(r.attributes, "destination_ranges", [])],
			[object.union(item, {"kind": "tag"}) | some item in items(r.attributes, "target_tags", [])],
		),
		"ports": gcp_ports(block, base),
		"groups": [],
	}
]

# GCP assumes 0.0.0.0/0 for an ingress rule without source ranges, tags or service accounts.
gcp_sources(r) := listed if {
	listed := array.concat(
		[address_in(r, item) | some item in items(r.attributes, "source_ranges", [])],
		array.concat(
			[object.union(item, {"kind": "tag"}) | some item in items(r.attributes, "source_tags", [])],
			[object.union(item, {"kind": "other"}) | some item in items(r.attributes, "source_service_accounts", [])],
		),
	)
	count(listed) > 0
} else := [{"value": "0.0.0.0/0", "path": [], "kind": "internet"}]

gcp_ports(block, base) := [{"value": block.protocol, "path": array.concat(base, ["protocol"])}] if {
	values.is_unknown(block.protocol)
} else := [] if {
	portless(block.protocol)
} else := [{"value": all_ports, "path": array.concat(base, ["protocol"])}] if {
	lower(block.protocol) == "all"
} else := [port_item(item) | some item in items(block, "ports", base)] if {
	count(items(block, "ports", base)) > 0
} else := [{"value": all_ports, "path": array.concat(base, ["protocol"])}]

# Where a finding about one of the rule's addresses lands: the address, when it belongs to the rule (GCP sources
# are shared by every allow block, so the block is the place).
finding_path(entry, item) := item.path if array.slice(item.path, 0, count(entry.path)) == entry.path

else := entry.path

# --- statuses ---------------------------------------------------------------------------------

# "yes", "no" or "unknown" for a {"value", "path"} boolean.
flag(field) := "unknown" if values.is_unknown(field.value)

else := "yes" if field.value == true

else := "no"

# Sensitive ports a rule opens, from the profile's list.
open_sensitive_ports(entry) := sort({port |
	some range in entry.ports
	some port in data.profile.zones.sensitivePorts
	covers(range.value, port)
})

unknown_ports(entry) := [item | some item in entry.ports; values.is_unknown(item.value)]

# A rule's identity, cheap to compare: the resource and the rule's path in it.
key(entry) := [entry.resource.id, entry.path]

unknown_addresses(list) := [item | some item in list; item.kind == "unknown"]

# --- zones ------------------------------------------------------------------------------------

nsg_associations := tf.of_type("azurerm_subnet_network_security_group_association")

azure_subnets := tf.of_type("azurerm_subnet")

azure_subnet_index := by_scope(azure_subnets)

# Zones of the NSG or security group with this id: its zone tag, its name's descriptor, the subnets an NSG is
# associated with. Computed once per group.
group_zones(id) := object.get(zones_of_group, id, set())

zones_of_group := {g.id: group_zone_set(g) | some g in array.concat(network_security_groups, security_groups)}

group_zone_set(g) := ({z | z := zones.tagged_zone(g)} | {z | z := zones.named_zone(g)}) | associated_zones(g)

virtual_networks := tf.of_type("azurerm_virtual_network")

# [NSG id, zone] for every subnet with a layout role that an association or an inline VNet subnet attaches
# the NSG to: a complete rule, so it is computed once and looked up per rule.
associated := {[g.id, zone] |
	some association in nsg_associations
	some s in referenced_in(association, "subnet_id", azure_subnet_index)
	zone := zones.named_zone(s)
	some g in referenced_in(association, "network_security_group_id", nsg_index)
} | {[g.id, zone] |
	some v in virtual_networks
	blocks := object.get(v.attributes, "subnet", [])
	is_array(blocks)
	some k, block in blocks
	zone := zones.role_zone(zones.role_of_name(block.name, object.get(v, "deployment", null)))
	some g in referenced_in(v, concat("", ["subnet[", format_int(k, 10), "].security_group"]), nsg_index)
}

associated_zones(g) := {zone | some zone in data.profile.zones.names; associated[[g.id, zone]]}

# Zones an address of a rule names: the layout subnet it lies in, a GCP network tag named after a zone,
# the zones of a referenced security group (or of the rule's own group for `self`).
address_zones(entry, item) := {l.zone |
	some l in zones.layout(entry.resource.deployment)
	ipv4.within(l.bounds, item.bounds)
} if {
	item.kind == "cidr"
} else := {lower(item.value)} if {
	item.kind == "tag"
	lower(item.value) in data.profile.zones.names
} else := {z | some g in item.refs; some z in group_zones(g)} if {
	item.kind == "group"
} else := {z | some g in entry.groups; some z in group_zones(g)} if {
	item.kind == "self"
} else := set()

# Zones the rule's traffic goes to: its destinations and the groups it protects.
destination_zones(entry) := {z | some item in entry.destinations; some z in address_zones(entry, item)} | {z | some g in entry.groups; some z in group_zones(g)}

# Rule blocks whose number is not known before apply (a dynamic block over an unknown collection): [{"resource", "path"}].
unknown_blocks := array.concat(
	array.concat(
		[{"resource": r, "path": ["security_rule"]} | some r in network_security_groups; values.is_unknown(r.attributes.security_rule)],
		[{"resource": r, "path": ["ingress"]} | some r in security_groups; values.is_unknown(r.attributes.ingress)],
	),
	[{"resource": r, "path": [action]} |
		some r in tf.of_type("google_compute_firewall")
		some action in ["allow", "deny"]
		values.is_unknown(r.attributes[action])
	],
)

# Zones the rules of an NSG, security group or GCP firewall protect (GCP: target tags named after a zone).
block_zones(r) := group_zones(r.id) | {lower(tag) |
	some tag in object.get(r.attributes, "target_tags", [])
	is_string(tag)
	lower(tag) in data.profile.zones.names
}
