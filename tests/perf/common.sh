# SPDX-License-Identifier: Apache-2.0
# Sourced by the hyperfine scripts beside it (roster_bench.sh and the rest), with their BUILD_DIR
# argument: sets `src` (the source tree), `duty` (the binary in BUILD_DIR, default build-release,
# configured and built in Release when it is not there yet) and `work` (a folder removed on exit).
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build-release}
if [ ! -x "$build/cli/duty" ]; then
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DDUTY_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 >/dev/null
fi
duty="$build/cli/duty"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
