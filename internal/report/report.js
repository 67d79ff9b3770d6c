(function () {
  'use strict';
  var body = document.body;
  try { main(); } catch (e) {
    body.setAttribute('data-rendered', 'error');
    window.__vigilError((e && e.stack) || String(e));
  }

  function main() {
    var A = JSON.parse(document.getElementById('vigil-assessment').textContent);
    var M = JSON.parse(document.getElementById('vigil-matrix').textContent);
    var techs = arr(A.techniques), gaps = arr(A.gaps);
    var byId = {}, gapById = {}, impById = {};
    techs.forEach(function (t) { byId[t.id] = t; });
    gaps.forEach(function (g) { gapById[g.id] = g; });
    arr(A.improvements).forEach(function (i) { impById[i.id] = i; });
    var maxGap = 0;
    techs.forEach(function (t) { if (t.gap_score > maxGap) maxGap = t.gap_score; });
    var info = M.techniques || {};
    var matrix = document.getElementById('matrix');
    var cells = Array.prototype.slice.call(matrix.querySelectorAll('.cell'));
    var state = { mode: 'priority', sort: 'name', group: null, selected: null };

    // Colour-blind-safe sequential scales (ColorBrewer YlGnBu, viridis, magma reversed).
    var SCALES = {
      priority: { stops: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'], lo: 0.08,
        title: 'Priority (normalized to the top technique)', ticks: ['0', '25', '50', '75', '100'] },
      coverage: { stops: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'], lo: 0,
        title: 'Detection (runnable rules)', ticks: ['0', '0.25', '0.5', '0.75', '1'] },
      gap: { stops: ['#fcfdbf', '#fec287', '#fb8761', '#e55964', '#b5367a', '#812581', '#4f127b', '#1c1044', '#000004'], lo: 0.06,
        title: 'Gap = priority × (1 − detection)', ticks: [] }
    };
    var q = maxGap / 4;
    SCALES.gap.ticks = [0, q, 2 * q, 3 * q, maxGap].map(function (v) { return v.toFixed(1); });

    function arr(x) { return Array.isArray(x) ? x : []; }
    function esc(s) {
      return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
        return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
      });
    }
    function pct(f) { return Math.round((f || 0) * 100) + '%'; }
    function fx(f, n) { return (f || 0).toFixed(n); }
    function hex(h) { return [1, 3, 5].map(function (i) { return parseInt(h.substr(i, 2), 16); }); }
    function colour(scale, v) {
      var s = SCALES[scale], t = s.lo + (1 - s.lo) * Math.max(0, Math.min(1, v));
      var x = t * (s.stops.length - 1), i = Math.min(Math.floor(x), s.stops.length - 2), f = x - i;
      var a = hex(s.stops[i]), b = hex(s.stops[i + 1]);
      var c = a.map(function (av, k) { return Math.round(av + (b[k] - av) * f); });
      var lum = (0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]));
      return { bg: 'rgb(' + c.join(',') + ')', fg: lum > 0.22 ? '#111' : '#fff' };
    }
    function lin(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
    function value(mode, t) {
      if (!t) return null;
      if (mode === 'priority') return (t.normalized || 0) / 100;
      if (mode === 'coverage') return t.coverage ? t.coverage.detection || 0 : 0;
      return maxGap > 0 ? (t.gap_score || 0) / maxGap : 0;
    }
    function nameOf(id) { var t = byId[id]; return t ? t.name : (info[id] ? info[id].name : id); }
    function tacticNames(list) { return arr(list).map(function (s) { return (M.tactics && M.tactics[s]) || s; }).join(', '); }

    function paint() {
      body.classList.remove('mode-priority', 'mode-coverage', 'mode-gap');
      body.classList.add('mode-' + state.mode);
      cells.forEach(function (el) {
        var id = el.getAttribute('data-t'), t = byId[id], v = value(state.mode, t);
        var label = id + ' ' + nameOf(id);
        if (t) {
          var c = colour(state.mode, v);
          el.classList.add('scored');
          el.style.setProperty('--bg', c.bg);
          el.style.setProperty('--fg', c.fg);
          el.style.setProperty('--vis', t.coverage && t.coverage.visibility ? t.coverage.visibility.score || 0 : 0);
          label += ': priority ' + Math.round(t.normalized) + ' of 100, detection ' + pct(t.coverage && t.coverage.detection) + ', gap ' + fx(t.gap_score, 2);
        } else {
          label += ': not scored';
        }
        el.setAttribute('aria-label', label);
        var dim = state.group && !(t && arr(t.contributions).some(function (c) { return c.source === state.group; }));
        el.classList.toggle('dim', !!dim);
      });
      legend();
      order();
    }

    function legend() {
      var s = SCALES[state.mode], stops = [];
      for (var i = 0; i <= 10; i++) stops.push(colour(state.mode, i / 10).bg + ' ' + (i * 10) + '%');
      var h = '<span class="scale"><span><b>' + esc(s.title) + '</b></span><span class="ramp" style="background:linear-gradient(to right,' + stops.join(',') + ')"></span>' +
        '<span class="ticks">' + s.ticks.map(function (t) { return '<span>' + esc(t) + '</span>'; }).join('') + '</span></span>';
      h += '<span><span class="sw" style="background:var(--neutral)"></span>not scored: no group that targets you uses it on your platforms</span>';
      if (state.mode === 'coverage') h += '<span><span class="visbar"></span>bar under a cell = visibility (share of the best analytic\'s log sources collected)</span>';
      if (state.mode === 'gap') h += '<span>darker = bigger gap (high priority, little detection)</span>';
      if (state.mode === 'priority') h += '<span>darker = used by more, and more likely, groups</span>';
      document.getElementById('legend').innerHTML = h;
    }

    function order() {
      var lists = matrix.querySelectorAll('ul.techs, ul.subs');
      Array.prototype.forEach.call(lists, function (ul) {
        var items = Array.prototype.slice.call(ul.children);
        items.sort(function (a, b) {
          if (state.sort === 'value') {
            var va = value(state.mode, byId[a.getAttribute('data-id')]), vb = value(state.mode, byId[b.getAttribute('data-id')]);
            va = va == null ? -1 : va; vb = vb == null ? -1 : vb;
            if (va !== vb) return vb - va;
          }
          var na = a.getAttribute('data-name'), nb = b.getAttribute('data-name');
          return na < nb ? -1 : na > nb ? 1 : 0;
        });
        items.forEach(function (li) { ul.appendChild(li); });
      });
    }

    function tipHTML(id) {
      var t = byId[id], h = '<b>' + esc(id) + ' ' + esc(nameOf(id)) + '</b>';
      if (!t) return h + '<br><span class="k">not scored: no group that targets you uses it on your platforms</span>';
      var c = t.coverage || {}, v = c.visibility || {}, g = gapById[id];
      h += '<br><span class="k">priority</span> #' + t.rank + ', score ' + fx(t.score, 2) + ' (' + Math.round(t.normalized) + '/100), ' + t.groups + ' groups';
      h += '<br><span class="k">detection</span> ' + pct(c.detection) + ' · ' + arr(c.rules).length + ' rules, ' + (c.runnable_rules || 0) + ' runnable';
      h += '<br><span class="k">visibility</span> ' + pct(v.score) + ' · <span class="k">status</span> ' + esc(c.status || '-');
      h += '<br><span class="k">gap</span> ' + fx(t.gap_score, 2) + (g ? ' (backlog #' + g.rank + ', ' + esc(g.kind) + ')' : '');
      return h;
    }

    var tip = document.getElementById('tip');
    function showTip(el) {
      tip.innerHTML = tipHTML(el.getAttribute('data-t'));
      tip.hidden = false;
      var r = el.getBoundingClientRect(), w = tip.offsetWidth, hgt = tip.offsetHeight;
      var x = r.right + 8, y = r.top;
      if (x + w > window.innerWidth - 4) x = Math.max(4, r.left - w - 8);
      if (y + hgt > window.innerHeight - 4) y = Math.max(4, window.innerHeight - hgt - 4);
      tip.style.left = x + 'px'; tip.style.top = y + 'px';
    }
    function hideTip() { tip.hidden = true; }

    function table(head, rows, foot) {
      return '<div class="table-scroll"><table><thead><tr>' + head.map(function (x) { return '<th scope="col">' + x + '</th>'; }).join('') + '</tr></thead><tbody>' +
        rows.map(function (r) { return '<tr>' + r.map(function (x, i) { return '<td' + (typeof x === 'number' ? ' class="num"' : '') + '>' + x + '</td>'; }).join('') + '</tr>'; }).join('') +
        '</tbody>' + (foot ? '<tfoot><tr>' + foot.map(function (x) { return '<td>' + x + '</td>'; }).join('') + '</tr></tfoot>' : '') + '</table></div>';
    }
    function num(f, n) { return fx(f, n); }

    function detailsHTML(id) {
      var t = byId[id], inf = info[id] || {}, g = gapById[id], h = '';
      h += '<h2 id="details-title">' + esc(id) + ' ' + esc(nameOf(id)) + '</h2>';
      var meta = [];
      if (t) meta.push(esc(tacticNames(t.tactics)));
      if (inf.parent) meta.push('sub-technique of <button type="button" class="tlink" data-t="' + esc(inf.parent) + '">' + esc(inf.parent) + '</button> ' + esc(nameOf(inf.parent)));
      if (inf.url) meta.push('<a href="' + esc(inf.url) + '" rel="noreferrer">ATT&amp;CK page</a>');
      if (meta.length) h += '<p>' + meta.join(' · ') + '</p>';
      if (inf.description) h += '<details class="desc"><summary>ATT&amp;CK description</summary><p>' + esc(inf.description) + '</p></details>';
      if (!t) {
        return h + '<p>Not scored: none of the groups that target you (nor any software of concern) uses this technique on your platforms.</p>' + subsHTML(id);
      }
      var c0 = t.coverage || {};
      h += '<dl class="kv glance"><dt>priority</dt><dd>#' + t.rank + ' · ' + Math.round(t.normalized) + ' of 100</dd><dt>detection</dt><dd>' + pct(c0.detection) + ' · ' + esc(c0.status || '-') + '</dd><dt>visibility</dt><dd>' + pct(c0.visibility && c0.visibility.score) + '</dd><dt>gap</dt><dd>' + num(t.gap_score, 2) + (g ? ' · backlog #' + g.rank : '') + '</dd></dl>';
      if (g) {
        h += '<h3>Gap <small>backlog #' + g.rank + ' · ' + esc(g.kind) + ' · gap ' + num(g.gap_score, 2) + '</small></h3>';
        h += '<p><b>Why:</b> ' + esc(g.why) + '</p><p><b>Missing:</b> ' + esc(g.missing) + '</p><p><b>Close:</b> ' + esc(g.close) + '</p>';
        var imp = g.improvement && impById[g.improvement];
        if (imp) h += '<p><b>Best improvement:</b> ' + esc(imp.description) + ' (unlocks ' + imp.rules_unlocked + ' rules)</p>';
        if (arr(g.atomic_tests).length) {
          h += '<h4>Atomic Red Team tests to validate</h4><ul>' + arr(g.atomic_tests).map(function (x) {
            return '<li>' + esc(x.technique) + ' #' + x.number + ' ' + esc(x.name) + ' <span class="sub-note">(' + esc(x.executor) + '; ' + esc(arr(x.platforms).join(', ')) + '; ' + esc(x.guid) + ')</span></li>';
          }).join('') + '</ul>';
        }
      } else {
        h += '<h3>Gap</h3><p>Not in the gap backlog (gap ' + num(t.gap_score, 2) + ').</p>';
      }
      var c = t.coverage || {}, v = c.visibility || {};
      h += '<h3>Coverage</h3><dl class="kv"><dt>status</dt><dd><span class="kind kind-' + esc(c.status) + '">' + esc(c.status || '-') + '</span></dd>' +
        '<dt>detection</dt><dd>' + num(c.detection, 3) + ' = 1 − Π(1 − weight) over ' + (c.runnable_rules || 0) + ' runnable of ' + arr(c.rules).length + ' rules</dd>' +
        (c.imported ? '<dt>imported</dt><dd>' + num(c.imported, 2) + ' from a Navigator layer</dd>' : '') +
        '<dt>visibility</dt><dd>' + pct(v.score) + (v.analytic ? ' of analytic ' + esc(v.analytic) + ' (' + esc(v.platform) + ')' : '') + '; ' + (v.analytics || 0) + ' analytics on your platforms</dd>' +
        (v.note ? '<dt>note</dt><dd>' + esc(v.note) + '</dd>' : '') + '</dl>';
      if (arr(c.rules).length) {
        h += '<h4>Rules</h4>' + table(['Rule', 'Level / status', 'Runnable', 'Weight'], arr(c.rules).map(function (r) {
          return [esc(r.title) + '<div class="sub-note">' + esc(r.id) + (r.via ? ' · via ' + esc(r.via) : '') + '</div>', esc(r.level) + ' / ' + esc(r.status),
            r.runnable ? '<span class="yes">yes</span>' : '<span class="no">no</span>', num(r.weight, 2)];
        }));
      }
      if (arr(v.needed).length) {
        h += '<h4>Log sources the analytic reads</h4>' + table(['Data component', 'Log source', 'Collected'], arr(v.needed).map(function (n) {
          return [esc(n.data_component), esc(n.name) + ' ' + esc(n.channel), n.collected ? '<span class="yes">✓ yes</span>' : '<span class="no">✗ no</span>'];
        }));
      }
      var cs = arr(t.contributions), sum = 0;
      cs.forEach(function (c) { sum += c.value || 0; });
      h += '<h3>Priority</h3><dl class="kv"><dt>rank</dt><dd>#' + t.rank + ' of ' + techs.length + '</dd><dt>score</dt><dd>' + num(t.score, 3) + ' (' + Math.round(t.normalized) + ' of 100)</dd><dt>groups</dt><dd>' + t.groups + '</dd></dl>';
      h += '<p class="sub-note">score = sum of the contributions below; value = confidence × usage × recency × group weight</p>';
      h += table(['Group', 'Conf.', 'Via', 'Used', 'Value'], cs.map(function (c) {
        var via = esc(c.via) + (c.through ? ' ' + esc(c.through) : '');
        if (c.usage !== 1 || c.recency !== 1 || c.group_weight !== 1) via += '<div class="sub-note">usage ' + num(c.usage, 2) + ' × recency ' + num(c.recency, 2) + ' × weight ' + num(c.group_weight, 2) + '</div>';
        return ['<b>' + esc(c.source) + '</b> ' + esc(c.name) + (c.kind !== 'group' ? ' <span class="sub-note">(' + esc(c.kind) + ')</span>' : ''), num(c.confidence, 3), via, esc(c.technique), num(c.value, 3)];
      }), ['sum', '', '', '', '<span data-sum>' + num(sum, 3) + '</span>']);
      return h + subsHTML(id);
    }

    function subsHTML(id) {
      var subs = Object.keys(info).filter(function (k) { return info[k].parent === id; }).sort();
      if (!subs.length) return '';
      return '<h3>Sub-techniques</h3><ul>' + subs.map(function (s) {
        var t = byId[s];
        return '<li><button type="button" class="tlink" data-t="' + esc(s) + '">' + esc(s) + '</button> ' + esc(nameOf(s)) +
          (t ? ' <span class="sub-note">priority #' + t.rank + ', detection ' + pct(t.coverage && t.coverage.detection) + '</span>' : ' <span class="sub-note">not scored</span>') + '</li>';
      }).join('') + '</ul>';
    }

    var drawer = document.getElementById('details'), dbody = document.getElementById('details-body'), opener = null;
    function open(id, from) {
      if (!info[id] && !byId[id]) return;
      opener = from || document.activeElement;
      dbody.innerHTML = detailsHTML(id);
      drawer.hidden = false;
      drawer.scrollTop = 0;
      state.selected = id;
      cells.forEach(function (el) { el.classList.toggle('selected', el.getAttribute('data-t') === id); });
      if (history.replaceState) history.replaceState(null, '', '#' + id);
      drawer.focus();
    }
    function close() {
      drawer.hidden = true;
      state.selected = null;
      cells.forEach(function (el) { el.classList.remove('selected'); });
      if (history.replaceState) history.replaceState(null, '', location.pathname + location.search);
      if (opener && opener.focus) opener.focus();
    }
    document.getElementById('details-close').addEventListener('click', close);
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !drawer.hidden) close(); });

    document.addEventListener('click', function (e) {
      var el = e.target.closest('[data-t]');
      if (el) { e.preventDefault(); hideTip(); open(el.getAttribute('data-t'), el); return; }
      var tg = e.target.closest('.subtoggle');
      if (tg) { toggleSubs(tg, tg.getAttribute('aria-expanded') !== 'true'); return; }
      var gb = e.target.closest('.ghl');
      if (gb) { setGroup(gb.getAttribute('data-g'), gb.getAttribute('data-gname')); document.getElementById('matrix-section').scrollIntoView(); return; }
      if (e.target.closest('#filter button')) setGroup(null);
    });
    matrix.addEventListener('mouseover', function (e) { var el = e.target.closest('.cell'); if (el) showTip(el); });
    matrix.addEventListener('mouseout', function (e) { if (e.target.closest('.cell')) hideTip(); });
    matrix.addEventListener('focusin', function (e) { var el = e.target.closest('.cell'); if (el) showTip(el); });
    matrix.addEventListener('focusout', hideTip);
    window.addEventListener('scroll', hideTip, true);
    // Arrow keys move between techniques: up and down in a column, left and right across tactics.
    matrix.addEventListener('keydown', function (e) {
      var el = e.target.closest('.cell');
      if (!el || ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].indexOf(e.key) < 0) return;
      var col = el.closest('.tactic');
      var visible = function (sec) { return Array.prototype.filter.call(sec.querySelectorAll('.cell'), function (c) { return c.offsetParent !== null; }); };
      var own = visible(col), i = own.indexOf(el), next = null;
      if (e.key === 'ArrowUp') next = own[i - 1];
      else if (e.key === 'ArrowDown') next = own[i + 1];
      else {
        var sec = e.key === 'ArrowLeft' ? col.previousElementSibling : col.nextElementSibling;
        if (sec) { var other = visible(sec); next = other[Math.min(i, other.length - 1)]; }
      }
      if (next) { e.preventDefault(); next.focus(); next.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
    });

    function toggleSubs(btn, on) {
      var ul = btn.closest('li').querySelector('ul.subs');
      if (!ul) return;
      ul.hidden = !on;
      btn.setAttribute('aria-expanded', on ? 'true' : 'false');
    }
    var expandAll = document.getElementById('expand-all');
    expandAll.addEventListener('click', function () {
      var on = expandAll.getAttribute('aria-pressed') !== 'true';
      expandAll.setAttribute('aria-pressed', on ? 'true' : 'false');
      expandAll.textContent = on ? 'Collapse all sub-techniques' : 'Expand all sub-techniques';
      Array.prototype.forEach.call(matrix.querySelectorAll('.subtoggle'), function (b) { toggleSubs(b, on); });
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[name=mode]'), function (r) {
      r.addEventListener('change', function () { if (r.checked) { state.mode = r.value; paint(); } });
    });
    document.getElementById('sort').addEventListener('change', function (e) { state.sort = e.target.value; order(); });
    document.getElementById('scored-only').addEventListener('change', function (e) { matrix.classList.toggle('scored-only', e.target.checked); });

    function setGroup(id, name) {
      state.group = id;
      var f = document.getElementById('filter');
      if (id) {
        f.innerHTML = 'Showing techniques used by <b>' + esc(id) + ' ' + esc(name) + '</b> <button type="button">show all</button>';
        f.hidden = false;
      } else {
        f.hidden = true;
      }
      paint();
    }

    paint();
    var sel = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (sel === 'selftest') {
      // Renders every technique's panel, so a test sees any script error they raise.
      var n = 0;
      Object.keys(info).forEach(function (id) { tipHTML(id); detailsHTML(id); n++; });
      body.setAttribute('data-selftest', String(n));
      var bad = [];
      techs.forEach(function (t) {
        var s = 0;
        arr(t.contributions).forEach(function (c) { s += c.value || 0; });
        if (Math.abs(s - t.score) > 0.01) bad.push(t.id);
      });
      body.setAttribute('data-sum-mismatch', bad.join(' '));
      var first = cells[0], moved = 'fail';
      if (first) {
        first.focus();
        first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        var right = document.activeElement;
        right.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
        if (right !== first && right.closest('.tactic') === first.closest('.tactic').nextElementSibling &&
            document.activeElement !== right && document.activeElement.closest('.tactic') === right.closest('.tactic')) moved = 'ok';
        document.activeElement.blur();
        hideTip();
      }
      body.setAttribute('data-keynav', moved);
    } else if (sel && (info[sel] || byId[sel])) {
      open(sel, null);
      var cell = matrix.querySelector('.cell[data-t="' + sel + '"]');
      if (cell) {
        var li = cell.closest('ul.subs');
        if (li) toggleSubs(li.closest('li.tech').querySelector('.subtoggle'), true);
      }
    }
    var qm = /[?&]mode=(priority|coverage|gap)/.exec(location.search);
    if (qm) { document.querySelector('input[name=mode][value=' + qm[1] + ']').checked = true; state.mode = qm[1]; paint(); }
    var qg = /[?&]group=([A-Za-z0-9]+)/.exec(location.search);
    if (qg) {
      var gm = arr(A.threats).filter(function (x) { return x.id === qg[1]; })[0];
      if (gm) setGroup(gm.id, gm.name);
    }

    body.setAttribute('data-cells', String(cells.length));
    body.setAttribute('data-scored', String(matrix.querySelectorAll('.cell.scored').length));
    body.setAttribute('data-tactics', Array.prototype.map.call(matrix.querySelectorAll('.tactic'), function (s) { return s.getAttribute('data-tactic'); }).join(' '));
    body.setAttribute('data-rendered', 'ok');
  }
})();
