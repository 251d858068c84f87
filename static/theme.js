// The theme's small enhancements; every page reads well without them.
// - The colour theme toggle: automatic (the system's), light, dark; remembered across pages
//   (the inline script in <head> applies it before the page is drawn).
// - The contents of a docs page: the reader's section marked as they scroll.
const root = document.documentElement;
const toggle = document.querySelector("[data-theme-toggle]");
const NEXT = { auto: "light", light: "dark", dark: "auto" };
const LABEL = { auto: "automatic", light: "light", dark: "dark" };

function showTheme(theme) {
  if (theme === "auto") delete root.dataset.theme;
  else root.dataset.theme = theme;
  toggle.dataset.current = theme;
  toggle.setAttribute("aria-label", `Colour theme: ${LABEL[theme]} (change)`);
}

if (toggle) {
  let theme = root.dataset.theme || "auto";
  showTheme(theme);
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    theme = NEXT[theme];
    showTheme(theme);
    try {
      if (theme === "auto") localStorage.removeItem("theme");
      else localStorage.setItem("theme", theme);
    } catch (error) { /* storage refused: the choice lasts for this page */ }
  });
}

const contents = document.querySelector(".doc-contents");
if (contents) {
  const links = new Map([...contents.querySelectorAll("a[href^='#']")]
    .map((link) => [decodeURIComponent(link.hash.slice(1)), link]));
  const headings = [...links.keys()].map((id) => document.getElementById(id)).filter(Boolean);
  let current = null;
  const mark = () => {
    let found = headings[0];
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top > 120) break;
      found = heading;
    }
    const link = found && links.get(found.id);
    if (link !== current) {
      current?.removeAttribute("aria-current");
      link?.setAttribute("aria-current", "location");
      current = link;
    }
  };
  if (headings.length) {
    addEventListener("scroll", () => requestAnimationFrame(mark), { passive: true });
    mark();
  }
}
