// A "Copy code" button on each .code-block, once; without JavaScript, none.
const doc = document;

const copy = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {} // (http: no Clipboard API)
  const area = doc.createElement("textarea"), focused = doc.activeElement;
  Object.assign(area, { value: text, readOnly: true }).style.position = "fixed";
  doc.body.append(area);
  area.select();
  try { return doc.execCommand("copy"); } finally { area.remove(); focused?.focus(); }
};

// The code without line numbers, prompts ($ >>>) or output (marked \0).
const text = (code) => {
  const clone = code.cloneNode(true);
  for (const part of clone.querySelectorAll(".linenos, .gp, .go"))
    part.textContent = part.matches(".go") ? "\0" : "";
  return clone.textContent.replace(/\0\n?/g, "").trimEnd();
};

for (const block of doc.querySelectorAll(".code-block")) {
  const code = block.querySelector("pre code");
  if (!code || block.querySelector(".code-copy")) continue;
  const button = doc.createElement("button"), status = doc.createElement("span");
  Object.assign(button, { type: "button", className: "code-copy", textContent: "Copy code" });
  status.className = "code-copied";
  status.setAttribute("role", "status");
  button.onclick = async () => {
    status.textContent = await copy(text(code)) ? "Copied" : "Copy failed";
    setTimeout(() => (status.textContent = ""), 2000);
  };
  block.lastElementChild.before(button, status);
}
