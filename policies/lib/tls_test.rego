package evident.lib.tls_test

import data.evident.lib.tls
import rego.v1

test_provider_spellings if {
	every text, expected in {
		"1.0": 10, "1.2": 12, "TLS1_1": 11, "TLS1_2": 12, "TLSv1.2": 12, "TLSv1.3": 13, "Tls12": 12, "Tls11": 11,
		"Tls": 10, "TLSv1": 10, "TLS_1_0": 10, "TLS_1_2": 12, "TLSv1_2": 12, "TLS12": 12, "SSLv3": 3,
	} {
		tls.version(text) == expected
	}
	tls.version(1.2) == 12
	not tls.version("Disabled")
	not tls.version("TLS1_9")
}

test_lowest_of_a_list if {
	tls.lowest("TLSv1,TLSv1.1,TLSv1.2") == 10
	tls.lowest("TLSv1.2, TLSv1.3") == 12
	not tls.lowest("TLSv1.2,bogus")
}

test_aws_policy_names if {
	tls.elb_policy_version("ELBSecurityPolicy-TLS13-1-2-2021-06") == 12
	tls.elb_policy_version("ELBSecurityPolicy-TLS13-1-3-2021-06") == 13
	tls.elb_policy_version("ELBSecurityPolicy-TLS-1-1-2017-01") == 11
	tls.elb_policy_version("ELBSecurityPolicy-FS-1-2-Res-2020-10") == 12
	tls.elb_policy_version("ELBSecurityPolicy-2016-08") == 10
	not tls.elb_policy_version("my-custom-policy")
	tls.cloudfront_version("TLSv1.2_2021") == 12
	tls.cloudfront_version("TLSv1_2016") == 10
	tls.cloudfront_version("SSLv3") == 3
	tls.opensearch_version("Policy-Min-TLS-1-2-PFS-2023-10") == 12
	tls.api_gateway_version("TLS_1_0") == 10
	tls.api_gateway_version("SecurityPolicy_TLS13_1_3_2025_09") == 13
}

test_minimum_and_label if {
	tls.minimum == 12 with data.profile as {"encryption": {"minTlsVersion": "1.2"}}
	tls.label(12) == "TLS 1.2"
	tls.label(3) == "SSL 3.0"
}
