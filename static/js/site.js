// Progressive enhancement only: every page works without this file.
document.addEventListener("click", (event) => {
  // Close an open member menu when the reader clicks elsewhere.
  for (const menu of document.querySelectorAll("details.menu[open]")) {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  }
});
