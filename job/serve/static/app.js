// The playground: one request per sample (seed, seed+1, ...), each shown as soon as it arrives.
"use strict";
(function () {
  const form = document.getElementById("generate");
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const number = (id) => ($(id).value === "" ? null : Number($(id).value));
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => { $("prompt").value = button.dataset.prompt; });
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const samples = $("samples"), error = $("error"), go = $("go");
    samples.replaceChildren();
    error.hidden = true;
    go.disabled = true;
    const headers = { "Content-Type": "application/json" };
    if ($("token") && $("token").value) headers.Authorization = "Bearer " + $("token").value;
    const n = Math.max(1, number("n") || 1), seed = number("seed") || 0;
    try {
      for (let i = 0; i < n; i++) {
        $("status").textContent = `generating ${i + 1} of ${n}…`;
        const body = {
          prompt: $("prompt").value, n: 1, seed: seed + i,
          max_new_tokens: number("max_new_tokens"), temperature: number("temperature"),
          top_p: number("top_p"),
        };
        const response = await fetch(form.dataset.api, { method: "POST", headers, body: JSON.stringify(body) });
        const answer = await response.json();
        if (!response.ok) throw new Error(answer.error || response.statusText);
        for (const text of answer.samples) {
          const item = document.createElement("li");
          item.className = "sample";
          item.textContent = text;  // text, never HTML: samples echo whatever was trained on
          samples.append(item);
        }
        $("revision").textContent = answer.revision;
      }
      $("status").textContent = "";
    } catch (err) {
      error.textContent = String(err.message || err);
      error.hidden = false;
      $("status").textContent = "";
    } finally {
      go.disabled = false;
    }
  });
})();
