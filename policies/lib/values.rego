# Helpers for values that may be unknown (Terraform values only known after apply).
package evident.lib.values

import rego.v1

is_unknown(value) if {
	is_object(value)
	is_string(value.__unknown__)
}

known(value) if not is_unknown(value)

# Days in an ISO 8601 duration of days, weeks, months or years (P90D, P12W, P3M, P1Y); months are 30 days.
duration_days(text) := total if {
	is_string(text)
	matches := regex.find_all_string_submatch_n(`(\d+)([DWMY])`, split(upper(text), "T")[0], -1)
	count(matches) > 0
	total := sum([days | some m in matches; days := to_number(m[1]) * unit_days[m[2]]])
}

unit_days := {"D": 1, "W": 7, "M": 30, "Y": 365}

unit_seconds := {"h": 3600, "m": 60, "s": 1}

# Seconds in a Go/Vault duration ("720h", "30m", "1h30m"), a number of seconds, or a GCP duration ("7776000s").
duration_seconds(value) := value if is_number(value)

duration_seconds(value) := total if {
	is_string(value)
	regex.match(`^(\d+[hms])+$`, value)
	total := sum([seconds | some m in regex.find_all_string_submatch_n(`(\d+)([hms])`, value, -1); seconds := to_number(m[1]) * unit_seconds[m[2]]])
}

# The value at `path` (object keys and array indices), the first unknown value met on the way
# (a dynamic block or object only known after apply), or `default_value` when absent.
value_at(root, path, default_value) := found[0] if {
	found := [value |
		some n in numbers.range(0, count(path) - 1)
		value := object.get(root, array.slice(path, 0, n), null)
		is_unknown(value)
	]
	count(found) > 0
} else := object.get(root, path, default_value)
