// Search page: runs the query from ?q= (or the form) against the Pagefind index in /pagefind/:
// one bundle per shard of pages, listed in /pagefind/shards.json and merged here.
const base = document.documentElement.dataset.base || "/";
const form = document.querySelector("[data-search-form]");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
let loading = null;

// Loads (once) Pagefind's first shard and merges the others.
function loadIndex() {
  loading ??= (async () => {
    const response = await fetch(`${base}pagefind/shards.json`);
    if (!response.ok) throw new Error("no search index");
    const [first, ...others] = await response.json();
    if (first === undefined) throw new Error("no search index");
    const index = await import(`${base}pagefind/${first}pagefind.js`);
    await index.options({ baseUrl: base });
    // All at once: one after another, each shard's round trips add up on a slow network.
    await Promise.all(others.map((shard) =>
      index.mergeIndex(`${base}pagefind/${shard}`, { baseUrl: base })));
    return index;
  })();
  loading.catch(() => { loading = null; }); // a failed load (the network) is tried again
  return loading;
}

function showResult(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const heading = document.createElement("h2");
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds <mark> around matches
  item.append(heading, excerpt);
  list.append(item);
}

async function search(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  try {
    const index = await loadIndex();
    const found = await index.search(query);
    const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
    results.forEach(showResult);
    const count = found.results.length;
    status.textContent = count === 0 ? `No results for “${query}”.`
      : `${count} result${count === 1 ? "" : "s"} for “${query}”.`;
  } catch (error) {
    status.textContent = "The search index is missing: it is built by `make build`, not by the preview server.";
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
  search(query);
});

// While the reader types the first query, the index loads.
for (const event of ["focus", "pointerdown", "input"]) {
  input.addEventListener(event, () => loadIndex().catch(() => {}), { once: true });
}

const initial = new URLSearchParams(location.search).get("q") || "";
input.value = initial;
search(initial);
