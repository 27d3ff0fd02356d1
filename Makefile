# Roadmap Agent — every target the README names. `make run` and `make test` set themselves up first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/bakery.txt
export HF_HUB_OFFLINE := 1
export LANGSMITH_TRACING := false

.PHONY: setup run ask test audit lint evals evals-quick bench bench-load bench-scale bench-storage bench-exports fuzz record \
	clean llm-local llm-local-stop test-llm-local

$(BIN)/roadmap: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	@touch $(BIN)/roadmap

# The index and the reader's sentence model are built here, once per machine (a few minutes; then seconds), not by
# the first command: a first `roadmap ask` run under a time limit would be stopped mid-training, and so the next.
setup: $(BIN)/roadmap  ## create .venv, install the project with its dev tools, build the index and train the reader
	$(BIN)/roadmap ingest

run: setup  ## draft a roadmap for the example business, offline
	$(BIN)/roadmap draft --file $(EXAMPLE)

ask: setup  ## a cited compliance answer: make ask Q="..."
	$(BIN)/roadmap ask "$(Q)"

test: setup  ## the test suite (network blocked but for loopback)
	$(BIN)/pytest -q

audit: setup  ## what in knowledge/ is due for a re-check (old reviews, passed pending facts, past dates)
	$(BIN)/roadmap knowledge audit --due

lint: setup
	$(BIN)/ruff check agent api tests evals benchmarks
	$(BIN)/ruff format --check agent api tests evals benchmarks
	$(BIN)/mypy

evals: setup  ## full eval suites; non-zero exit under threshold
	$(BIN)/python -m evals all

evals-quick: setup  ## the quick subset CI runs
	$(BIN)/python -m evals all --quick

bench: setup  ## speed measurements, compared with benchmarks/baseline.json
	$(BIN)/python -m benchmarks

bench-load: setup  ## 20 concurrent users x 10 turns against a real server on loopback: errors, leaks, p95
	$(BIN)/python -m benchmarks.load

bench-scale: setup  ## PostgreSQL (127.0.0.1:5432/test) + a `chroma run` server: load at 1 and 2 workers, turns/s and p95
	$(BIN)/python -m benchmarks.scale

bench-storage: setup  ## one session revised 300 times: store size and turn time, first vs last
	$(BIN)/python -m benchmarks.storage 300

bench-exports: setup  ## every export format (md, json, docx, pdf, xlsx, csv, ics) of one draft: target <= 3 s
	$(BIN)/python -m benchmarks.exports

fuzz: setup  ## schemathesis on every operation, SQLite and PostgreSQL, FUZZ_EXAMPLES per operation (600: ~6,600 cases per store; CI runs 25)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-600} $(BIN)/pytest -q tests/api/test_fuzz.py -p no:randomly

clean:
	rm -rf .roadmap .pytest_cache .mypy_cache .ruff_cache

llm-local:  ## a real model on 127.0.0.1: builds llama-server once, verifies the model, prints the exports
	@$(PY) agent/llm_server.py start

llm-local-stop:  ## stop the server `make llm-local` started
	@$(PY) agent/llm_server.py stop

test-llm-local: setup llm-local  ## the LLM-path tests against the live local model (marker llm_local)
	$(BIN)/pytest -q -p no:randomly -m llm_local tests/llm_local

RECORDED := structured_extraction or tailored_draft or cites_only_retrieved or is_what_was_saved or report_token_use or ends_with_usage
record: setup  ## re-record the genuine LLM cassettes against a real endpoint (OPENAI_BASE_URL and/or OPENAI_API_KEY, LLM_MODEL)
	@test -n "$(OPENAI_API_KEY)$(OPENAI_BASE_URL)" || (echo "set OPENAI_BASE_URL (e.g. from make llm-local) or OPENAI_API_KEY, and LLM_MODEL"; exit 2)
	$(BIN)/pytest -p no:randomly tests/llm -k "$(RECORDED)" --record-mode=rewrite
