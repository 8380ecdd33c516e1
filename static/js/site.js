// Progressive enhancement only: every page works without this file.
document.addEventListener("click", (event) => {
  // Close an open member menu when the reader clicks elsewhere.
  for (const menu of document.querySelectorAll("details.menu[open]")) {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  }
});

// After a failed submit, start at the list of what to fix rather than at the top of the page.
const errorSummary = document.getElementById("error-summary");
if (errorSummary) errorSummary.focus();
