#!/bin/sh
# bench/run.sh runs gongkai's whole-system benchmarks with sensible
# defaults: the HTTP load driver (bench/load) against a real server on
# 127.0.0.1, then the report audit corpus benchmark (bench/corpus).
#
#   bench/run.sh                       # SQLite only
#   GONGKAI_BENCH_POSTGRES='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' bench/run.sh
#   DURATION=3s WORKERS=4 ROUNDS=2 FILES=40 bench/run.sh   # a short run on a busy machine
#
# Settings (environment): DURATION per scenario (10s), WORKERS (8),
# ROUNDS of the load scenarios (2), MAX requests per scenario (20000),
# FILES per format for the corpus (200), CORPUS_ROUNDS (3), ONLY=load or
# ONLY=corpus to run one of them. The output is plain text on stdout.
set -eu
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
WORKERS=${WORKERS:-8}
ROUNDS=${ROUNDS:-2}
MAX=${MAX:-20000}
FILES=${FILES:-200}
CORPUS_ROUNDS=${CORPUS_ROUNDS:-3}
ONLY=${ONLY:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
go build -o "$tmp/load" ./bench/load
go build -o "$tmp/corpus" ./bench/corpus

status=0
if [ "$ONLY" != corpus ]; then
	"$tmp/load" -duration "$DURATION" -workers "$WORKERS" -rounds "$ROUNDS" -max "$MAX" || status=1
fi
if [ "$ONLY" != load ]; then
	echo
	"$tmp/corpus" -files "$FILES" -rounds "$CORPUS_ROUNDS" || status=1
fi
exit $status
