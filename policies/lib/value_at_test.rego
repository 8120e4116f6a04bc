package evident.lib.value_at_test

import data.evident.lib.values
import rego.v1

test_value_at_walks_blocks if {
	values.value_at({"a": [{"b": true}]}, ["a", 0, "b"], false) == true
	values.value_at({"a": []}, ["a", 0, "b"], "default") == "default"
	values.value_at({}, ["a"], null) == null
}

test_value_at_returns_the_first_unknown_on_the_way if {
	values.value_at({"a": {"__unknown__": "dynamic block"}}, ["a", 0, "b"], false) == {"__unknown__": "dynamic block"}
	values.value_at({"a": [{"b": {"__unknown__": "var"}}]}, ["a", 0, "b"], false) == {"__unknown__": "var"}
}
