/* Progressive enhancement for comment threads. Everything works without this file:
   "Reply" links open a reply page, and the server checks the length. */
(function () {
  "use strict";

  function counter(form) {
    var textarea = form.querySelector("textarea[data-comment-counter], textarea[maxlength]");
    var output = form.querySelector("[data-counter-for]");
    if (!textarea || !output) { return; }
    var max = parseInt(textarea.getAttribute("maxlength"), 10) || 3000;
    var template = output.getAttribute("data-template") || "{n} / {max}";
    function update() {
      var left = max - textarea.value.length;
      output.textContent = template.replace("{n}", left).replace("{max}", max);
      output.classList.toggle("comment-form__counter--over", left < 0);
    }
    output.hidden = false;
    textarea.addEventListener("input", update);
    update();
  }

  function uniqueIds(form, suffix) {
    form.querySelectorAll("[id]").forEach(function (element) {
      element.id = element.id + "_" + suffix;
    });
    form.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = label.htmlFor + "_" + suffix;
    });
    form.querySelectorAll("[data-counter-for]").forEach(function (output) {
      output.setAttribute("data-counter-for", output.getAttribute("data-counter-for") + "_" + suffix);
    });
    form.querySelectorAll("[aria-describedby]").forEach(function (element) {
      var ids = element.getAttribute("aria-describedby").split(/\s+/).map(function (id) { return id + "_" + suffix; });
      element.setAttribute("aria-describedby", ids.join(" "));
    });
  }

  function openReply(link, original) {
    var item = link.closest(".comment");
    var card = item && item.querySelector(".comment__card");
    if (!card) { return false; }
    var existing = item.querySelector(":scope > .comment-reply-slot");
    if (existing) {
      existing.querySelector("textarea").focus();
      return true;
    }
    var slot = document.createElement("div");
    slot.className = "comment-reply-slot";
    var form = original.cloneNode(true);
    form.reset();
    var replyTo = form.querySelector("input[name='reply_to']");
    if (!replyTo) { return false; }
    replyTo.value = link.getAttribute("data-reply-to");
    uniqueIds(form, "r" + replyTo.value);
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button--secondary";
    var section = link.closest("[data-comments]");
    cancel.textContent = section.getAttribute("data-cancel-label");
    cancel.addEventListener("click", function () {
      slot.remove();
      link.focus();
    });
    var submit = form.querySelector("button[type='submit']");
    submit.textContent = section.getAttribute("data-reply-label");
    submit.parentNode.appendChild(document.createTextNode(" "));
    submit.parentNode.appendChild(cancel);
    slot.appendChild(form);
    card.insertAdjacentElement("afterend", slot);
    counter(form);
    form.querySelector("textarea").focus();
    return true;
  }

  /* What this reader did (their waiting comment, their likes, a confirmation) never
     is part of the post page, which every reader shares: it comes from an uncached
     answer, asked for only on posts where this browser has something of its own. */
  var REMEMBER_KEY = "stimme.comments.mine";

  function remembered() {
    try {
      var list = JSON.parse(window.localStorage.getItem(REMEMBER_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function remember(postId, keep) {
    var list = remembered().filter(function (id) { return id !== postId; });
    if (keep) { list.push(postId); }
    try {
      window.localStorage.setItem(REMEMBER_KEY, JSON.stringify(list.slice(-50)));
    } catch (error) { /* storage off: the state just is not fetched next time */ }
  }

  function csrfToken() {
    var input = document.querySelector("#comment-form input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function showLike(link, liked, count) {
    var section = link.closest("[data-comments]");
    link.setAttribute("aria-pressed", liked ? "true" : "false");
    var label = link.querySelector(".comment__like-label");
    if (label) {
      label.textContent = section.getAttribute(liked ? "data-liked-label" : "data-like-label");
    }
    var likes = link.querySelector(".comment__likes");
    if (likes && typeof count === "number") { likes.textContent = "(" + count + ")"; }
  }

  function enhanceLikes(section, postId) {
    section.querySelectorAll("a[data-like]").forEach(function (link) {
      link.setAttribute("role", "button");
      link.setAttribute("aria-pressed", "false");
    });
    section.addEventListener("keydown", function (event) {
      var link = event.target.closest && event.target.closest("a[data-like]");
      if (link && event.key === " ") {
        event.preventDefault();
        link.click();
      }
    });
    section.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-like]");
      var token = csrfToken();
      if (!link || !token || !window.fetch) { return; }  // the link's page does it without us
      event.preventDefault();
      fetch(link.href, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": token }
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (data) {
        showLike(link, data.liked, data.count);
        remember(postId, true);
      }).catch(function () {
        window.location.href = link.href;
      });
    });
  }

  function showStatus(section, text, commentId) {
    var box = section.querySelector("[data-comment-status]");
    if (!box || !text) { return; }
    var item = commentId && document.getElementById("c" + commentId);
    if (item) {
      item.insertBefore(box, item.firstChild);  // where the reader landed
    }
    var paragraph = document.createElement("p");
    paragraph.textContent = text;
    box.appendChild(paragraph);
  }

  function loadReaderState(section) {
    var mine = section.querySelector("[data-reader-state-url]");
    if (!mine || !window.fetch) { return; }
    var postId = mine.getAttribute("data-post-id");
    enhanceLikes(section, postId);
    var landed = /[?&]comment=\d/.test(window.location.search);
    if (!landed && remembered().indexOf(postId) === -1) { return; }
    fetch(mine.getAttribute("data-reader-state-url"), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (data) {
      showStatus(section, data.status, data.status_comment);
      if (data.waiting) {
        mine.innerHTML = data.waiting;  // our own server's HTML, escaped there
      }
      (data.liked || []).forEach(function (id) {
        var link = section.querySelector("a[data-like='" + id + "']");
        if (link) { showLike(link, true); }
      });
      remember(postId, Boolean(data.waiting || (data.liked && data.liked.length)));
      var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
      if (target && mine.contains(target)) { target.scrollIntoView(); }
    }).catch(function () { /* the page works without the reader's own state */ });
  }

  document.querySelectorAll("[data-remember-post]").forEach(function (element) {
    remember(element.getAttribute("data-remember-post"), true);
  });

  document.querySelectorAll("[data-comment-form]").forEach(counter);

  var section = document.querySelector("[data-comments]");
  if (section) { loadReaderState(section); }
  var original = section && section.querySelector("#comment-form [data-comment-form]");
  if (!section || !original) { return; }
  section.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-reply-to]");
    if (link && openReply(link, original)) {
      event.preventDefault();
    }
  });
})();
