// Draws the report's charts with Apache ECharts (inlined above this script) from the JSON in #report-data.
// Each .chart element names its spec by index; ChartSpecs and AnswerSummary (Java) write the specs, and the
// architecture search's SearchReport its pareto and progress specs.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var INK = '#222';

  function fmt(v) {
    if (v === null || v === undefined || v === '-') return '–';
    var a = Math.abs(v);
    if (a >= 100) return v.toFixed(0);
    if (a >= 1 || a === 0) return v.toFixed(2);
    return v.toPrecision(3);
  }

  function rotated(labels) {
    return labels.length > 5 ? 25 : 0;
  }

  // A vertical segment with caps from value low to value high at category k, offset to bar `slot` of `slots` bars
  // laid out with barGap 0 and barCategoryGap 30% (the bar series below use exactly those).
  function intervalSeries(name, rows, slot, slots, dashed) {
    return {
      type: 'custom', name: name, z: 10, silent: true, tooltip: { show: false },
      encode: { x: 0, y: [1, 2] },
      data: rows,
      renderItem: function (params, api) {
        var lo = api.coord([api.value(0), api.value(1)]);
        var hi = api.coord([api.value(0), api.value(2)]);
        var x = lo[0];
        var cap = 0;
        if (slots > 0) {
          var band = api.size([1, 0])[0];
          var width = band * 0.7 / slots;
          x = lo[0] - band * 0.35 + (slot + 0.5) * width;
          cap = Math.min(width * 0.2, 8);
        }
        var style = { stroke: INK, lineWidth: 1.5, lineDash: dashed ? [4, 3] : null };
        var children = [{ type: 'line', shape: { x1: x, y1: lo[1], x2: x, y2: hi[1] }, style: style }];
        if (cap > 0) {
          children.push({ type: 'line', shape: { x1: x - cap, y1: lo[1], x2: x + cap, y2: lo[1] }, style: style });
          children.push({ type: 'line', shape: { x1: x - cap, y1: hi[1], x2: x + cap, y2: hi[1] }, style: style });
        }
        return { type: 'group', children: children };
      }
    };
  }

  function scores(spec) {
    var n = spec.series.length;
    var series = [];
    spec.series.forEach(function (s, i) {
      series.push({ type: 'bar', name: s.name, data: s.values, barGap: '0%', barCategoryGap: '30%' });
      if (s.low) {
        var rows = [];
        s.values.forEach(function (v, k) {
          if (s.low[k] !== null && s.high[k] !== null) rows.push([k, s.low[k], s.high[k]]);
        });
        series.push(intervalSeries(s.name, rows, i, n, false));
      }
    });
    return {
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (params) {
          var k = params[0].dataIndex;
          var lines = ['<b>' + echarts.format.encodeHTML(spec.models[k]) + '</b>'];
          spec.series.forEach(function (s) {
            var ci = s.low && s.low[k] !== null ? ' (' + fmt(s.low[k]) + ' – ' + fmt(s.high[k]) + ')' : '';
            lines.push(echarts.format.encodeHTML(s.name) + ': ' + fmt(s.values[k]) + ci);
          });
          return lines.join('<br>');
        }
      },
      xAxis: { type: 'category', data: spec.models, axisLabel: { interval: 0, rotate: rotated(spec.models) } },
      yAxis: { type: 'value', min: 0, max: spec.max, name: spec.unit },
      series: series
    };
  }

  function length(spec) {
    var last = spec.series.length - 1;
    var series = spec.series.map(function (s, i) {
      return {
        type: 'scatter', name: s.name, data: s.points, symbolSize: 12,
        label: { show: i === last, position: 'right', formatter: function (p) { return p.value[2]; } },
        labelLayout: { hideOverlap: true }
      };
    });
    if (spec.series.length === 2) {
      // AlpacaEval: a dashed segment from each model's raw to its length-controlled win rate shows the correction.
      var raw = {};
      spec.series[0].points.forEach(function (p) { raw[p[2]] = p; });
      var rows = [];
      spec.series[1].points.forEach(function (p) {
        if (raw[p[2]]) rows.push([p[0], raw[p[2]][1], p[1]]);
      });
      series.push(intervalSeries(spec.series[1].name, rows, 0, 0, true));
    }
    return xyChart(spec, pointTip(spec), series, true);
  }

  // The frame of the x-y charts (length, pareto, progress): legend on top, value axes named by the spec, a tooltip
  // per point. The x axis starts at zero unless xScale (then it fits the data).
  function xyChart(spec, tip, series, xScale) {
    return {
      legend: { top: 0 },
      grid: { left: 24, right: 48, top: 40, bottom: 28, containLabel: true },
      tooltip: { trigger: 'item', formatter: tip },
      xAxis: { type: 'value', scale: xScale, name: spec.xName, nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', scale: true, name: spec.yName },
      series: series
    };
  }

  // A point's tooltip: its label (the third value, when there is one), its series' y and the x.
  function pointTip(spec) {
    return function (p) {
      var label = p.value.length > 2 ? '<b>' + echarts.format.encodeHTML(p.value[2]) + '</b><br>' : '';
      return label + echarts.format.encodeHTML(p.seriesName) + ': ' + fmt(p.value[1]) + '<br>'
        + echarts.format.encodeHTML(spec.xName) + ': ' + fmt(p.value[0]);
    };
  }

  function radar(spec) {
    return {
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'item' },
      radar: {
        center: ['50%', '56%'], radius: '68%', axisName: { color: '#333', fontSize: 13 },
        indicator: spec.indicators.map(function (c) { return { name: c, min: 0, max: spec.max }; })
      },
      series: [{
        type: 'radar', areaStyle: { opacity: 0.08 }, symbolSize: 5,
        data: spec.series.map(function (s) {
          return { name: s.name, value: s.values.map(function (v) { return v === null ? '-' : v; }) };
        })
      }]
    };
  }

  function box(spec) {
    return {
      grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var k = p.dataIndex;
          var b = spec.boxes[k];
          return '<b>' + echarts.format.encodeHTML(spec.groups[k]) + '</b><br>answers: ' + spec.counts[k]
            + '<br>min ' + fmt(b[0]) + ', q1 ' + fmt(b[1]) + ', median ' + fmt(b[2]) + ', q3 ' + fmt(b[3])
            + ', max ' + fmt(b[4]) + '<br>mean ' + fmt(spec.means[k]) + ' ' + echarts.format.encodeHTML(spec.unit);
        }
      },
      xAxis: { type: 'category', data: spec.groups, axisLabel: { interval: 0, rotate: rotated(spec.groups) } },
      yAxis: { type: 'value', scale: true, name: spec.unit },
      series: [
        { type: 'boxplot', name: spec.title, data: spec.boxes },
        {
          type: 'scatter', name: 'mean', symbol: 'diamond', symbolSize: 10, itemStyle: { color: INK },
          data: spec.means.map(function (m, k) { return [k, m]; })
        }
      ]
    };
  }

  // search: every architecture scored on the best's question set, cost per query against score, with the
  // quality-cost Pareto frontier as a step line and the chosen architecture marked.
  function pareto(spec) {
    function tip(p) {
      return '<b>' + echarts.format.encodeHTML(p.value[2]) + '</b><br>score: ' + fmt(p.value[1]) + '<br>'
        + echarts.format.encodeHTML(spec.xName) + ': ' + fmt(p.value[0]);
    }
    return xyChart(spec, tip, [
      { type: 'scatter', name: 'architectures', data: spec.points, symbolSize: 9, itemStyle: { opacity: 0.55 } },
      { type: 'line', name: 'Pareto frontier', data: spec.frontier, step: 'end', symbolSize: 11,
        lineStyle: { width: 2 }, label: { show: true, position: 'top', formatter: function (p) { return p.value[3]; } },
        labelLayout: { hideOverlap: true } },
      { type: 'scatter', name: 'best', data: spec.best ? [spec.best] : [], symbol: 'diamond', symbolSize: 18,
        itemStyle: { color: INK } }
    ], true);
  }

  // search: each evaluation's score as the upstream calls were spent (one series per rung), and the best so far.
  function progress(spec) {
    var series = spec.series.map(function (s) {
      return { type: 'scatter', name: s.name, data: s.points, symbolSize: 8 };
    });
    series.push({ type: 'line', name: 'best so far', data: spec.best, step: 'end', showSymbol: false,
      lineStyle: { width: 2, color: INK } });
    return xyChart(spec, pointTip(spec), series, false);
  }

  var builders = { scores: scores, length: length, radar: radar, box: box, pareto: pareto, progress: progress };
  var charts = [];
  document.querySelectorAll('.chart').forEach(function (el) {
    var spec = data.charts[Number(el.getAttribute('data-chart'))];
    var option = builders[spec.kind](spec);
    option.animation = false; // a static page: draw once, so what prints is what a screenshot shows
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
