# plotgate: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

RELEASE_BIN := .build/release/plotgate
GALLERY_DIR := out/gallery

.PHONY: run start stop test bench deps build release gallery clean

## make run: install what is missing, build, and run plotgate behind nginx on
## http://127.0.0.1:8080 with the demo page, in the foreground (Ctrl-C stops everything).
run: deps release
	scripts/run.sh

## make start / make stop: the same stack in the background.
start: deps release
	scripts/run.sh start

stop:
	scripts/run.sh stop

## make test: install what is missing, build, run every test: unit tests per module (swift
## test), then real processes (nginx, spawn-fcgi, workers, fcgiwrap, Chromium) with pytest.
test: deps
	swift build --build-tests
	swift test --skip-build
	swift build -c release
	scripts/gallery.sh $(RELEASE_BIN) out/gallery-check >/dev/null
	PLOTGATE_BIN=$(CURDIR)/$(RELEASE_BIN) /usr/bin/python3 -m pytest -q \
	    tests

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
