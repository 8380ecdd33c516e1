// Progressive enhancement of the story page's "Copy link" (templates/includes/_copy_link.html):
// without this file, or without clipboard access, it stays a plain link to the story.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("a[data-copy-link]");
  if (!link || !navigator.clipboard || !window.isSecureContext) return;
  event.preventDefault();
  const status = document.getElementById(link.dataset.copyLink);
  try {
    await navigator.clipboard.writeText(link.href);
    status.textContent = "Link copied";
  } catch {
    status.textContent = "Could not copy: the link is " + link.href;
  }
  // Cleared after a while so copying again is announced again.
  setTimeout(() => { status.textContent = ""; }, 5000);
});
