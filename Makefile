# news-impact: `make run` serves the widget, `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3}' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_OFFLINE := true
export TRUNK_SKIP_VERSION_CHECK := true
PORT ?= 8080

.PHONY: help run dist dist-faults standalone test tools rust-tools node-tools browser lint unit e2e bench

help:
	@echo "make run    build and serve the widget at http://127.0.0.1:$(PORT)"
	@echo "make test   install what is missing, then fmt, clippy, unit tests, dist and browser tests"
	@echo "make dist   build the optimised bundle into dist/"
	@echo "make standalone  also write dist/news-impact-standalone.html (one file, opens from disk)"
	@echo "make bench  engine, npm peers, browser and size benchmarks; one summary table (BENCHMARKS.md)"

## --- set-up (idempotent, quick when everything is there) ---
tools: rust-tools node-tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)" || cargo install --locked trunk --version $(TRUNK_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install --locked wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

node_modules/.installed: package.json package-lock.json
	@if [ -L node_modules ]; then echo "node_modules is a link to a shared install: not reinstalling"; \
	else npm ci --no-audit --no-fund && touch $@; fi

node-tools: node_modules/.installed

browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; fi

## --- build ---
# The bundle, plus the single-file build (dist/news-impact-standalone.html: wasm inlined, initSync,
# opens from file:// with no server), which is made from the readable modules before they are
# minified for the budget.
dist: tools
	trunk build --release
	node scripts/standalone.mjs dist
	node scripts/minify.mjs dist

# Test-only bundle with the `fault-injection` feature (article titles that make the wasm panic), for
# the panic-containment browser tests. Never deployed; `make dist` never contains it.
dist-faults: tools
	trunk build --release --features fault-injection --dist dist-faults
	node scripts/standalone.mjs dist-faults
	node scripts/minify.mjs dist-faults

# The single-file build is part of `make dist`.
standalone: dist

run: dist
	node tests/e2e/serve.mjs dist

## --- tests ---
lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

unit:
	cargo test --workspace

e2e: node-tools browser
	node --test --test-concurrency=1 tests/e2e/

test: tools browser
	$(MAKE) lint
	$(MAKE) unit
	$(MAKE) standalone
	$(MAKE) dist-faults
	$(MAKE) e2e

## --- data and measures ---
# Regenerates crates/engine/data/{universe,sec}.tsv from ../shared/data/companies (deterministic).
# Second-tier SEC tickers are kept without names to fit the bundle budget: they show as tickers.
universe:
	python3 scripts/gen_universe.py --sec-names none

# Entity precision and recall on the labelled mention corpus.
link-eval:
	cargo run -q -p news-impact-engine --example link_eval

# Trains the sentiment model on ../shared/data/sentfin (deterministic) into crates/engine/data/model.txt.
model:
	cargo run --release -p news-impact-train -- model

# Dev-split accuracy and F1 of the model and of the npm peers, in one run.
eval: node-tools
	cargo run --release -p news-impact-train -- eval

## --- benchmarks (BENCHMARKS.md): timing lives here, never in the tests ---
bench: tools browser
	cargo bench -p news-impact-engine
	@mkdir -p target/bench
	node bench/peers.mjs bench/headlines.txt 21 > target/bench/peers.json
	$(MAKE) dist
	node bench/browser/run.mjs dist
	node bench/size-report.mjs dist
	node bench/summary.mjs
