// Draws the charts of an opbench report from DATA (inlined by opbench report) with ECharts (inlined too).
// Writes "ok: N charts" or the errors it met into #render-status, so that a headless browser can check the page.
(function () {
  'use strict';
  const errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); finish(); });

  // The one escaping function for text that reaches the DOM as HTML (tooltips): every name (series, layer,
  // backend, algorithm, configuration) goes through it; numbers go through fmt, whose output is digits only.
  const esc = function (v) {
    return String(v === null || v === undefined ? '' : v).replace(/[&<>"'`=\/\u2028\u2029]/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  };
  const fmt = function (v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return '-';
    const a = Math.abs(v);
    if (a !== 0 && a < 1) return v.toPrecision(3);
    return v.toFixed(digits === undefined ? 2 : digits);
  };
  const base = function (title) {
    return {
      animation: false,
      title: title ? { text: title, left: 'center', textStyle: { fontSize: 13 } } : undefined,
      legend: { type: 'scroll', bottom: 0 },
      tooltip: { formatter: function (p) { return esc(p.seriesName) + '<br>' + esc(p.name); } },
      grid: { left: 70, right: 30, top: 40, bottom: 90, containLabel: true }
    };
  };
  const categoryAxis = function (categories) {
    return { type: 'category', data: categories, axisLabel: { rotate: categories.length > 8 ? 40 : 0, interval: 0 } };
  };
  const zoom = function (categories) {
    return categories.length > 30 ? [{ type: 'slider', bottom: 30, start: 0, end: Math.max(10, 3000 / categories.length) }] : [];
  };

  // The drawing style of each precision (roofline): ceiling colour and dash, point symbol, rate unit.
  const PRECISION = {
    f32: { color: '#333333', dash: 'solid', symbol: 'circle', unit: 'GFLOPS' },
    bf16: { color: '#1b7837', dash: 'dashed', symbol: 'diamond', unit: 'GFLOPS' },
    f16: { color: '#2166ac', dash: 'dashed', symbol: 'rect', unit: 'GFLOPS' },
    int8: { color: '#b2182b', dash: 'dotted', symbol: 'triangle', unit: 'GOPS' }
  };
  const OTHER = { color: '#7f7f7f', dash: 'dashed', symbol: 'pin', unit: 'GFLOPS' };
  const s = function (series) { return series && typeof series.dtype === 'string' ? series.dtype : 'f32'; };
  const style = function (dtype) {
    return Object.prototype.hasOwnProperty.call(PRECISION, dtype) ? PRECISION[dtype] : OTHER;
  };

  const builders = {
    gflops: function (d) {
      const o = base();
      o.tooltip = { trigger: 'item', formatter: function (p) {
        const v = p.data; if (!v) return '';
        const b = v.length > 5 ? v.slice(1) : v;
        return esc(p.seriesName) + '<br>' + esc(p.name) + '<br>max ' + fmt(b[4]) + '<br>q3 ' + fmt(b[3]) + '<br>median ' + fmt(b[2])
          + '<br>q1 ' + fmt(b[1]) + '<br>min ' + fmt(b[0]) + ' ' + (d.series[p.seriesIndex] && d.series[p.seriesIndex].unit === 'GOPS' ? 'GOPS' : 'GFLOPS');
      } };
      o.xAxis = categoryAxis(d.categories);
      o.yAxis = { type: 'value', name: d.rate || 'GFLOPS', scale: false };
      o.dataZoom = zoom(d.categories);
      o.series = d.series.map(function (s) {
        return { name: s.name, type: 'boxplot', data: s.boxes.map(function (b) { return b === null ? '-' : b; }) };
      });
      return o;
    },
    precisions: function (d) {
      const o = base(d.title);
      o.tooltip = { trigger: 'item', formatter: function (p) { return esc(p.seriesName) + '<br>' + esc(p.name) + ': ' + fmt(p.value, 3) + 'x over f32'; } };
      o.xAxis = categoryAxis(d.categories);
      o.yAxis = { type: 'value', name: 'speedup over f32 (x)' };
      o.dataZoom = zoom(d.categories);
      o.series = d.series.map(function (s, i) {
        const series = { name: s.name, type: 'bar', data: s.values.map(function (v) { return v === null ? '-' : v; }) };
        if (i === 0) series.markLine = { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#333', type: 'dashed' } };
        return series;
      });
      return o;
    },
    speedup: function (d) {
      const o = base('speedup over ' + d.baseline);
      o.tooltip = { trigger: 'item', formatter: function (p) { return esc(p.seriesName) + '<br>' + esc(p.name) + ': ' + fmt(p.value, 3) + 'x'; } };
      o.xAxis = categoryAxis(d.categories);
      o.yAxis = { type: 'value', name: 'speedup (x)' };
      o.dataZoom = zoom(d.categories);
      o.series = d.series.map(function (s, i) {
        const series = { name: s.name, type: 'bar', data: s.values.map(function (v) { return v === null ? '-' : v; }) };
        if (i === 0) series.markLine = { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#333', type: 'dashed' } };
        return series;
      });
      return o;
    },
    tuners: function (d) {
      const o = base('tuned / untuned speedup');
      const cost = {};
      d.cost.forEach(function (s) { cost[s.name] = s.values; });
      o.tooltip = { trigger: 'item', formatter: function (p) {
        const c = cost[p.seriesName] ? cost[p.seriesName][p.dataIndex] : null;
        return esc(p.seriesName) + '<br>' + esc(p.name) + ': ' + fmt(p.value, 3) + 'x<br>tuning ' + (c === null || c === undefined ? 'not recorded' : fmt(c, 1) + ' ms');
      } };
      o.xAxis = categoryAxis(d.categories);
      o.yAxis = { type: 'value', name: 'speedup (x)' };
      o.dataZoom = zoom(d.categories);
      o.series = d.series.map(function (s, i) {
        const series = { name: s.name, type: 'bar', data: s.values.map(function (v) { return v === null ? '-' : v; }) };
        if (i === 0) series.markLine = { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#333', type: 'dashed' } };
        return series;
      });
      return o;
    },
    schedules: function (d) {
      const o = base();
      o.legend = { show: false };
      o.grid = { left: 20, right: 40, top: 20, bottom: 30, containLabel: true };
      o.tooltip = { trigger: 'item', formatter: function (p) {
        const l = d.layers[p.seriesIndex];
        return esc(p.name) + '<br>' + esc(l.name) + ': ' + fmt(p.value, 3) + ' ms<br>' + esc(l.configs[p.dataIndex]);
      } };
      o.yAxis = { type: 'category', data: d.bars, inverse: true };
      o.xAxis = { type: 'value', name: 'ms' };
      o.series = d.layers.map(function (l) {
        return { name: l.name, type: 'bar', stack: 'time', data: l.values.map(function (v) { return v === null ? '-' : v; }) };
      });
      return o;
    },
    layers: function (d) {
      const o = base();
      o.tooltip = { trigger: 'item', formatter: function (p) { return esc(p.name) + '<br>' + esc(p.seriesName) + ': ' + fmt(p.value, 3) + ' ms'; } };
      o.legend = { show: d.layers.length <= 40, type: 'scroll', bottom: 0 };
      o.xAxis = categoryAxis(d.bars);
      o.yAxis = { type: 'value', name: 'ms' };
      o.series = d.layers.map(function (l) {
        return { name: l.name, type: 'bar', stack: 'time', data: l.values.map(function (v) { return v === null ? '-' : v; }) };
      });
      return o;
    },
    throughput: function (d) {
      const o = base();
      o.tooltip = { trigger: 'item', formatter: function (p) { return esc(p.seriesName) + '<br>batch ' + fmt(p.value[0], 0) + ': ' + fmt(p.value[1], 1) + ' images/s'; } };
      o.xAxis = { type: 'log', logBase: 2, name: 'batch' };
      o.yAxis = { type: 'value', name: 'images/s' };
      o.series = d.series.map(function (s) { return { name: s.name, type: 'line', data: s.points, symbolSize: 8 }; });
      return o;
    },
    accuracy: function (d) {
      const o = base();
      o.tooltip = { trigger: 'item', formatter: function (p) { return esc(p.seriesName) + '<br>accuracy ' + fmt(p.value[0], 4) + ': ' + fmt(p.value[1], 1) + ' images/s'; } };
      o.xAxis = { type: 'value', name: 'accuracy', scale: true };
      o.yAxis = { type: 'value', name: 'images/s' };
      o.series = d.series.map(function (s) { return { name: s.name, type: 'scatter', data: s.points, symbolSize: 10 }; });
      return o;
    },
    roofline: function (d) {
      const o = base();
      o.tooltip = { trigger: 'item', formatter: function (p) {
        const v = p.value;
        if (p.seriesType !== 'scatter') return esc(p.seriesName);
        const unit = style(s(d.series[p.seriesIndex])).unit;
        return esc(p.seriesName) + '<br>' + esc(v[2]) + '<br>' + fmt(v[0]) + ' flop/byte, ' + fmt(v[1]) + ' ' + unit
          + (v[4] === null ? '' : '<br>' + (v[3] * 100).toFixed(1) + '% of attainable ' + fmt(v[4], 1));
      } };
      o.xAxis = { type: 'log', name: 'flop/byte', nameLocation: 'middle', nameGap: 28, min: d.xmin, max: d.xmax };
      o.yAxis = { type: 'log', name: d.rate || 'GFLOPS', min: d.ymin, max: d.ymax };
      // one symbol per precision for the points, one colour and dash per precision for the ceilings
      o.series = d.series.map(function (x) {
        return { name: x.name, type: 'scatter', data: x.points, symbolSize: 9, symbol: style(x.dtype).symbol };
      });
      d.roofs.forEach(function (r) {
        const st = style(r.dtype);
        const line = { width: 2, color: st.color, type: st.dash };
        const fb = r.fallback ? ' (f32 ceiling: none measured for ' + r.dtype + ')' : '';
        if (r.peak !== null && r.bandwidth !== null) {
          const ridge = r.peak / r.bandwidth;
          const pts = [];
          if (d.xmin < ridge) pts.push([d.xmin, d.xmin * r.bandwidth]);
          pts.push([ridge, r.peak], [d.xmax, r.peak]);
          o.series.push({ name: 'ceiling ' + r.name + fb, type: 'line', data: pts, showSymbol: false, lineStyle: line, itemStyle: { color: st.color } });
        } else if (r.peak !== null) {
          o.series.push({ name: 'compute ' + r.name + fb, type: 'line', data: [[d.xmin, r.peak], [d.xmax, r.peak]], showSymbol: false, lineStyle: line, itemStyle: { color: st.color } });
        } else if (r.bandwidth !== null) {
          o.series.push({ name: 'bandwidth ' + r.name, type: 'line', data: [[d.xmin, d.xmin * r.bandwidth], [d.xmax, d.xmax * r.bandwidth]], showSymbol: false });
        }
        if (r.theoretical !== null) {
          o.series.push({ name: 'theoretical ' + r.name, type: 'line', data: [[d.xmin, r.theoretical], [d.xmax, r.theoretical]],
            showSymbol: false, lineStyle: { type: 'dashed' } });
        }
      });
      return o;
    }
  };

  let drawn = 0;
  let finished = false;
  function finish() {
    const status = document.getElementById('render-status');
    const pre = document.getElementById('render-errors');
    if (!status) return;
    if (errors.length) {
      status.setAttribute('data-status', 'error');
      status.textContent = 'chart errors: ' + errors.length;
      pre.hidden = false;
      pre.textContent = errors.join('\n');
    } else if (finished) {
      status.setAttribute('data-status', 'ok');
      status.textContent = 'ok: ' + drawn + ' charts drawn';
    }
  }

  try {
    if (typeof echarts === 'undefined') throw new Error('the charting library did not load');
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      const kind = el.getAttribute('data-chart');
      const index = Number(el.getAttribute('data-index') || 0);
      try {
        let d = DATA[kind];
        if (Array.isArray(d)) d = d[index];
        if (!d) throw new Error('no data for chart ' + kind);
        const builder = builders[kind];
        if (!builder) throw new Error('no builder for chart ' + kind);
        const chart = echarts.init(el, null, { renderer: 'canvas' });
        chart.setOption(builder(d));
        window.addEventListener('resize', function () { chart.resize(); });
        drawn++;
      } catch (e) {
        errors.push(kind + '[' + index + ']: ' + (e && e.stack ? e.stack : e));
      }
    });
  } catch (e) {
    errors.push(String(e && e.stack ? e.stack : e));
  }
  finished = true;
  finish();
})();
