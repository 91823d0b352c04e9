#!/usr/bin/env bash
# The HTTP and browser tests (node:test) against a fresh private test stack: one of make
# check's TESTS. Starts `scripts/stack start test` from clean state, runs the tests one file
# at a time, always stops the stack, and fails on sanitizer reports in the program's log.
#
#   tests/stack-suite.sh [TEST FILE...]   (no files: every test file in tests/http, tests/browser)
#
# Environment: REFERRALS_BIN (the program; default ./fcgi/referrals of the build directory
# make check runs in, else <tree>/fcgi/referrals), REFERRALS_VAR (state; default <tree>/var),
# STACK_KEEP=1 leaves the stack running afterwards, for poking at it; STACK_SUITE_TIMEOUT
# (seconds, default 1800) bounds each test file: it catches a hang, and a sanitizer build on
# a machine loaded many times over its cores takes over 10 minutes for the longest file;
# TEST_PROGRESS (a file; scripts/test sets it) gets a line per test file as it finishes:
# outcome, seconds, name.
# The tests get BASE_URL, ORIGIN, STACK_DIR, STACK_SCRIPT, DB_SOCKET and LDAP_URI.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
stack=$top/scripts/stack

if [ -z "${REFERRALS_BIN:-}" ] && [ -x "$PWD/fcgi/referrals" ]; then
	REFERRALS_BIN=$PWD/fcgi/referrals
fi
export REFERRALS_BIN=${REFERRALS_BIN:-$top/fcgi/referrals}
export REFERRALS_VAR=${REFERRALS_VAR:-$top/var}
mkdir -p "$REFERRALS_VAR"
REFERRALS_VAR=$(cd "$REFERRALS_VAR" && pwd)
dir=$REFERRALS_VAR/test

say() { printf 'stack-suite: %s\n' "$*"; }

now_ns() { date +%s%N; }
# progress OUTCOME START_NS NAME: a line here and in $TEST_PROGRESS (scripts/test shows it)
progress() {
	local tenths=$((($(now_ns) - $2) / 100000000)) line
	line=$(printf '%-4s %5d.%d s  %s' "$1" $((tenths / 10)) $((tenths % 10)) "$3")
	say "$line"
	if [ -n "${TEST_PROGRESS:-}" ]; then printf '%s\n' "$line" >>"$TEST_PROGRESS"; fi
}

show_tail() {
	if [ -s "$1" ]; then
		printf -- '----- last %s lines of %s -----\n' "${2:-40}" "$1"
		tail -n "${2:-40}" "$1"
		printf -- '-----\n'
	fi
}

show_logs() {
	show_tail "$dir/referrals.log" 60
	show_tail "$dir/nginx-error.log" 20
	show_tail "$dir/mariadb.log" 10
}

if [ ! -x "$REFERRALS_BIN" ]; then
	say "the program $REFERRALS_BIN is not built"
	exit 99 # a hard error for automake's test driver
fi
command -v node >/dev/null 2>&1 || {
	say "node is not installed: run scripts/install-deps"
	exit 99
}

# The test files, named the way node's test runner finds them in a directory (given as a
# list: node 18 and node 22 treat directory arguments differently).
files=("$@")
if [ "${#files[@]}" -eq 0 ]; then
	for tests in "$top/tests/http" "$top/tests/browser"; do
		[ -d "$tests" ] || continue
		while IFS= read -r file; do
			files+=("$file")
		done < <(find "$tests" -path '*/node_modules' -prune -o -type f \
			-regextype posix-extended -regex '.*/([^/]*[._-]test|test-[^/]*|test)\.[cm]?js' \
			-print | LC_ALL=C sort)
	done
fi
for file in "${files[@]}"; do
	case $file in */tests/browser/*)
		if [ ! -d "$top/node_modules/playwright-core" ]; then
			say "the browser tests need the npm packages: run scripts/install-deps"
			exit 99
		fi
		;;
	esac
done

# A fresh stack: nothing left over from the last run.
"$stack" stop test >/dev/null 2>&1 || true
case $dir in */test) rm -rf "$dir" ;; esac

stopped=
stop_stack() {
	[ -n "$stopped" ] && return 0
	stopped=1
	if [ -n "${STACK_KEEP:-}" ]; then
		say "STACK_KEEP is set: the test stack is still running (scripts/stack stop test)"
		return 0
	fi
	"$stack" stop test || say "stopping the stack failed"
}
trap 'stop_stack' EXIT
trap 'exit 130' INT TERM

if ! "$stack" start test; then
	say "the test stack did not start"
	show_logs
	exit 99
fi

base_url=http://127.0.0.1:18080/referrals
origin=http://127.0.0.1:18080
status=0

# Smoke: the stand-in site and the program behind nginx, with its database and directory.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$origin/")
if [ "$code" != 200 ]; then
	say "FAIL: $origin/ answered $code, not 200 (the stand-in existing site)"
	status=1
fi
health=$(curl -s --max-time 10 -w ' %{http_code}' "$base_url/health" | tr -d '\n')
case $health in
*' 200') say "ok: $base_url/health: $health" ;;
*)
	say "FAIL: $base_url/health answered: $health"
	status=1
	;;
esac

# The database machinery (deadlock retry, reconnect) against the stack's MariaDB.
check_db=${REFERRALS_CHECK_DB:-$(dirname "$(dirname "$REFERRALS_BIN")")/tests/db/check_db}
if [ -x "$check_db" ]; then
	started=$(now_ns)
	if DB_SOCKET=$dir/mysql.sock "$check_db"; then
		progress PASS "$started" tests/db/check_db
	else
		progress FAIL "$started" tests/db/check_db
		status=1
	fi
else
	say "FAIL: $check_db is not built (make check builds it)"
	status=1
fi

if [ "${#files[@]}" -eq 0 ]; then
	say "no test files in tests/http or tests/browser: only the smoke checks ran"
else
	say "node --test: ${#files[@]} files, one at a time, against $base_url"
	# One node process per file: the files share one stack (some stop the directory or
	# restart the database), and node 18 has no --test-concurrency to serialise them.
	failed_files=()
	for file in "${files[@]}"; do
		started=$(now_ns)
		if ! (
			cd "$top" &&
				BASE_URL=$base_url ORIGIN=$origin STACK_DIR=$dir STACK_SCRIPT=$stack \
					DB_SOCKET=$dir/mysql.sock LDAP_URI=ldap://127.0.0.1:13890 \
					timeout --kill-after=30 "${STACK_SUITE_TIMEOUT:-1800}" \
					node --test --test-reporter=spec "$file"
		); then
			failed_files+=("${file#"$top"/}")
			status=1
			progress FAIL "$started" "${file#"$top"/}"
		else
			progress PASS "$started" "${file#"$top"/}"
		fi
	done
	if [ "${#failed_files[@]}" -gt 0 ]; then
		say "FAILED files: ${failed_files[*]}"
	fi
fi

stop_stack

# Sanitizer builds log their reports (including leaks found at exit) to stderr, that is the
# program's log; a report is a failure even when every request looked right.
if grep -E -q 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$dir/referrals.log" 2>/dev/null; then
	say "FAIL: sanitizer reports in $dir/referrals.log:"
	grep -E -A 30 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$dir/referrals.log" | head -n 200
	status=1
fi

if [ "$status" -ne 0 ]; then
	show_logs
	say "FAILED; logs in $dir"
else
	say "passed; logs in $dir"
fi
exit "$status"
