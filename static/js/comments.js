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

  document.querySelectorAll("[data-comment-form]").forEach(counter);

  var section = document.querySelector("[data-comments]");
  var original = section && section.querySelector("#comment-form [data-comment-form]");
  if (!section || !original) { return; }
  section.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-reply-to]");
    if (link && openReply(link, original)) {
      event.preventDefault();
    }
  });
})();
