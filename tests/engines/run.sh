#!/usr/bin/env bash
# Runs the cross-engine suite (tests/engines/) with no network but loopback: a network
# namespace of its own (unshare -n, as root) holds the servers, the drivers and the browsers.
#   tests/engines/run.sh                         every engine, every case
#   TW_ENGINES=webkit TW_CASES=search tests/engines/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -E"
TW_OUTER_NETNS=$(readlink /proc/self/ns/net)
export TW_OUTER_NETNS
exec $SUDO unshare -n -- bash -c 'ip link set lo up && exec node --test --test-concurrency=1 --test-reporter=spec tests/engines/'
