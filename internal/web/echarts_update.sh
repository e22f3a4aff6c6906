#!/bin/sh
# echarts_update.sh vendors Apache ECharts (npm package echarts, major
# version 5 unless ECHARTS_SPEC says otherwise) into assets/echarts/: its
# dist/echarts.min.js and LICENSE, and records in echarts.lock the
# version, npm's integrity of the package and the SHA-256 of both files
# (TestEChartsLock checks the embedded files against it). Run it with
# `go generate ./internal/web` (or sh echarts_update.sh in this folder)
# and commit the result: the server never downloads it, and a fresh
# checkout builds with Go alone.
set -eu
cd "$(dirname "$0")"
spec="${ECHARTS_SPEC:-echarts@5}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$spec" >/dev/null)
tgz="$(ls "$tmp"/echarts-*.tgz)"
version="$(basename "$tgz" .tgz | sed 's/^echarts-//')"
integrity="$(npm view "echarts@$version" dist.integrity)"
tar -xzf "$tgz" -C "$tmp" package/dist/echarts.min.js package/LICENSE
mkdir -p assets/echarts
cp "$tmp/package/dist/echarts.min.js" assets/echarts/echarts.min.js
cp "$tmp/package/LICENSE" assets/echarts/LICENSE
{
	echo "# Written by echarts_update.sh; checked by TestEChartsLock."
	echo "version $version"
	echo "integrity $integrity"
	echo "sha256 echarts.min.js $(sha256sum assets/echarts/echarts.min.js | cut -d' ' -f1)"
	echo "sha256 LICENSE $(sha256sum assets/echarts/LICENSE | cut -d' ' -f1)"
} >echarts.lock
echo "echarts $version vendored into assets/echarts"
