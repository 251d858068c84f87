// Search as you type in a modal overlay that the header's search link opens (a click, "/" or
// Ctrl/Cmd+K). The /search/ page, the link's target without JavaScript, imports this module
// too. Static files have content-hashed names: their URLs come in data attributes.
const base = document.documentElement.dataset.base || "/";
const MISSING = "The search index is missing: it is built by `make build`, not by the preview server.";
let loading = null;

// Loads (once) Pagefind's first shard and merges the others (pagefind/shards.json), all at once.
export function loadIndex() {
  loading ??= (async () => {
    const response = await fetch(`${base}pagefind/shards.json`);
    const [first, ...others] = response.ok ? await response.json() : [];
    if (first === undefined) throw new Error("no search index");
    const index = await import(`${base}pagefind/${first}pagefind.js`);
    await index.options({ baseUrl: base });
    await Promise.all(others.map((shard) =>
      index.mergeIndex(`${base}pagefind/${shard}`, { baseUrl: base })));
    return index;
  })();
  loading.catch(() => { loading = null; }); // a failed load (the network) is tried again
  return loading;
}

function add(parent, tag, text = "") {
  const made = parent.appendChild(document.createElement(tag));
  made.textContent = text;
  return made;
}

// A page: its title linked, then its excerpt and best sections (heading and excerpt, linked
// to the heading's #anchor). Pagefind escapes excerpts and marks the matches with <mark>.
function pageItem(page) {
  const item = document.createElement("li");
  add(add(item, "h2"), "a", page.meta.title || page.url).href = page.url;
  const parts = page.sub_results || [];
  const lead = parts.find((part) => !part.url.includes("#"));
  const sections = parts.filter((part) => part.url.includes("#"))
    .sort((a, b) => b.locations.length - a.locations.length).slice(0, 3);
  if (lead || !sections.length) add(item, "p").innerHTML = (lead || page).excerpt;
  const list = sections.length ? add(item, "ul") : null;
  for (const section of sections) {
    const link = add(add(list, "li"), "a");
    link.href = section.url;
    add(link, "strong", section.title.replace(/\s*#$/, "")); // less the heading's own "#" link
    add(link, "span").innerHTML = section.excerpt;
  }
  return item;
}

// A search into `list` (at most `limit` pages; the newest query wins) that says in `status`
// how many pages matched. Returns that count, or null for an overtaken query.
export function searcher(list, status, limit) {
  let latest = 0;
  return async (words) => {
    const ticket = ++latest;
    const query = words.trim();
    const index = query && await loadIndex().catch(() => null);
    const found = index && await index.search(query);
    const pages = found ? await Promise.all(found.results.slice(0, limit).map((hit) => hit.data())) : [];
    if (ticket !== latest) return null;
    list.replaceChildren(...pages.map(pageItem));
    const count = found ? found.results.length : 0;
    status.textContent = !query ? "" : !found ? MISSING : count === 0 ? `No results for “${query}”.`
      : `${count} result${count === 1 ? "" : "s"} for “${query}”.`;
    return count;
  };
}

const opener = document.querySelector("[data-search-overlay]");
let dialog, input, status;

function build() {
  dialog = add(document.body, "dialog");
  [dialog.className, dialog.ariaLabel] = ["search-dialog", "Search this site"];
  dialog.innerHTML = `<form class="search-dialog-bar" role="search"><input type="search"
    aria-label="Search this site" placeholder="Search" autocomplete="off" spellcheck="false"
    enterkeyhint="go"><button type="button">Close</button></form><p class="search-dialog-status"
    role="status"></p><ol class="search-hits"></ol><a class="search-dialog-all" hidden></a>`;
  const [form, said, list, all] = dialog.children;
  [input, status] = [form.elements[0], said];
  // Transparent until its styles are in, but typed into at once.
  const css = add(document.head, "link");
  dialog.style.opacity = 0;
  css.onload = css.onerror = () => dialog.style.removeProperty("opacity");
  [css.rel, css.href] = ["stylesheet", opener.dataset.searchCss];

  const search = searcher(list, status, 8);
  let timer, jumping = false;
  const run = async () => {
    clearTimeout(timer);
    const count = await search(input.value);
    const url = new URL(opener.href); // the search page, for more than the 8 shown
    url.searchParams.set("q", input.value.trim());
    [all.href, all.textContent, all.hidden] = [url, `All ${count} results`, !(count > 8)];
  };
  input.oninput = () => { clearTimeout(timer); timer = setTimeout(run, 150); };
  form.onsubmit = async (event) => { // Enter: the first result
    event.preventDefault();
    await run();
    list.querySelector("a")?.click();
  };
  form.elements[1].onclick = () => dialog.close();
  dialog.onclick = (event) => {
    if (event.target === dialog) dialog.close(); // the backdrop
    if (event.target.closest("a") && !(event.ctrlKey || event.metaKey || event.shiftKey)) {
      jumping = true; // to a result, perhaps on this very page: not back to the opener
      dialog.close();
    }
  };
  dialog.onkeydown = (event) => {
    const stops = [input, ...dialog.querySelectorAll("a:not([hidden])")];
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    const next = step && stops[stops.indexOf(document.activeElement) + step];
    if (next || event.key === "Escape") event.preventDefault(); // (Escape would empty the box)
    if (next) next.focus();
    if (event.key === "Escape") dialog.close();
  };
  dialog.onclose = () => {
    if (!jumping) opener.focus();
    jumping = false;
  };
}

function open() {
  if (!dialog) build();
  if (!dialog.open) dialog.showModal();
  input.focus();
  input.select();
  loadIndex().catch(() => { status.textContent = MISSING; });
}

if (opener) {
  opener.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return; // a new tab or window
    event.preventDefault();
    open();
  });
  addEventListener("keydown", (event) => {
    const { key, target, ctrlKey, metaKey } = event;
    const typing = target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
    if (event.altKey || event.defaultPrevented || event.isComposing) return;
    if (ctrlKey || metaKey ? key?.toLowerCase() === "k" : key === "/" && !typing) {
      event.preventDefault();
      open();
    }
  });
}
