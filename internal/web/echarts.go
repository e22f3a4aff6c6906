package web

//go:generate sh echarts_update.sh

// EChartsAsset is the asset name of Apache ECharts (npm echarts@5,
// dist/echarts.min.js), vendored into assets/echarts by echarts_update.sh
// with its LICENSE and embedded in the binary: the supervisor's charts
// load it from this server (a content-hashed URL, cached for a year),
// never from a CDN. echarts.lock records its version and SHA-256.
const EChartsAsset = "echarts/echarts.min.js"
