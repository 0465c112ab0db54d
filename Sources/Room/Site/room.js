// pit's room page, live: the facilitator's moves arrive over a WebSocket, and a score is
// sent without leaving the page. Everything also works without this file (plain forms).
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !document.querySelector("form[action='/leave']")) { return; }

  function replace(html) {
    // The server escapes every piece of text it puts in this fragment.
    if (html) { main.innerHTML = html; }
  }

  function showOffline() {
    if (document.getElementById("offline")) { return; }
    var notice = document.createElement("p");
    notice.id = "offline";
    notice.className = "notice error";
    notice.setAttribute("role", "alert");
    notice.textContent = "Lost touch with the room; trying again. Your last saved score is kept.";
    main.insertBefore(notice, main.firstChild);
  }

  function connect(delay) {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/live");
    socket.onmessage = function (event) { replace(event.data); delay = 1000; };
    socket.onclose = function () {
      // The room's last message said it closed: nothing to try again.
      if (document.getElementById("room-closed")) { return; }
      // Released: the page says so; otherwise try again, more slowly each time.
      fetch("/device", { credentials: "same-origin", redirect: "manual" }).then(function (r) {
        if (r.type === "opaqueredirect" || r.status === 0 || r.redirected) {
          replace("<h1>You have left the room</h1><p><a href=\"/\">Join again</a></p>");
        } else {
          setTimeout(function () { connect(Math.min(delay * 2, 15000)); }, delay);
        }
      }).catch(function () {
        showOffline();
        setTimeout(function () { connect(Math.min(delay * 2, 15000)); }, delay);
      });
    };
  }

  main.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("action") !== "/score") { return; }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form, event.submitter));
    fetch("/score", {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (r) { return r.json(); }).then(function (reply) {
      replace(reply.html);
      if (!reply.html) { location.href = "/"; }
    }).catch(function () { form.submit(); });
  });

  connect(1000);
}());
