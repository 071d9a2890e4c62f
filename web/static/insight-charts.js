// The dashboard's charts, drawn with Chart.js from each figure's table: the table stays the
// source of the numbers, read by screen readers and shown without JavaScript; the chart is a
// picture of it, labelled with the figure's summary.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  // GOV.UK Design System colours, in the order the report's charts use them.
  var COLOURS = ["#1d70b8", "#f47738", "#d4351c", "#00703c", "#4c2c92", "#505a5f"];
  // The page's own text colour and a size that reads beside GOV.UK body text.
  window.Chart.defaults.color = "#0b0c0c";
  window.Chart.defaults.font.size = 15;

  function drawChart(table) {
    var keys = table.dataset.chartBars.split(" ");
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var columns = headers.map(function (cell) { return cell.dataset.key; });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var datasets = keys.map(function (key, index) {
      var position = columns.indexOf(key);
      return {
        label: headers[position].textContent,
        backgroundColor: COLOURS[index % COLOURS.length],
        data: rows.map(function (row) { return Number(row.cells[position].dataset.value); })
      };
    });
    var summary = document.getElementById(table.dataset.chartSummary);
    var frame = document.createElement("div");
    frame.className = "casework-figure__chart";
    frame.style.height = (rows.length * 44 + 90) + "px";
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", summary ? summary.textContent : table.caption.textContent);
    canvas.textContent = "The table below gives these figures.";
    frame.appendChild(canvas);
    table.parentNode.insertBefore(frame, table);
    var stacked = table.hasAttribute("data-chart-stacked");
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (row) { return row.cells[0].textContent; }),
        datasets: datasets
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: stacked, beginAtZero: true }, y: { stacked: stacked } },
        plugins: { legend: { position: "top" } }
      }
    });
  }

  document.querySelectorAll("table[data-chart-bars]").forEach(drawChart);
})();
