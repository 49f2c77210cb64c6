# plotgate: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

RELEASE_BIN := .build/release/plotgate
GALLERY_DIR := out/gallery

.PHONY: run start stop test bench reliability deps build release gallery clean

## make run: install what is missing, build, and run plotgate behind nginx on
## http://127.0.0.1:8080 with the demo page, in the foreground (Ctrl-C stops everything).
run: deps release
	scripts/run.sh

## make start / make stop: the same stack in the background.
start: deps release
	scripts/run.sh start

stop:
	scripts/run.sh stop

## make test: install what is missing, build, run every test: unit and property tests per
## module (swift test), a one-minute libFuzzer run over decoding and layout, then real processes
## (nginx, spawn-fcgi, workers, fcgiwrap, Apache, Chromium; the short reliability runs) with pytest.
test: deps
	swift build --build-tests
	swift test --skip-build
	swift build -c release
	scripts/gallery.sh $(RELEASE_BIN) out/gallery-check >/dev/null
	scripts/fuzz.sh 60
	PLOTGATE_BIN=$(CURDIR)/$(RELEASE_BIN) /usr/bin/python3 -m pytest -q \
	    tests

## make reliability: the long runs of tests/reliability (a minute of kills under load, minutes
## of leak soak, tens of thousands of hostile URLs, overload, slowloris), the fuzzer for 600 s,
## then docs/RELIABILITY.md from their summaries (written even when a test fails).
reliability: deps release
	rm -rf out/reliability
	status=0; \
	RELIABILITY_SCALE=long PLOTGATE_BIN=$(CURDIR)/$(RELEASE_BIN) /usr/bin/python3 -m pytest -q \
	    tests/reliability || status=1; \
	scripts/fuzz.sh 600 || status=1; \
	/usr/bin/python3 scripts/reliability-report.py; \
	exit $$status

## make bench: plotgate vs the matplotlib peer behind one nginx, interleaved; writes
## bench/RESULTS.md (BENCH_SECONDS=N per measuring window, default 5; about 3-4 minutes).
bench: deps
	/usr/bin/python3 bench/run.py

deps:
	@scripts/install-deps.sh

build:
	swift build

release:
	swift build -c release

gallery:
	scripts/gallery.sh $(RELEASE_BIN) $(GALLERY_DIR)

clean:
	rm -rf .build out
