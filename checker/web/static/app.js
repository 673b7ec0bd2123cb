// The review desk page: uploads drafts to /api/check and shows the JSON contract it returns.
// No inline handlers and no inline styles (the server sends a strict Content-Security-Policy).
(function () {
  "use strict";
  window.fazhiErrors = [];
  window.addEventListener("error", function (event) { window.fazhiErrors.push(String(event.message)); });
  window.addEventListener("unhandledrejection", function (event) { window.fazhiErrors.push(String(event.reason)); });

  var PROBLEMS = ["weak", "missing", "fail"];
  var FALLBACK_LEVELS = {error: "must-fix", warning: "should-fix", info: "note"};
  var LEVEL_ORDER = {"must-fix": 0, "should-fix": 1, "note": 2};
  var VERDICTS = {pass: "通过", fail: "不合格", error: "无法检查"};
  var CLASSES = {pass: "s-pass", weak: "s-weak", missing: "s-missing", fail: "s-fail", "n/a": "s-na", waived: "s-waived"};
  var labels = {status: {}, level: {}};
  var rules = [];
  var chosen = [];       // [{file, previous}]
  var picking = null;    // the chosen entry whose last-year report is being picked
  var result = null;     // {id, document}
  var sort = {key: null, up: true};

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function levelOf(r) {
    if (Object.prototype.hasOwnProperty.call(r, "level")) { return r.level; }
    return PROBLEMS.indexOf(r.status) >= 0 ? FALLBACK_LEVELS[r.severity] : null;
  }
  function levelWord(level) { return labels.level[level] || {"must-fix": "必须修改", "should-fix": "建议修改", note: "供参考"}[level] || ""; }
  function statusWord(status) { return labels.status[status] || status; }
  function verdictOf(report) {
    if (report.error) { return "error"; }
    if (report.verdict) { return report.verdict; }
    return report.results.some(function (r) { return levelOf(r) === "must-fix"; }) ? "fail" : "pass";
  }
  function failed(report) { return verdictOf(report) !== "pass"; }  // what needs attention: 不合格 or 无法检查
  function mustFix(report) { return report.results.filter(function (r) { return levelOf(r) === "must-fix"; }).length; }
  function unitWord(report) { return report.unit === "paragraph" ? "段" : "行"; }
  function size(bytes) {
    if (bytes < 1024) { return bytes + " 字节"; }
    return bytes > 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.round(bytes / 1024) + " KB";
  }
  function say(text) { $("status").textContent = text; }
  function problem(text) { var p = $("problem"); p.textContent = text || ""; p.hidden = !text; }

  // ---- choosing files
  function add(files) {
    for (var i = 0; i < files.length; i++) { chosen.push({file: files[i], previous: null}); }
    drawChosen();
  }
  function drawChosen() {
    var list = $("chosen");
    clear(list);
    chosen.forEach(function (entry, index) {
      var item = el("li");
      item.appendChild(el("span", "name", entry.file.name + "（" + size(entry.file.size) + "）"));
      if (!/\.zip$/i.test(entry.file.name)) {
        if (entry.previous) { item.appendChild(el("span", "prev", "上一年度：" + entry.previous.name)); }
        var previous = el("button", "", entry.previous ? "更换上一年度报告" : "添加上一年度报告（可选）");
        previous.type = "button";
        previous.addEventListener("click", function () { picking = entry; $("pick-previous").value = ""; $("pick-previous").click(); });
        item.appendChild(previous);
      }
      var remove = el("button", "", "移除");
      remove.type = "button";
      remove.setAttribute("aria-label", "移除 " + entry.file.name);
      remove.addEventListener("click", function () { chosen.splice(index, 1); drawChosen(); });
      item.appendChild(remove);
      list.appendChild(item);
    });
    $("start").disabled = $("clear").disabled = chosen.length === 0;
    say(chosen.length ? "已选择 " + chosen.length + " 个文件。" : "");
  }

  // ---- checking
  function start() {
    if (!chosen.length) { return; }
    var form = new FormData();
    chosen.forEach(function (entry) {
      form.append("files", entry.file, entry.file.name);
      if (entry.previous) { form.append("previous", entry.previous, entry.previous.name); }
    });
    problem("");
    $("start").disabled = true;
    say("正在上传并检查 " + chosen.length + " 个文件，请稍候……");
    fetch("/api/check", {method: "POST", body: form, credentials: "same-origin"}).then(function (response) {
      var id = response.headers.get("x-result-id");
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body && body.error ? body.error.message : "检查失败（" + response.status + "）。"); }
        return {id: id, document: body};
      }, function () { throw new Error("检查失败（" + response.status + "），服务没有给出说明。"); });
    }).then(function (answer) {
      result = answer;
      chosen = [];
      drawChosen();
      say("检查完成。");
      drawDashboard();
    }).catch(function (error) {
      $("start").disabled = false;
      say("");
      problem(error.message === "Failed to fetch" ? "无法连接审阅台服务，请确认它仍在运行。" : error.message);
    });
  }

  // ---- the dashboard
  var COLUMNS = [
    {key: "path", title: "报告", value: function (r) { return r.path; }},
    {key: "issuer", title: "发文机关", value: function (r) { return (r.meta && r.meta.issuing_body) || ""; }},
    {key: "year", title: "年度", value: function (r) { return (r.meta && r.meta.report_year) || 0; }, num: true},
    {key: "verdict", title: "结论", value: function (r) { return {fail: 0, error: 1, pass: 2}[verdictOf(r)]; }},
    {key: "grade", title: "等级", value: function (r) { return r.grade || ""; }},
    {key: "score", title: "得分", value: function (r) { return r.score === null ? -1 : r.score; }, num: true},
    {key: "must", title: "必须修改", value: function (r) { return r.error ? -1 : mustFix(r); }, num: true}
  ];

  function drawDashboard() {
    var doc = result.document, reports = doc.reports;
    // counted as the command line and the Excel summary count them: 不合格 and 无法检查 apart
    var bad = reports.filter(function (r) { return verdictOf(r) === "fail"; }).length;
    var errors = reports.filter(function (r) { return r.error; }).length;
    var summary = $("summary");
    clear(summary);
    summary.appendChild(document.createTextNode("共 " + reports.length + " 份报告，"));
    summary.appendChild(el("b", bad ? "bad" : "", "不合格 " + bad + " 份"));
    if (errors) { summary.appendChild(el("b", "bad", "，无法检查 " + errors + " 份")); }
    summary.appendChild(document.createTextNode("。"));
    var base = "/api/results/" + encodeURIComponent(result.id);
    $("dl-xlsx").href = base + "/summary.xlsx";
    $("dl-zip").href = base + "/annotated.zip";
    $("dl-html").href = base + "/report.html";
    $("dl-json").href = base + "/result.json";
    var head = $("reports-head");
    clear(head);
    COLUMNS.forEach(function (column) {
      var th = el("th", "sortable", column.title);
      th.setAttribute("data-key", column.key);
      th.tabIndex = 0;
      if (sort.key === column.key) { th.setAttribute("aria-sort", sort.up ? "ascending" : "descending"); }
      th.addEventListener("click", function () { sortBy(column.key); });
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sortBy(column.key); } });
      head.appendChild(th);
    });
    head.appendChild(el("th", "heat-head", "各项要求（" + rules.length + " 项）"));
    drawRows();
    $("upload").classList.add("compact");
    $("dashboard").hidden = false;
    $("report").hidden = true;
  }

  function sortBy(key) {
    sort = {key: key, up: sort.key === key ? !sort.up : true};
    drawDashboard();
  }

  function drawRows() {
    var body = $("reports-body"), only = $("only-failed").checked;
    clear(body);
    var rows = result.document.reports.map(function (report, index) { return {report: report, index: index}; });
    if (sort.key) {
      var column = COLUMNS.filter(function (c) { return c.key === sort.key; })[0];
      rows.sort(function (a, b) {
        var x = column.value(a.report), y = column.value(b.report);
        return (x > y ? 1 : x < y ? -1 : a.index - b.index) * (sort.up ? 1 : -1);
      });
    }
    rows.forEach(function (row) {
      var report = row.report;
      if (only && !failed(report)) { return; }
      var tr = el("tr", "row");
      tr.setAttribute("data-index", row.index);
      tr.setAttribute("data-verdict", verdictOf(report));
      tr.tabIndex = 0;
      var file = el("td", "file");
      var open = el("button", "link", report.path);
      open.type = "button";
      open.title = report.path;
      file.appendChild(open);
      tr.appendChild(file);
      tr.appendChild(el("td", "", (report.meta && report.meta.issuing_body) || "—"));
      tr.appendChild(el("td", "num", (report.meta && report.meta.report_year) || "—"));
      var verdict = verdictOf(report);
      tr.appendChild(el("td", "verdict-" + verdict, VERDICTS[verdict]));
      tr.appendChild(el("td", "", report.error ? "—" : report.grade));
      tr.appendChild(el("td", "num", report.error ? "—" : report.score));
      tr.appendChild(el("td", "num", report.error ? "—" : mustFix(report)));
      tr.appendChild(heat(report));
      tr.addEventListener("click", function () { openReport(row.index); });
      tr.addEventListener("keydown", function (event) { if (event.key === "Enter") { openReport(row.index); } });
      body.appendChild(tr);
    });
    if (!body.firstChild) {
      var empty = el("td", "muted", only ? "没有不合格的报告。" : "没有报告。");
      empty.colSpan = COLUMNS.length + 1;
      var tr0 = el("tr");
      tr0.appendChild(empty);
      body.appendChild(tr0);
    }
  }

  function heat(report) {
    var td = el("td", "heat"), strip = el("span", "heatmap");
    var byRule = {};
    (report.results || []).forEach(function (r) { byRule[r.rule] = r; });
    rules.forEach(function (rule) {
      var found = byRule[rule.id];
      var status = report.error ? "error" : found ? found.status : "n/a";
      var cell = el("span", "cell " + (CLASSES[status] || "s-error"));
      cell.setAttribute("data-rule", rule.id);
      cell.setAttribute("data-status", status);
      cell.title = rule.title + "：" + (report.error ? "无法检查" : statusWord(status));
      strip.appendChild(cell);
    });
    td.appendChild(strip);
    return td;
  }

  function legend() {
    var node = $("legend");
    clear(node);
    Object.keys(CLASSES).forEach(function (status) {
      var item = el("span");
      item.appendChild(el("i", CLASSES[status]));
      item.appendChild(document.createTextNode(statusWord(status)));
      node.appendChild(item);
    });
  }

  // ---- one report
  function openReport(index) {
    var report = result.document.reports[index];
    $("dashboard").hidden = true;
    $("upload").hidden = true;
    $("report").hidden = false;
    $("report-title").textContent = report.path;
    var docx = $("dl-docx");
    docx.hidden = !!report.error;
    docx.href = "/api/results/" + encodeURIComponent(result.id) + "/reports/" + index + "/annotated.docx";
    drawCard(report);
    drawFindings(report);
    var text = $("text");
    clear(text);
    text.appendChild(el("p", "muted", "正在读取原文……"));
    fetch("/api/results/" + encodeURIComponent(result.id) + "/reports/" + index + "/text", {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error("原文读取失败：检查结果可能已过期，请重新上传。"); }
        return response.json();
      })
      .then(function (body) { drawText(report, body); })
      .catch(function (error) { clear(text); text.appendChild(el("p", "problem", error.message)); });
    window.scrollTo(0, 0);
  }

  function drawCard(report) {
    var card = $("card");
    clear(card);
    if (report.error) {
      card.appendChild(el("p", "verdict-error", "无法检查"));
      card.appendChild(el("p", "", report.error.message));
      return;
    }
    var verdict = verdictOf(report);
    card.appendChild(el("div", "score", report.score + " / 100　" + report.grade));
    var rules = report.failed_by || [];  // named as in every other output: 不合格（content.causes）
    card.appendChild(el("div", "verdict-" + verdict, "结论：" + VERDICTS[verdict] + (rules.length ? "（" + rules.join("、") + "）" : "")));
    card.appendChild(el("div", "meta", metaLine(report.meta || {})));
  }

  // The line under a report's name, as the command line writes it (outputs/common.py meta_line).
  function metaLine(meta) {
    var parts = [meta.title || "（未识别标题）", meta.issuing_body || "（未识别发文机关）",
      meta.report_year ? meta.report_year + "年度" : "（年度未知）", meta.date_text ? "成文日期 " + meta.date_text : "（无成文日期）"];
    if (meta.revisions || meta.comments) parts.push(draftState(meta.revisions || 0, meta.comments || 0));
    return parts.join(" | ");
  }

  // A Word draft's review state (outputs/common.py draft_state): the verdict is for the accepted text.
  function draftState(revisions, comments) {
    if (!revisions) return "无未接受的修订，有 " + comments + " 条批注";
    return "尚有 " + revisions + " 处未接受的修订、" + (comments ? comments + " 条批注" : "无批注") + "（按接受全部修订后的文字检查）";
  }

  function drawFindings(report) {
    var list = $("findings"), passed = $("passed");
    clear(list);
    clear(passed);
    var findings = (report.results || []).map(function (r, i) { return {r: r, i: i}; })
      .filter(function (x) { return PROBLEMS.indexOf(x.r.status) >= 0; });
    findings.sort(function (a, b) { return (LEVEL_ORDER[levelOf(a.r)] - LEVEL_ORDER[levelOf(b.r)]) || a.i - b.i; });
    findings.forEach(function (x) {
      var r = x.r, level = levelOf(r);
      var item = el("li", "finding lvl-" + level);
      item.id = "finding-" + x.i;
      item.setAttribute("data-rule", r.rule);
      item.setAttribute("data-level", level);
      var head = el("div", "head");
      head.appendChild(el("span", "badge lv-" + level, levelWord(level) + "｜" + statusWord(r.status)));
      head.appendChild(document.createTextNode(" " + r.title));
      item.appendChild(head);
      item.appendChild(el("div", "msg", r.message));
      var places = el("div", "places");
      var lines = r.locations.filter(function (l) { return l.line; });
      lines.forEach(function (location) {
        var go = el("button", "link", "第" + location.line + unitWord(report) + (location.section ? "（" + location.section + "）" : ""));
        go.type = "button";
        go.addEventListener("click", function () { showLine(location.line); });
        places.appendChild(go);
      });
      if (!lines.length) { places.appendChild(el("span", "muted", "涉及全文")); }
      item.appendChild(places);
      item.appendChild(el("div", "more", "依据：" + r.basis));
      item.appendChild(el("div", "more", "建议：" + r.fix));
      item.appendChild(el("div", "more", "规则：" + r.rule));
      list.appendChild(item);
    });
    if (!findings.length && !report.error) { list.appendChild(el("li", "", "没有发现问题。")); }
    var ok = (report.results || []).filter(function (r) { return PROBLEMS.indexOf(r.status) < 0; });
    $("passed-title").textContent = "其余 " + ok.length + " 项（" + statusWord("pass") + "、" + statusWord("n/a") + "、" + statusWord("waived") + "）";
    ok.forEach(function (r) { passed.appendChild(el("li", "", "[" + statusWord(r.status) + "] " + r.title + "：" + r.message)); });
  }

  function drawText(report, body) {
    var text = $("text");
    clear(text);
    $("text-title").textContent = "报告原文（标出问题所在的" + unitWord(report) + "）";
    var marks = {};
    (report.results || []).forEach(function (r, i) {
      if (PROBLEMS.indexOf(r.status) < 0) { return; }
      r.locations.forEach(function (location) {
        if (location.line) { (marks[location.line] = marks[location.line] || []).push({r: r, i: i}); }
      });
    });
    var furniture = {};
    body.furniture.forEach(function (n) { furniture[n] = true; });
    if (!body.lines.length) { text.appendChild(el("p", "muted", "没有可显示的原文。")); }
    body.lines.forEach(function (pair) {
      var number = pair[0], here = marks[number] || [];
      var must = here.some(function (x) { return levelOf(x.r) === "must-fix"; });
      var line = el("div", "line" + (here.length ? " hl" : "") + (must ? " must" : "") + (furniture[number] ? " furniture" : ""));
      line.id = "line-" + number;
      line.setAttribute("data-line", number);
      line.appendChild(el("span", "ln", number));
      line.appendChild(el("span", "t", pair[1]));
      if (here.length) {
        var tags = el("span", "tags");
        here.forEach(function (x) {
          var tag = el("button", "tag", "[" + levelWord(levelOf(x.r)) + "｜" + statusWord(x.r.status) + "] " + x.r.title);
          tag.type = "button";
          tag.setAttribute("data-rule", x.r.rule);
          tag.addEventListener("click", function () { showFinding(x.i); });
          tags.appendChild(tag);
        });
        line.appendChild(tags);
      }
      text.appendChild(line);
    });
  }

  function flash(node) {
    node.classList.add(node.classList.contains("finding") ? "active" : "flash");
    window.setTimeout(function () { node.classList.remove("active"); node.classList.remove("flash"); }, 1600);
  }
  function showLine(number) {
    var line = $("line-" + number);
    if (line) { line.scrollIntoView({block: "center"}); flash(line); }
  }
  function showFinding(index) {
    var item = $("finding-" + index);
    if (item) { item.scrollIntoView({block: "nearest"}); flash(item); }
  }

  function forget() {
    if (!result) { return; }
    fetch("/api/results/" + encodeURIComponent(result.id), {method: "DELETE", credentials: "same-origin"}).then(function () {
      result = null;
      $("dashboard").hidden = true;
      $("report").hidden = true;
      say("本次上传的文件和检查结果已从服务器删除。");
    });
  }

  // ---- wiring
  function wire() {
    var drop = $("drop"), pick = $("pick");
    pick.addEventListener("change", function () { add(pick.files); pick.value = ""; });
    $("pick-previous").addEventListener("change", function () {
      var file = $("pick-previous").files[0];
      if (picking && file) { picking.previous = file; }
      picking = null;
      drawChosen();
    });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files) { add(event.dataTransfer.files); }
    });
    document.addEventListener("dragover", function (event) { event.preventDefault(); });
    document.addEventListener("drop", function (event) { event.preventDefault(); });
    $("start").addEventListener("click", start);
    $("clear").addEventListener("click", function () { chosen = []; drawChosen(); problem(""); });
    $("only-failed").addEventListener("change", drawRows);
    $("back").addEventListener("click", function () {
      $("report").hidden = true;
      $("upload").hidden = false;
      $("dashboard").hidden = false;
    });
    $("forget").addEventListener("click", forget);
  }

  function ready() {
    wire();
    fetch("/api/rules", {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) { throw new Error("无法读取规则列表（" + response.status + "）。请用启动时显示的链接打开本页。"); }
      return response.json();
    }).then(function (body) {
      labels = body.labels;
      VERDICTS.pass = labels.verdict.pass;
      VERDICTS.fail = labels.verdict.fail;
      rules = body.rules.filter(function (r) { return r.enabled; });
      legend();
      document.body.setAttribute("data-ready", "1");
    }).catch(function (error) { problem(error.message); document.body.setAttribute("data-ready", "1"); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
