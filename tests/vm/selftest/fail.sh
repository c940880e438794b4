#!/bin/bash
# Not a product scenario: tests/vm/selftest runs it to prove that a failed
# assertion fails the run.
. "$(dirname "$0")/../../lib/scenario.sh"
assert_eq "deliberate" "failure" "harness self-test"
