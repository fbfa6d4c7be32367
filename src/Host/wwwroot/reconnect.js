// The circuit's connection: shown while it is being restored; when the host no longer knows the circuit (it
// restarted), the page reloads by itself and says afterwards that what was typed but not saved must be typed again.
(() => {
  const modal = document.getElementById("components-reconnect-modal");
  const note = "cw-reloaded-after-restart";
  if (sessionStorage.getItem(note)) {
    sessionStorage.removeItem(note);
    document.documentElement.classList.add("cw-was-reloaded");
  }
  if (!modal) return;
  modal.addEventListener("components-reconnect-state-changed", e => {
    const state = e.detail.state;
    modal.className = "cw-reconnect cw-reconnect-" + state;
    if (state === "rejected" || state === "resume-failed") {
      sessionStorage.setItem(note, "1");
      location.reload();
    }
  });
})();
