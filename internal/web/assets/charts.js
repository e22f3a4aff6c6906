// charts.js draws the supervisor's season board and charts (#13) with
// Apache ECharts (echarts/echarts.min.js, served from this site). The
// data is the JSON block #chart-data of the page; each chart is a
// <div data-chart="..."> hidden from screen readers, followed by its
// table, which holds every number the chart shows. No inline script,
// no HTML tooltips (they would need inline styles): the CSP holds.
(function () {
  "use strict";
  var src = document.getElementById("chart-data");
  if (!src || typeof window.echarts === "undefined") {
    return; // without JavaScript, the tables alone
  }
  var data = JSON.parse(src.textContent);
  var tooltip = { trigger: "axis", renderMode: "richText" };
  var grid = { left: 8, right: 16, top: 48, bottom: 8, containLabel: true };

  var options = {
    season: function (d) {
      var marks = d.deadlines.map(function (m) {
        return { xAxis: m.day, label: { formatter: m.label, position: "insideEndTop" } };
      });
      return {
        tooltip: tooltip, grid: grid,
        legend: { top: 0 },
        xAxis: { type: "category", data: d.days, boundaryGap: false },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: d.thisName, type: "line", step: "end", showSymbol: false, data: d.this,
            markLine: { symbol: "none", lineStyle: { type: "dashed", color: "#a00" }, data: marks } },
          { name: d.lastName, type: "line", step: "end", showSymbol: false, data: d.last, lineStyle: { type: "dotted" } }
        ]
      };
    },
    requests: function (d) {
      return {
        tooltip: tooltip, grid: grid,
        legend: { top: 0 },
        xAxis: { type: "category", data: d.years },
        yAxis: { type: "value", minInterval: 1 },
        series: d.series
      };
    },
    late: function (d) {
      return {
        tooltip: tooltip, grid: grid,
        legend: { top: 0 },
        xAxis: { type: "category", data: d.years },
        yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        series: d.series
      };
    },
    heat: function (d) {
      var most = 1;
      d.cells.forEach(function (c) { most = Math.max(most, c[2]); });
      return {
        tooltip: { trigger: "item", renderMode: "richText" },
        grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
        xAxis: { type: "category", data: d.rules, splitArea: { show: true } },
        yAxis: { type: "category", data: d.agencies, inverse: true, splitArea: { show: true } },
        visualMap: { min: 0, max: most, calculable: false, orient: "horizontal", left: "center", bottom: 0,
          inRange: { color: ["#fff5eb", "#fd8d3c", "#7f2704"] } },
        series: [{ name: d.name, type: "heatmap", data: d.cells, label: { show: true } }]
      };
    }
  };

  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var build = options[el.getAttribute("data-chart")];
    var d = data[el.getAttribute("data-chart")];
    if (!build || !d) {
      return;
    }
    if (d.agencies) { // the heat map: a row per agency
      el.style.height = Math.max(12, 2 * d.agencies.length + 8) + "rem";
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    var opt = build(d);
    opt.animation = false;
    chart.setOption(opt);
    el.setAttribute("data-drawn", "1");
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
