// The theme's small enhancements; every page reads well without them.
// - The colour theme toggle: automatic (the system's), light, dark; remembered across pages
//   (the inline script in <head> applies it before the page is drawn).
// - The contents of a docs page: the reader's section marked as they scroll.
const root = document.documentElement;
const toggle = document.querySelector("[data-theme-toggle]");
const systemDark = matchMedia("(prefers-color-scheme: dark)");
const LABEL = { auto: "automatic", light: "light", dark: "dark" };

function showTheme(theme) {
  if (theme === "auto") delete root.dataset.theme;
  else root.dataset.theme = theme;
  toggle.dataset.current = theme;
  toggle.setAttribute("aria-label", `Colour theme: ${LABEL[theme]} (change)`);
  toggle.title = `Colours: ${LABEL[theme]}`;
}

if (toggle) {
  let theme = root.dataset.theme || "auto";
  showTheme(theme);
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    // automatic -> the other scheme than the system's -> the system's -> automatic
    const system = systemDark.matches ? "dark" : "light", other = system === "dark" ? "light" : "dark";
    theme = theme === "auto" ? other : theme === other ? system : "auto";
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
  const show = (link) => {
    if (link === current) return;
    current?.removeAttribute("aria-current");
    link?.setAttribute("aria-current", "location");
    current = link;
    // Keep it in sight in the column, which scrolls on its own when it is long.
    if (link && contents.scrollHeight > contents.clientHeight) {
      const box = contents.getBoundingClientRect(), at = link.getBoundingClientRect();
      if (at.top < box.top || at.bottom > box.bottom) {
        contents.scrollTop += at.top - box.top - box.height / 3;
      }
    }
  };
  const mark = () => {
    const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    let found = headings[0];
    for (const heading of headings) {
      if (!atEnd && heading.getBoundingClientRect().top > 120) break;
      if (atEnd && heading.getBoundingClientRect().top > innerHeight) break;
      found = heading;
    }
    show(found && links.get(found.id));
  };
  if (headings.length) {
    addEventListener("scroll", () => requestAnimationFrame(mark), { passive: true });
    // A section chosen in the contents is the reader's, even if it cannot scroll to the top.
    addEventListener("hashchange", () => show(links.get(decodeURIComponent(location.hash.slice(1)))));
    mark();
  }
}
