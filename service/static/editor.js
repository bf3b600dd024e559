// The SPARQL editor: POSTs the query to /sparql and shows the answer. SELECT results
// become a table whose IRIs under the instance base link to their /id/ pages, ASK a
// yes or no, anything else text. Text is only ever set with textContent.
"use strict";

(() => {
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const formatSelect = document.getElementById("format");
  const runButton = document.getElementById("run");
  const resetButton = document.getElementById("reset");
  const exampleForm = document.getElementById("example-form");
  const exampleSelect = document.getElementById("example");
  const status = document.getElementById("query-status");
  const errorBox = document.getElementById("query-error");
  const output = document.getElementById("query-results");

  const RESULTS_JSON = "application/sparql-results+json";
  const AUTO_ACCEPT = `${RESULTS_JSON}, text/turtle;q=0.9`;
  const MAX_ROWS_SHOWN = 2000;
  const prefixes = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);

  const element = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  function compact(iri) {
    for (const [prefix, namespace] of prefixes) {
      if (iri.startsWith(namespace) && iri.length > namespace.length) {
        const local = iri.slice(namespace.length);
        if (/^[\p{L}\p{N}_][\p{L}\p{N}_.\-]*$/u.test(local) && !local.endsWith(".")) {
          return `${prefix}:${local}`;
        }
      }
    }
    return null;
  }

  function pageOf(iri) {
    const base = config.instanceBase;
    return iri.startsWith(base) && iri.length > base.length ? `/id/${iri.slice(base.length)}` : null;
  }

  function termCell(term) {
    const cell = document.createElement("td");
    if (!term) {
      cell.append(element("span", "—", "unbound"));
      cell.setAttribute("aria-label", "unbound");
      return cell;
    }
    if (term.type === "uri") {
      const page = pageOf(term.value);
      const link = element("a", page ? term.value.slice(config.instanceBase.length) : compact(term.value) || term.value);
      link.href = page || term.value;
      link.title = term.value;
      cell.append(link);
    } else if (term.type === "bnode") {
      cell.append(element("code", `_:${term.value}`));
    } else {
      // Short values without spaces (dates, numbers, codes) stay on one line.
      const short = term.value.length <= 32 && !/\s/.test(term.value);
      const text = element("span", term.value, short ? "nowrap" : undefined);
      if (term["xml:lang"]) text.lang = term["xml:lang"];
      cell.append(text);
      if (term["xml:lang"]) {
        cell.append(element("span", `@${term["xml:lang"]}`, "term-meta"));
      } else if (term.datatype && !term.datatype.endsWith("#string")) {
        cell.append(element("span", compact(term.datatype) || term.datatype, "term-meta"));
      }
    }
    return cell;
  }

  function renderTable(results) {
    const variables = results.head.vars || [];
    const rows = results.results.bindings;
    const shown = rows.slice(0, MAX_ROWS_SHOWN);
    const table = element("table", undefined, "results");
    const count = `${rows.length} row${rows.length === 1 ? "" : "s"}`;
    table.append(
      element(
        "caption",
        rows.length > shown.length ? `${count}; the first ${shown.length} are shown (download as CSV for all)` : count,
      ),
    );
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    for (const variable of variables) {
      const th = element("th", `?${variable}`);
      th.scope = "col";
      headRow.append(th);
    }
    head.append(headRow);
    const body = document.createElement("tbody");
    for (const row of shown) {
      const tr = document.createElement("tr");
      for (const variable of variables) tr.append(termCell(row[variable]));
      body.append(tr);
    }
    table.append(head, body);
    const wrap = element("div", undefined, "table-wrap");
    wrap.append(table);
    return { node: wrap, summary: count };
  }

  function renderBoolean(value) {
    const answer = element("p", value ? "Yes" : "No", "answer");
    answer.dataset.answer = String(value);
    return { node: answer, summary: `ASK answered ${value ? "yes" : "no"}` };
  }

  function renderText(text, mediaType) {
    const pre = element("pre", text, "graph");
    pre.tabIndex = 0;
    pre.setAttribute("aria-label", `Answer as ${mediaType}`);
    return { node: pre, summary: `${text.length.toLocaleString()} characters of ${mediaType}` };
  }

  // The endpoint reports syntax errors as "... at line L, column C: ...".
  function errorPosition(message) {
    const match = /line (\d+), column (\d+)/.exec(message);
    return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
  }

  function offsetOf(text, position) {
    const lines = text.split("\n");
    const line = Math.min(Math.max(position.line, 1), lines.length);
    let offset = 0;
    for (let index = 0; index < line - 1; index += 1) offset += lines[index].length + 1;
    return offset + Math.min(Math.max(position.column - 1, 0), lines[line - 1].length);
  }

  function showError(statusCode, code, message, retryAfter, queryText) {
    const box = element("div", undefined, "error");
    const titles = {
      0: "The service could not be reached",
      400: "The query has an error",
      406: "That result format does not fit this query",
      413: "The answer is too large",
      503: code === "query_timeout" ? "The query took too long" : "The service is busy",
    };
    box.append(element("h2", titles[statusCode] || `The query failed (${statusCode})`));
    const prefix = statusCode ? `${statusCode}${code ? ` ${code}` : ""}: ` : "";
    box.append(element("p", prefix + message, "message"));
    const position = statusCode === 400 ? errorPosition(message) : null;
    if (position) {
      const lines = queryText.split("\n");
      const line = lines[position.line - 1];
      if (line !== undefined) {
        const pointer = " ".repeat(Math.min(Math.max(position.column - 1, 0), line.length)) + "^";
        const excerpt = element("pre", `${position.line} | ${line}\n${" ".repeat(String(position.line).length)} | ${pointer}`);
        excerpt.setAttribute("aria-label", `Line ${position.line} of the query`);
        box.append(excerpt);
      }
      const jump = element("button", "Show the position in the query");
      jump.type = "button";
      jump.addEventListener("click", () => {
        const offset = offsetOf(textarea.value, position);
        textarea.focus();
        textarea.setSelectionRange(offset, offset);
      });
      box.append(jump);
    }
    if (code === "overloaded" && retryAfter) {
      box.append(element("p", `Try again in ${retryAfter} s.`));
    }
    errorBox.replaceChildren(box);
  }

  async function run() {
    const queryText = textarea.value;
    const choice = formatSelect.value;
    errorBox.replaceChildren();
    output.replaceChildren();
    runButton.disabled = true;
    form.setAttribute("aria-busy", "true");
    status.textContent = "Running…";
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
          Accept: choice === "auto" ? AUTO_ACCEPT : choice,
        },
        body: new URLSearchParams({ query: queryText }),
      });
    } catch (failure) {
      status.textContent = "";
      showError(0, "", failure.message, null, queryText);
      return;
    } finally {
      runButton.disabled = false;
      form.removeAttribute("aria-busy");
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const mediaType = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    const body = await response.text();
    if (!response.ok) {
      let code = "";
      let message = body || response.statusText;
      try {
        const parsed = JSON.parse(body);
        code = parsed.code || "";
        message = parsed.message || message;
      } catch (_ignored) {
        // not the service's JSON error: show the text as it is
      }
      status.textContent = `Failed after ${seconds} s.`;
      showError(response.status, code, message, response.headers.get("Retry-After"), queryText);
      return;
    }
    let rendered;
    if (choice === "auto" && mediaType === RESULTS_JSON) {
      const results = JSON.parse(body);
      rendered = typeof results.boolean === "boolean" ? renderBoolean(results.boolean) : renderTable(results);
    } else {
      rendered = renderText(body, mediaType || "text");
    }
    output.replaceChildren(rendered.node);
    status.textContent = `${rendered.summary} in ${seconds} s.`;
    const url = new URL(window.location.href);
    url.searchParams.set("query", queryText);
    if (url.href.length < 8000) window.history.replaceState(null, "", url);
  }

  // The editor grows with its query, between a few lines and most of a screen.
  function fitToQuery() {
    const lines = textarea.value.split("\n").length;
    textarea.rows = Math.min(Math.max(lines + 1, 8), 32);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  textarea.addEventListener("input", fitToQuery);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  resetButton.addEventListener("click", () => {
    textarea.value = config.defaultQuery;
    fitToQuery();
    errorBox.replaceChildren();
    output.replaceChildren();
    status.textContent = "";
    textarea.focus();
  });
  exampleForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = exampleSelect.value;
    const response = await fetch(`/static/${encodeURIComponent(name)}`);
    if (!response.ok) {
      status.textContent = `Could not load the example ${name} (${response.status}).`;
      return;
    }
    textarea.value = await response.text();
    fitToQuery();
    errorBox.replaceChildren();
    output.replaceChildren();
    status.textContent = `Loaded the example “${exampleSelect.selectedOptions[0].textContent}”. Run it, or edit it first.`;
    textarea.focus();
    textarea.setSelectionRange(0, 0);
    textarea.scrollTop = 0;
  });
  fitToQuery();
})();
