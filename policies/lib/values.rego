# Helpers for values that may be unknown (Terraform values only known after apply).
package evident.lib.values

import rego.v1

is_unknown(value) if {
	is_object(value)
	is_string(value.__unknown__)
}

known(value) if not is_unknown(value)
