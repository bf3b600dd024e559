// Search on the home page: asks the /api list endpoints and lists what they find,
// each result linking to its /id/ page. Text is only ever set with textContent.
"use strict";

(() => {
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  if (!form || !input || !status || !results) return;

  const LIMIT = 10;
  const MAX_TEXT = 180;

  const shorten = (text) => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + "…" : text);
  const joined = (...parts) => parts.filter((part) => part).join(" · ");

  // One source per kind of resource: its endpoint, how to name and describe a hit.
  const SOURCES = [
    {
      title: "People",
      url: (q) => `/api/persons?name=${encodeURIComponent(q)}&limit=${LIMIT + 1}`,
      label: (item) => item.name,
      detail: (item) =>
        item.alt_labels.length ? `Also written ${item.alt_labels.join(", ")}` : "",
    },
    {
      title: "Organisations",
      url: (q) => `/api/organisations?q=${encodeURIComponent(q)}&limit=${LIMIT + 1}`,
      label: (item) => item.label || item.iri,
      detail: (item) =>
        joined(item.classification && item.classification.label, item.alt_labels.join(", ")),
    },
    {
      title: "Decisions",
      url: (q) => `/api/decisions?q=${encodeURIComponent(q)}&limit=${LIMIT + 1}`,
      label: (item) => shorten(item.text),
      detail: (item) =>
        joined(item.date, item.body && item.body.label, item.decision_type && item.decision_type.label),
    },
    {
      title: "Agreements",
      url: (q) => `/api/agreements?q=${encodeURIComponent(q)}&limit=${LIMIT + 1}`,
      label: (item) => item.title,
      detail: (item) =>
        joined(
          item.version_label,
          item.part_of && item.part_of.label ? `part of ${item.part_of.label}` : "",
          item.valid_from ? `valid from ${item.valid_from}` : "",
          item.valid_until ? `until ${item.valid_until}` : "",
        ),
    },
  ];

  let controller = null;
  let timer = null;

  async function fetchSource(source, q, signal) {
    const response = await fetch(source.url(q), { headers: { Accept: "application/json" }, signal });
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const body = await response.json();
        if (body && body.message) message = body.message;
      } catch (_ignored) {
        // not JSON: keep the status line
      }
      throw new Error(`${source.title}: ${message}`);
    }
    return (await response.json()).items;
  }

  function renderGroup(source, items) {
    const section = document.createElement("section");
    section.className = "results-group";
    const heading = document.createElement("h3");
    const shown = items.slice(0, LIMIT);
    heading.textContent = `${source.title} (${items.length > LIMIT ? `${LIMIT}+` : items.length})`;
    section.append(heading);
    const list = document.createElement("ol");
    for (const item of shown) {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = item.page || item.href || item.iri;
      link.textContent = source.label(item);
      link.lang = "sv";
      entry.append(link);
      const detail = source.detail(item);
      if (detail) {
        const extra = document.createElement("span");
        extra.className = "detail";
        extra.lang = "sv";
        extra.textContent = detail;
        entry.append(extra);
      }
      list.append(entry);
    }
    section.append(list);
    if (items.length > LIMIT) {
      const more = document.createElement("p");
      more.className = "more";
      more.textContent = `Only the first ${LIMIT} are shown: add words to narrow the search.`;
      section.append(more);
    }
    return section;
  }

  async function search(q) {
    if (controller) controller.abort();
    const query = q.trim();
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!query) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    controller = new AbortController();
    const { signal } = controller;
    status.textContent = `Searching for “${query}”…`;
    results.setAttribute("aria-busy", "true");
    const answers = await Promise.allSettled(
      SOURCES.map((source) => fetchSource(source, query, signal)),
    );
    if (signal.aborted) return;
    results.removeAttribute("aria-busy");
    const groups = [];
    const problems = [];
    let total = 0;
    answers.forEach((answer, index) => {
      if (answer.status === "rejected") {
        problems.push(answer.reason.message || String(answer.reason));
      } else if (answer.value.length) {
        total += Math.min(answer.value.length, LIMIT);
        groups.push(renderGroup(SOURCES[index], answer.value));
      }
    });
    for (const problem of problems) {
      const note = document.createElement("p");
      note.className = "error";
      note.textContent = `Could not search ${problem}`;
      groups.push(note);
    }
    results.replaceChildren(...groups);
    status.textContent = total
      ? `${total} result${total === 1 ? "" : "s"} for “${query}”.`
      : `Nothing found for “${query}”.`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 350);
  });
  if (input.value.trim()) search(input.value);
})();
