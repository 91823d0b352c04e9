#!/usr/bin/env bash
# The cluster tests (tests/cluster/*.test.mjs, issue 16) against a fresh cluster stack: three
# Galera nodes, two program hosts, nginx (`scripts/stack start cluster`). Starts it from clean
# state, runs the tests, always stops it. scripts/test runs it after the developer build's
# make check; it takes about five minutes on 2 cores.
#
#   tests/cluster-suite.sh [TEST FILE...]   (no files: every file in tests/cluster)
#
# The nodes' addresses (127.0.0.11-13) and the ports are fixed: run it in a network namespace
# of its own when anything else might use them (HACKING.md "Private stacks"); as root without
# one it makes one (referrals-cluster-PID) and runs itself inside.
# Environment: REFERRALS_BIN, REFERRALS_VAR as for tests/stack-suite.sh; STACK_KEEP=1 leaves
# the stack running; TEST_PROGRESS gets a line per test file.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
stack=$top/scripts/stack

# Our own namespace, unless we are in one already (or cannot make one).
if [ "$(id -u)" -eq 0 ] && [ -z "${CLUSTER_SUITE_NETNS:-}" ] && command -v ip >/dev/null &&
	[ -z "$(ip netns identify $$ 2>/dev/null)" ]; then
	ns=referrals-cluster-$$
	if ip netns add "$ns" 2>/dev/null; then
		ip netns exec "$ns" ip link set lo up
		CLUSTER_SUITE_NETNS=$ns ip netns exec "$ns" "$0" "$@"
		rc=$?
		ip netns del "$ns"
		exit "$rc"
	fi
fi

export REFERRALS_BIN=${REFERRALS_BIN:-$top/fcgi/referrals}
export REFERRALS_VAR=${REFERRALS_VAR:-$top/var}
mkdir -p "$REFERRALS_VAR"
REFERRALS_VAR=$(cd "$REFERRALS_VAR" && pwd)
dir=$REFERRALS_VAR/cluster

say() { printf 'cluster-suite: %s\n' "$*"; }
[ -x "$REFERRALS_BIN" ] || {
	say "the program $REFERRALS_BIN is not built"
	exit 99
}

"$stack" stop cluster >/dev/null 2>&1
rm -rf "$dir"
start=$(date +%s%N)
if ! "$stack" start cluster; then
	say "the cluster stack did not start"
	"$stack" stop cluster >/dev/null 2>&1
	exit 1
fi
set -a
# shellcheck disable=SC1091
. "$dir/stack.env"
set +a

files=("$@")
if [ "${#files[@]}" -eq 0 ]; then files=("$top"/tests/cluster/*.test.mjs); fi
failed=0
for file in "${files[@]}"; do
	t=$(date +%s%N)
	if node --test --test-reporter=spec "$file"; then outcome=PASS; else
		outcome=FAIL
		failed=1
	fi
	tenths=$((($(date +%s%N) - t) / 100000000))
	line=$(printf '%-4s %5d.%d s  %s' "$outcome" $((tenths / 10)) $((tenths % 10)) "${file#"$top"/}")
	say "$line"
	if [ -n "${TEST_PROGRESS:-}" ]; then printf '%s\n' "$line" >>"$TEST_PROGRESS"; fi
done
if [ "$failed" -ne 0 ]; then
	for n in 1 2; do tail -n 30 "$dir/app$n/referrals.log"; done
	tail -n 20 "$dir/nginx-error.log"
fi
if [ -z "${STACK_KEEP:-}" ]; then "$stack" stop cluster >/dev/null; fi
say "$((($(date +%s%N) - start) / 1000000000)) s in all"
exit "$failed"
