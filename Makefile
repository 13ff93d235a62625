# The two commands of a fresh machine: `make demo` and `make test`.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test deps release benchmarks lint fuzz

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

## Runs both libFuzzer targets (the instance reader, the result reader) for FUZZ_SECONDS
## each, side by side, from the checked-in corpus; new inputs go to .build/fuzz-corpus,
## crashes to .build/fuzz-crash-*. Swift's backtracer is off so libFuzzer saves them.
FUZZ_SECONDS ?= 600
fuzz:
	$(SWIFT) build -c release --scratch-path .build/fuzz --sanitize=fuzzer -Xswiftc -DFUZZING \
	  --product fuzz-instance-reader
	$(SWIFT) build -c release --scratch-path .build/fuzz --sanitize=fuzzer -Xswiftc -DFUZZING \
	  --product fuzz-result-reader
	@mkdir -p .build/fuzz-corpus/instances .build/fuzz-corpus/results
	SWIFT_BACKTRACE=enable=no .build/fuzz/release/fuzz-instance-reader .build/fuzz-corpus/instances \
	  Tests/Corpus/instances -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
	  -artifact_prefix=.build/fuzz-crash- > .build/fuzz-instance-reader.log 2>&1 & \
	SWIFT_BACKTRACE=enable=no .build/fuzz/release/fuzz-result-reader .build/fuzz-corpus/results \
	  Tests/Corpus/results -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
	  -artifact_prefix=.build/fuzz-crash- > .build/fuzz-result-reader.log 2>&1; \
	wait; tail -n 12 .build/fuzz-instance-reader.log .build/fuzz-result-reader.log; \
	if ls .build/fuzz-crash-* >/dev/null 2>&1; then ls .build/fuzz-crash-*; exit 1; fi
