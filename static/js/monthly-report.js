// The monthly report's charts: each <canvas data-chart="key"> drawn with Chart.js from the JSON the page
// carries (json_script "report-charts"), the same numbers as the tables beside it.
(function () {
  "use strict";
  var source = document.getElementById("report-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var palette = ["#2f6db5", "#e0912f", "#4a9b5c", "#c0392b", "#7d5ba6", "#7f8c8d"];
  JSON.parse(source.textContent).forEach(function (chart) {
    var canvas = document.querySelector('canvas[data-chart="' + chart.key + '"]');
    if (!canvas) { return; }
    var line = chart.kind === "line";
    new Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series, i) {
          return {
            label: series.name,
            data: series.values,
            backgroundColor: palette[i % palette.length],
            borderColor: palette[i % palette.length],
            tension: 0.2
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: chart.series.length > 1 || line, position: "bottom" } },
        scales: {
          x: { stacked: chart.stacked },
          y: { stacked: chart.stacked, beginAtZero: true, max: chart.percent ? 100 : undefined }
        }
      }
    });
  });
})();
