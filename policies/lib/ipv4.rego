# IPv4 CIDRs as integer ranges: comparisons instead of net.* built-ins, which allocate on every call in WASM.
package evident.lib.ipv4

import rego.v1

pattern := `^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?$`

# A valid IPv4 CIDR (a bare address is its /32); undefined otherwise.
cidr(value) := with_prefix(value) if {
	is_string(value)
	regex.match(pattern, value)
}

with_prefix(value) := value if contains(value, "/")

else := concat("", [value, "/32"])

powers := [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4194304, 8388608, 16777216, 33554432, 67108864, 134217728, 268435456, 536870912, 1073741824, 2147483648, 4294967296]

# [first, last] address of a CIDR from cidr(), as integers.
bounds(range) := [first, (first + size) - 1] if {
	parts := split(range, "/")
	octets := [to_number(o) | some o in split(parts[0], ".")]
	address := (((((octets[0] * 256) + octets[1]) * 256) + octets[2]) * 256) + octets[3]
	size := powers[32 - to_number(parts[1])]
	first := address - (address % size)
}

overlap(a, b) if {
	a[0] <= b[1]
	b[0] <= a[1]
}

within(outer, inner) if {
	outer[0] <= inner[0]
	inner[1] <= outer[1]
}
