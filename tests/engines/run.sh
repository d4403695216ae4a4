#!/usr/bin/env bash
# Runs the cross-engine suite (tests/engines/) with no network but loopback: a network
# namespace of its own (unshare -n, as root) holds the servers, the drivers and the browsers.
#   tests/engines/run.sh                         every engine, every case
#   TW_ENGINES=webkit TW_CASES=search tests/engines/run.sh
# The test file runs in this process itself (not under a `node --test` runner), so a SIGTERM or
# SIGINT reaches the process that started the browsers, and it ends each by its pid.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -E"
TW_OUTER_NETNS=$(readlink /proc/self/ns/net)
export TW_OUTER_NETNS
exec $SUDO unshare -n -- bash -c 'ip link set lo up && exec node --test-reporter=spec tests/engines/engines.test.mjs'
