# handover: build, test and measure. `make help` lists the targets.
GO       ?= go
BIN      ?= bin/handover
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X main.version=$(VERSION)
SITE     ?= examples/nl-klantenservice
FUZZTIME ?= 10s

.PHONY: help build test lint vet fmt-check serve bench fuzz clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

build: ## build the handover binary into bin/
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/handover

test: fmt-check vet ## gofmt check, go vet and the race-enabled test suite
	$(GO) test -race -count=1 -timeout 30m ./...

fmt-check: ## fail when a Go file is not gofmt'd
	@out=$$(gofmt -l $$(git ls-files --cached --others --exclude-standard '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet: ## go vet
	$(GO) vet ./...

lint: fmt-check vet ## gofmt check, go vet and staticcheck when installed
	@command -v staticcheck >/dev/null && staticcheck ./... || echo "staticcheck not installed; skipped"

serve: ## serve the Dutch example site with live preview on 127.0.0.1:1313
	$(GO) run ./cmd/handover serve $(SITE)

fuzz: ## run every fuzz target for FUZZTIME each (.ci/fuzz.sh)
	GO=$(GO) FUZZTIME=$(FUZZTIME) bash .ci/fuzz.sh

BENCH_WORK ?= /tmp/bench

bench: build ## build timings beside Hugo + Pagefind and the floor, live preview in Chromium beside hugo server, then Go benchmarks (see BENCHMARKS.md)
	WORK=$(BENCH_WORK) SIZES="1000 10000" RUNS=3 bench/build.sh
	WORK=$(BENCH_WORK) SIZES=100000 RUNS=1 ONLY=handover bench/build.sh
	bench/search.sh
	for n in 1000 10000; do for e in body title front; do python3 bench/devserver.py --handover $(BIN) --site $(BENCH_WORK)/corpus-$$n --reps 20 --edit $$e; done; done
	for n in 1000 10000; do $(GO) run ./bench/preview -handover $(BIN) -corpus $(BENCH_WORK)/corpus-$$n -n $$n -reps 20 -out $(BENCH_WORK)/preview.jsonl; done
	BENCH_SITE=$(BENCH_WORK)/corpus-1000 $(GO) test -run='^$$' -bench=. -benchmem ./...

.PHONY: searcheval
searcheval: ## search quality: recall@3, MRR, zero results of handover, Pagefind, MiniSearch on the examples (bench/searcheval)
	bench/searcheval/run.sh

clean: ## remove build output
	rm -rf bin examples/*/public
