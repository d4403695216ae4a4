# The README's commands. Each installs what is missing first, so they work on a fresh machine.
#   make run    build a release and serve it at http://127.0.0.1:8080
#   make test   every test: native engine tests, then the built page in headless Chromium
#               (the cross-engine cases are `make test-engines`; they join `test` at ten green runs in a row)
#   make test-engines  the cross-engine cases in Chromium, Firefox ESR and WebKitGTK, off the network
#   make dist   only build the site into dist/
#   make dist-test  the site with test hooks, into target/dist-test/ (browser tests only)
#   make bench  first-load bytes (brotli, gzip) and time to ready under 4x CPU throttling
#   make check  check the bundled rulesets and print every problem with its line
#   make summary counts per area (levels, indicators by level and domain, reconstructed items)
#   make review the decision table of each area, to sign off, into target/review/<area>.md
#   make schema regenerate rulesets/ruleset.schema.json from the model
#   make lint   rustfmt and clippy (native and wasm), warnings are errors

SHELL := /bin/bash
export PATH := $(CURDIR)/scripts/bin:$(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
HOST ?= 127.0.0.1
PORT ?= 8080
# Every bundled ruleset (rulesets/thesaurus.toml is the shared search thesaurus, checked by build.rs).
RULESETS := $(filter-out rulesets/thesaurus.toml,$(wildcard rulesets/*.toml))

.PHONY: run test dist dist-test bench check summary schema lint deps deps-browser test-native test-browser test-engines clean

deps:
	@scripts/install-deps.sh

deps-browser:
	@scripts/install-deps.sh browser

dist: deps
	trunk build --release

# The same site with test hooks (failure triggers, made-up areas), for the browser tests only.
dist-test: deps
	TW_FEATURES=test-hooks trunk build --release --features test-hooks --dist target/dist-test

run: dist
	node scripts/serve.mjs --dir dist --host $(HOST) --port $(PORT)

check:
	cargo run --quiet -- check $(RULESETS)

summary:
	cargo run --quiet -- summary $(RULESETS)

schema:
	cargo run --quiet -- schema > rulesets/ruleset.schema.json

# The decision table of each bundled area, to sign off: target/review/<area>.md.
.PHONY: review
review:
	@mkdir -p target/review
	@for f in $(RULESETS); do a=$$(basename $$f .toml); cargo run --quiet -- review $$f > target/review/$$a.md && echo "wrote target/review/$$a.md"; done

test-native:
	cargo test --locked

lint: deps
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown -- -D warnings

test-browser: deps-browser dist dist-test
	node --test --test-concurrency=1 tests/browser/

# Everything, in this order (make runs the prerequisites left to right): the cross-engine
# suite last, after test-browser, on the same dist/.
test: deps-browser lint test-native test-browser test-engines

# The cross-engine cases (tests/engines/) in Chromium, Firefox ESR and WebKitGTK, off the network,
# installing WebKitWebDriver, Xvfb and Firefox ESR when missing; also a step of `test` (README,
# "Which engine runs what": ten runs in a row passed before it joined).
test-engines: dist
	@scripts/install-deps.sh engines
	tests/engines/run.sh

# Both benches run and print their figures even when the first misses a budget; then it fails.
bench: deps-browser dist
	node scripts/bench.mjs; a=$$?; node scripts/bench-search.mjs; b=$$?; exit $$((a || b))

clean:
	rm -rf dist target/screenshots
