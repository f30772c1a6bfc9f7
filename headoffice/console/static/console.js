// Head-office console: the only script besides Chart.js. No inline handlers (strict CSP):
// forms with data-confirm ask first; a <canvas id="funnel-chart"> is drawn from the JSON in
// <script type="application/json" id="funnel-chart-data">.
'use strict';

document.addEventListener('submit', function (ev) {
  var form = ev.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) ev.preventDefault();
});

var COLORS = { started: '#829ab1', abandoned: '#f0b429', completed: '#2680c2', recommended: '#3ebd93', passed: '#1a7f37', scheduled: '#8662c7', hired: '#c62828' };

function drawFunnel() {
  var canvas = document.getElementById('funnel-chart');
  var dataEl = document.getElementById('funnel-chart-data');
  if (!canvas || !dataEl || typeof window.Chart !== 'function') return;
  var d = JSON.parse(dataEl.textContent || '{}');
  var isLine = d.type === 'line';
  // Many groups: horizontal bars read better than a forest of thin columns.
  var isHorizontal = !isLine && d.labels.length > 8;
  document.querySelector('.chart-box').classList.toggle('tall', isHorizontal && d.labels.length > 14);
  new window.Chart(canvas, {
    type: isLine ? 'line' : 'bar',
    data: {
      labels: d.labels,
      datasets: d.datasets.map(function (s) {
        return { label: s.label, data: s.data, backgroundColor: COLORS[s.key], borderColor: COLORS[s.key], borderWidth: isLine ? 2 : 0, tension: 0.2 };
      }),
    },
    options: {
      indexAxis: isHorizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: 'bottom' } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

// Deferred scripts (this one and Chart.js) have all run before DOMContentLoaded.
document.addEventListener('DOMContentLoaded', drawFunnel);
