#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz and runs each for a while.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
# SECONDS defaults to 30; a TARGET is a fuzz_TARGET.c here (default: every one of them).
# Needs clang with libFuzzer (Debian: apt-get install clang libclang-rt-14-dev).
# Environment: CC (default clang), FUZZ_BUILD (default ${TMPDIR:-/tmp}/referrals-fuzz), and
# FUZZ_FLAGS, extra libFuzzer flags (e.g. "-jobs=2 -workers=2").
# Exit status: 0 when every target ran its time without a finding, 1 otherwise; a finding's
# input is saved under $FUZZ_BUILD/artifacts/TARGET/ (replay: $FUZZ_BUILD/fuzz_TARGET FILE).
set -eu

seconds=${1:-30}
[ $# -gt 0 ] && shift

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-${TMPDIR:-/tmp}/referrals-fuzz}
cc=${CC:-clang}

if [ $# -gt 0 ]; then
	targets=$*
else
	targets=$(find "$here" -maxdepth 1 -name 'fuzz_*.c' | sed 's|.*/fuzz_||; s|\.c$||' | sort)
fi
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "run.sh: $cc not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 2
fi

# The flags are lists split on spaces (SC2086); the quotes in the -D values are meant to
# reach the compiler as they are, making the macros string literals (SC2089/SC2090).
deps="libmariadb ldap libpcre2-8 fcgi"
# shellcheck disable=SC2086,SC2089
common="-std=gnu11 -g -O1 -D_GNU_SOURCE -fno-omit-frame-pointer -Wall -Wextra
	-Wno-unused-parameter -fno-sanitize-recover=all -DREFERRALS_VERSION=\"fuzz\"
	-DREFERRALS_DATADIR=\"/nonexistent\" -DREFERRALS_SYSCONFDIR=\"/nonexistent\"
	-I/usr/include/ClearSilver $(pkg-config --cflags $deps)"
# shellcheck disable=SC2086
libs="$(pkg-config --libs $deps) -llber -lneo_cgi -lneo_cs -lneo_utl -lz"

# Everything in fcgi/ but main(), instrumented, in one archive: a target links only the
# objects it uses. A file that does not compile (someone is half-way through it) is left
# out with a warning; only a target that needs it fails to link.
mkdir -p "$build/obj"
rm -f "$build/obj"/*.o "$build/libreferrals-fuzz.a"
: >"$build/build.log"
echo "== building fcgi/ for fuzzing (log: $build/build.log)"
for source in "$top"/fcgi/*.c "$top"/fcgi/*/*.c; do
	[ "$(basename "$source")" = main.c ] && continue
	object="$build/obj/$(echo "${source#"$top"/fcgi/}" | tr / _ | sed 's/\.c$/.o/')"
	# shellcheck disable=SC2086,SC2090
	if ! $cc $common -fsanitize=fuzzer-no-link,address,undefined -c "$source" -o "$object" \
		>>"$build/build.log" 2>&1; then
		echo "   warning: ${source#"$top"/} does not compile; left out" >&2
	fi
done
ar rcs "$build/libreferrals-fuzz.a" "$build/obj"/*.o

status=0
for target in $targets; do
	binary="$build/fuzz_$target"
	if [ ! -f "$here/fuzz_$target.c" ]; then
		echo "run.sh: no $here/fuzz_$target.c" >&2
		status=1
		continue
	fi
	echo "== building fuzz_$target"
	# shellcheck disable=SC2086,SC2090
	if ! $cc $common -fsanitize=fuzzer,address,undefined -o "$binary" "$here/fuzz_$target.c" \
		"$build/libreferrals-fuzz.a" $libs; then
		status=1
		continue
	fi

	# a working corpus outside the tree, seeded from the checked-in one
	corpus="$build/corpus/$target"
	artifacts="$build/artifacts/$target"
	mkdir -p "$corpus" "$artifacts"
	if [ -d "$here/corpus/$target" ]; then
		cp "$here/corpus/$target"/* "$corpus/" 2>/dev/null || true
	fi
	dict=""
	[ -f "$here/$target.dict" ] && dict="-dict=$here/$target.dict"

	echo "== running fuzz_$target for ${seconds}s"
	log="$build/$target.log"
	# shellcheck disable=SC2086
	if "$binary" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$artifacts/" $dict ${FUZZ_FLAGS:-} "$corpus" \
		>"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "   ok: $runs runs, corpus of $(find "$corpus" -type f | wc -l) inputs"
	else
		status=1
		echo "   FINDING: see $log and $artifacts/" >&2
		grep -E 'ERROR|runtime error|fuzz_[a-z_]+: ' "$log" | head -5 >&2 || true
	fi
done
exit $status
