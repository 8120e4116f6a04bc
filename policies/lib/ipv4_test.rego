package evident.lib.ipv4_test

import data.evident.lib.ipv4
import rego.v1

test_cidr_validates_and_normalises if {
	ipv4.cidr("10.30.0.0/16") == "10.30.0.0/16"
	ipv4.cidr("10.255.0.1") == "10.255.0.1/32"
	not ipv4.cidr("10.300.0.0/16")
	not ipv4.cidr("10.30.0.0/33")
	not ipv4.cidr("Internet")
	not ipv4.cidr(42)
}

test_bounds_align_to_the_prefix if {
	ipv4.bounds("10.30.0.0/16") == [169738240, 169803775]
	ipv4.bounds("10.30.7.9/24") == [169740032, 169740287]
	ipv4.bounds("0.0.0.0/0") == [0, 4294967295]
	ipv4.bounds("255.255.255.255/32") == [4294967295, 4294967295]
}

test_overlap_and_within if {
	ipv4.overlap(ipv4.bounds("10.30.0.0/16"), ipv4.bounds("10.30.128.0/17"))
	not ipv4.overlap(ipv4.bounds("10.30.0.0/16"), ipv4.bounds("10.31.0.0/16"))
	ipv4.within(ipv4.bounds("10.30.0.0/16"), ipv4.bounds("10.30.2.0/24"))
	not ipv4.within(ipv4.bounds("10.30.2.0/24"), ipv4.bounds("10.30.0.0/16"))
}
