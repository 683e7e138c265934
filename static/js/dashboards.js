/* Dashboards: sortable tables and Chart.js charts.
 *
 * Every chart reads its numbers from a <script type="application/json"> block that the server
 * built from the same rows as the table next to it, so a chart cannot show another number
 * than its table. Values arrive as strings ("26.67") and are parsed only here. */
(function () {
  "use strict";

  var STATUS_COLOURS = {
    met: "#198754",
    on_track: "#0dcaf0",
    at_risk: "#fd7e14",
    missed: "#7f1d1d",
    not_yet_met: "#6d4c41",
    no_target: "#546e7a",
    no_data: "#adb5bd"
  };
  var PALETTE = ["#198754", "#0d6efd", "#fd7e14", "#6f42c1", "#20c997", "#d63384", "#6c757d", "#ffc107"];
  var numberFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : [];
  }

  function num(value) {
    return value === null || value === undefined || value === "" ? null : parseFloat(value);
  }

  function suffix(unit) {
    return unit === "percent" ? "%" : "";
  }

  // ------------------------------------------------------------------ sortable tables
  function sortTable(table, column, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = header.getAttribute("data-sort") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = a.cells[column] ? a.cells[column].getAttribute("data-value") || "" : "";
      var y = b.cells[column] ? b.cells[column].getAttribute("data-value") || "" : "";
      if (numeric) {
        var nx = x === "" ? null : parseFloat(x);
        var ny = y === "" ? null : parseFloat(y);
        // Rows without data stay at the bottom whichever way the column is sorted.
        if (nx === null && ny === null) return 0;
        if (nx === null) return 1;
        if (ny === null) return -1;
        return ascending ? nx - ny : ny - nx;
      }
      var order = x.localeCompare(y, "vi");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(header.parentNode.cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (header, column) {
      if (!header.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, column, header); });
    });
  }

  // ------------------------------------------------------------------ charts
  function provincesChart(canvas, rows) {
    var unit = canvas.getAttribute("data-unit");
    var shown = rows.filter(function (row) { return num(row.actual) !== null; });
    if (!shown.length) {
      canvas.parentNode.innerHTML = '<p class="text-muted small mb-0">' + canvas.getAttribute("aria-label") + ": —</p>";
      return;
    }
    canvas.parentNode.style.height = Math.max(160, 60 + shown.length * 26) + "px";
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: shown.map(function (row) { return row.province; }),
        datasets: [
          {
            label: "Kết quả",
            data: shown.map(function (row) { return num(row.actual); }),
            backgroundColor: shown.map(function (row) { return STATUS_COLOURS[row.status]; })
          },
          {
            label: "Lộ trình của tỉnh",
            type: "line",
            showLine: false,
            pointStyle: "line",
            pointRadius: 12,
            pointBorderWidth: 3,
            borderColor: "#212529",
            data: shown.map(function (row) { return num(row.expected); })
          }
        ]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        plugins: {
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + numberFormat.format(ctx.parsed.x) + suffix(unit); } } }
        },
        scales: { x: { beginAtZero: true, suggestedMax: unit === "percent" ? 100 : undefined } }
      }
    });
  }

  function trendChart(canvas, rows) {
    var unit = canvas.getAttribute("data-unit");
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map(function (row) { return String(row.year); }),
        datasets: [
          {
            label: "Kết quả",
            data: rows.map(function (row) { return num(row.actual); }),
            borderColor: "#198754",
            backgroundColor: rows.map(function (row) { return STATUS_COLOURS[row.status]; }),
            pointRadius: 6,
            spanGaps: true
          },
          {
            label: "Lộ trình mục tiêu",
            data: rows.map(function (row) { return num(row.expected); }),
            borderColor: "#6c757d",
            borderDash: [6, 4],
            pointRadius: 3,
            spanGaps: true
          }
        ]
      },
      options: {
        maintainAspectRatio: false,
        plugins: {
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + numberFormat.format(ctx.parsed.y) + suffix(unit); } } }
        },
        scales: { y: { beginAtZero: true, suggestedMax: unit === "percent" ? 100 : undefined } }
      }
    });
  }

  function healthChart(canvas, rows) {
    function series(label, key, colour) {
      return { label: label, data: rows.map(function (row) { return row[key]; }), backgroundColor: colour };
    }
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (row) { return String(row.year); }),
        datasets: [
          series("Đúng hạn", "on_time", "#198754"),
          series("Trễ hạn", "late", "#ffc107"),
          series("Bị trả lại", "returned", "#6f42c1"),
          series("Chưa gửi", "not_sent", "#dc3545")
        ]
      },
      options: {
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  function savingsChart(canvas, rows) {
    var years = [];
    var sectors = [];
    rows.forEach(function (row) {
      if (years.indexOf(row.year) < 0) years.push(row.year);
      if (sectors.indexOf(row.sector) < 0) sectors.push(row.sector);
    });
    years.sort();
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: years.map(String),
        datasets: sectors.map(function (sector, index) {
          return {
            label: sector,
            backgroundColor: PALETTE[index % PALETTE.length],
            data: years.map(function (year) {
              var found = rows.filter(function (row) { return row.year === year && row.sector === sector; });
              return found.length ? found[0].saving_vnd : 0;
            })
          };
        })
      },
      options: {
        maintainAspectRatio: false,
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } },
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + numberFormat.format(ctx.parsed.y) + " đ"; } } }
        },
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { callback: function (v) { return numberFormat.format(v / 1e6) + " tr"; } } }
        }
      }
    });
  }

  function unitChart(canvas, rows) {
    var unit = canvas.getAttribute("data-unit");
    var shown = rows.filter(function (row) { return num(row.actual) !== null; });
    var byYear = canvas.getAttribute("data-by") === "year";
    if (!shown.length) {
      canvas.parentNode.innerHTML = '<p class="text-muted small mb-0">—</p>';
      return;
    }
    if (!byYear) canvas.parentNode.style.height = Math.max(160, 60 + shown.length * 24) + "px";
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: shown.map(function (row) { return byYear ? String(row.year) : row.agency; }),
        datasets: [
          {
            label: "Kết quả",
            data: shown.map(function (row) { return num(row.actual); }),
            backgroundColor: shown.map(function (row) { return STATUS_COLOURS[row.status]; })
          },
          {
            label: "Lộ trình của tỉnh",
            type: "line",
            showLine: byYear,
            borderColor: "#212529",
            borderDash: [6, 4],
            pointStyle: byYear ? "circle" : "line",
            pointRadius: byYear ? 3 : 10,
            pointBorderWidth: 3,
            data: shown.map(function (row) { return num(row.expected); })
          }
        ]
      },
      options: {
        indexAxis: byYear ? "x" : "y",
        maintainAspectRatio: false,
        scales: byYear
          ? { y: { beginAtZero: true, suggestedMax: unit === "percent" ? 100 : undefined } }
          : { x: { beginAtZero: true, suggestedMax: unit === "percent" ? 100 : undefined } }
      }
    });
  }

  var CHARTS = {
    provinces: provincesChart,
    trend: trendChart,
    health: healthChart,
    savings: savingsChart,
    units: unitChart
  };

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
    if (typeof Chart === "undefined") return;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
      var draw = CHARTS[canvas.getAttribute("data-chart")];
      if (draw) draw(canvas, data(canvas.getAttribute("data-source")));
    });
  });
})();
