// The search page: the header link's target without JavaScript, and the address of a search
// (?q=words, kept up to date). It searches as the reader types, with the overlay's module:
// its content-hashed URL comes from the form's data-search-core.
const form = document.querySelector("[data-search-form]");
const input = form.elements.q;
const { loadIndex, searcher } = await import(form.dataset.searchCore);
const search = searcher(document.getElementById("search-results"),
  document.getElementById("search-status"), Infinity);  // (the page shows every result)
let timer;

function run() {
  clearTimeout(timer);
  const query = input.value.trim();
  history.replaceState(null, "", query ? `?q=${encodeURIComponent(query)}` : location.pathname);
  search(query);
}

input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
// The index loads as soon as the reader turns to the box, before the first word.
for (const event of ["focus", "pointerdown"]) {
  input.addEventListener(event, () => loadIndex().catch(() => {}), { once: true });
}
input.value = new URLSearchParams(location.search).get("q") || "";
if (input.value) run();
