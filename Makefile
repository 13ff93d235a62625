# The two commands of a fresh machine: `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test deps release benchmarks lint

## Installs GLPK (Debian's libglpk-dev) when it is missing.
deps:
	@dpkg -s libglpk-dev >/dev/null 2>&1 || { \
	  echo "installing libglpk-dev"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libglpk-dev; }

## Builds the release CLI.
release: deps
	$(SWIFT) build -c release --product placement

## Solves the bundled Hoa Lac internship season and prints the summary.
demo: release
	@mkdir -p results
	.build/release/placement solve instances/hoa-lac-internships-2026.json \
	  --output results/hoa-lac-internships-2026.result.json --timings

## Runs the whole test suite.
test: deps
	$(SWIFT) test

## Runs the ordo-one benchmark suites (release build).
benchmarks: deps
	$(SWIFT) package --package-path Benchmarks benchmark

## Checks formatting (swift format, settings in .swift-format).
lint:
	$(SWIFT) format lint --strict -r Sources Tests Fuzz Package.swift
