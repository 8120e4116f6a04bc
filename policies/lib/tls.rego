# TLS versions as providers spell them, as comparable numbers: TLS 1.2 is 12, SSL 3.0 is 3.
package evident.lib.tls

import rego.v1

# "1.2", "TLS1_2", "TLSv1.2", "Tls12", "TLS_1_2", "TLSv1_2", "TLS12"; a bare "TLS"/"TLSv1"/"Tls" is TLS 1.0.
version(text) := 10 + to_number(parts[2]) if {
	is_string(text)
	parts := regex.find_all_string_submatch_n(`^(TLS_?)?1[._]?([0-3])$`, replace(upper(text), "V", ""), 1)[0]
}

# Terraform may hand over minimum_tls_version = 1.2 as a number.
version(number) := 10 + to_number(parts[1]) if {
	is_number(number)
	parts := regex.find_all_string_submatch_n(`^1\.([0-3])$`, json.marshal(number), 1)[0]
}

version(text) := 10 if {
	is_string(text)
	regex.match(`^TLS(1)?$`, replace(upper(text), "V", ""))
}

version(text) := 3 if {
	is_string(text)
	upper(text) in {"SSLV3", "SSL3", "SSL30"}
}

# The lowest version of a comma-separated list ("TLSv1,TLSv1.1,TLSv1.2" in MySQL's tls_version).
lowest(text) := min([v | some item in split(text, ","); v := version(trim_space(item))]) if {
	is_string(text)
	every item in split(text, ",") {
		version(trim_space(item))
	}
}

# The profile's minimum, e.g. "1.2" → 12.
minimum := version(data.profile.encryption.minTlsVersion)

# Table lookups, not sprintf: sprintf is a JavaScript call in the WASM runtime, slow per resource.
label(v) := {3: "SSL 3.0", 10: "TLS 1.0", 11: "TLS 1.1", 12: "TLS 1.2", 13: "TLS 1.3"}[v]

# AWS Elastic Load Balancing security policies: ELBSecurityPolicy-TLS13-1-2-2021-06 → 12, ELBSecurityPolicy-2016-08 → 10.
elb_policy_version(name) := 10 + to_number(m[1]) if {
	is_string(name)
	m := regex.find_all_string_submatch_n(`-(?:TLS13|TLS|FS)-1-([0-3])(?:-|$)`, name, 1)[0]
}

elb_policy_version(name) := 10 if name in {
	"ELBSecurityPolicy-2016-08",
	"ELBSecurityPolicy-2015-05",
	"ELBSecurityPolicy-2015-03",
	"ELBSecurityPolicy-2015-02",
	"ELBSecurityPolicy-2014-10",
	"ELBSecurityPolicy-2014-01",
	"ELBSecurityPolicy-2011-08",
	"ELBSecurityPolicy-FS-2018-06",
	"ELBSample-ELBDefaultNegotiationPolicy",
	"ELBSample-OpenSSLDefaultNegotiationPolicy",
}

# CloudFront viewer certificates: SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016, TLSv1.2_2021, TLSv1.3_2025.
cloudfront_version(name) := 3 if name == "SSLv3"

cloudfront_version(name) := 10 if name in {"TLSv1", "TLSv1_2016"}

cloudfront_version(name) := 10 + to_number(m[1]) if {
	is_string(name)
	m := regex.find_all_string_submatch_n(`^TLSv1\.([0-3])_\d+$`, name, 1)[0]
}

# OpenSearch: Policy-Min-TLS-1-0-2019-07, Policy-Min-TLS-1-2-PFS-2023-10.
opensearch_version(name) := 10 + to_number(m[1]) if {
	is_string(name)
	m := regex.find_all_string_submatch_n(`^Policy-Min-TLS-1-([0-3])-`, name, 1)[0]
}

# API Gateway: TLS_1_0, TLS_1_2 and the enhanced SecurityPolicy_TLS13_1_2_2021_06 family.
api_gateway_version(name) := 10 + to_number(m[1]) if {
	is_string(name)
	m := regex.find_all_string_submatch_n(`TLS(?:1[23])?_1_([0-3])(?:_|$)`, name, 1)[0]
}

# Application Gateway predefined policies.
app_gateway_policy_version := {
	"AppGwSslPolicy20150501": 10,
	"AppGwSslPolicy20170401": 11,
	"AppGwSslPolicy20170401S": 12,
	"AppGwSslPolicy20220101": 12,
	"AppGwSslPolicy20220101S": 12,
}
