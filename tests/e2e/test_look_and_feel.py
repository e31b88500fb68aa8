"""Look and feel in a real browser: German and English, phone (375 px) and desktop (1280 px).

What a reader notices and a screenshot alone cannot prove:
- no word of a heading, card title or navigation item is split without a hyphen
  (Chromium on Linux ships no hyphenation dictionaries, so there the layout
  itself must leave room for the longest German compound);
- avatars of one kind (comment, author box, person card, directory entry) have
  one size on every page type;
- the signed-in header is one line on a desktop and small on a phone, with
  the same staff sub-navigation on every internal page;
- the footer sits at the bottom of a short page;
- dark mode keeps axe's contrast checks green;
- a post prints to at most three A4 pages, without navigation or forms.

Screenshots of the main screens (light and dark, both widths) are written to
``tests/e2e/screenshots/`` (git-ignored) for a person to look at.
"""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.models import HomePage
from core.models.settings import SiteSettings
from internal.models import InternalIndexPage
from people.models import TeamPage
from tests.helpers.browser import DESKTOP, PHONE, SCREENSHOTS, log_in

pytestmark = pytest.mark.e2e

POST = "/blog/schichtenspeicher-richtig-dimensionieren/"
PUBLIC_PAGES = {
    "home": "/",
    "post": POST,
    "team": "/menschen/",
    "person": "/menschen/katrin-albers/",
}
INTERNAL_PAGES = {
    "internal-home": "/intern/",
    "internal-post": "/intern/rekordjahr-und-wie-weiter/",
    "directory": "/intern/menschen/",
    "directory-profile": "/intern/menschen/katrin-albers/",
    "profile-edit": "/intern/profil/",
    "settings": "/intern/einstellungen/",
}
WIDTHS = {"375": PHONE, "1280": DESKTOP}
LOCALES = {"de": "de-DE", "en": "en-GB"}
# Kinds of avatar, each of which must have one size wherever it appears.
AVATAR_KINDS = {
    "comment": ".comment__header .avatar",
    "author box": ".author-box .avatar",
    "person card": ".person-card .avatar",
    "directory entry": ".directory-entry .avatar",
}
BLOCKING_IMPACTS = {"serious", "critical"}

# Words that wrap onto two lines, per element, and whether the browser could have
# hyphenated them (hyphens:auto, a language, and a browser that has the dictionary).
UNHYPHENATED_BREAKS_JS = """
async (selector) => {
  await document.fonts.ready;  // measured in the fallback font, the words would wrap elsewhere
  const probe = document.createElement('div');
  probe.lang = 'de';
  probe.style.cssText =
    'position:absolute;width:4em;hyphens:auto;overflow-wrap:normal;font-size:16px';
  probe.textContent = 'Donaudampfschifffahrtsgesellschaft';
  document.body.appendChild(probe);
  const canHyphenate = probe.scrollWidth <= probe.clientWidth + 1;
  probe.remove();
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;
    const style = getComputedStyle(element);
    const hyphenated = canHyphenate && style.hyphens === 'auto' && element.closest('[lang]')?.lang;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\u00ad-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const tops = new Set(rects.map(r => Math.round(r.top)));
        if (tops.size > 1 && !hyphenated) {
          broken.push(`${element.tagName.toLowerCase()}.${element.className}: ${match[0]}`);
        }
      }
    }
  }
  return broken;
}
"""
WORD_SELECTOR = (
    "h1, h2, h3, .card__title, .person-card__name, .person-card__role, .teaser__title, "
    ".site-header nav a, .intern-nav a, .brand__name, .account a, .account button, .menu-button, "
    ".face__name, .face__role, .directory-entry__name, .directory-entry__role, .department-filter a"
)


@pytest.fixture(scope="module", autouse=True)
def images_cut_to_size(browser, seeded_module):
    """Wagtail cuts an image to size on the first view of a page that shows it; do that once
    here, with time to spare, so a test's first visit on a busy machine is not cut short."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.set_default_timeout(120_000)
    log_in(tab, seeded_module, "jonas.berger")
    for path in [*PUBLIC_PAGES.values(), *INTERNAL_PAGES.values(), "/blog/"]:
        assert tab.goto(seeded_module + path).ok, path
    context.close()


def switch_language(tab, base_url: str, code: str) -> None:
    """Choose the interface language the way a reader does: the DE/EN links set a cookie."""
    tab.goto(f"{base_url}/language/{code}/?next=/")


def open_tab(new_tab, base_url, viewport, language, *, signed_in=False):
    tab = new_tab(viewport=viewport, locale=LOCALES[language])
    if signed_in:
        log_in(tab, base_url, "jonas.berger")
    switch_language(tab, base_url, language)
    return tab


def shoot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=Path(SCREENSHOTS, f"look-{name}.png"), full_page=True)


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_in_headings_cards_or_navigation_breaks_without_a_hyphen(
    new_tab, seeded, width, language
):
    tab = open_tab(new_tab, seeded, WIDTHS[width], language, signed_in=True)
    broken = []
    for name, path in {**PUBLIC_PAGES, **INTERNAL_PAGES}.items():
        tab.goto(seeded + path)
        broken += [
            f"{name}: {word}" for word in tab.evaluate(UNHYPHENATED_BREAKS_JS, WORD_SELECTOR)
        ]
        if width == "375":
            assert tab.evaluate("document.documentElement.scrollWidth <= innerWidth"), (
                f"{path} scrolls sideways"
            )
    assert broken == []


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_avatars_of_one_kind_have_one_size_on_every_page_type(new_tab, seeded, width, language):
    tab = open_tab(new_tab, seeded, WIDTHS[width], language, signed_in=True)
    sizes: dict[str, set] = {kind: set() for kind in AVATAR_KINDS}
    seen_on: dict[str, set] = {kind: set() for kind in AVATAR_KINDS}
    for name, path in {
        **PUBLIC_PAGES,
        **INTERNAL_PAGES,
        "author": "/blog/author/jonas-berger/",
    }.items():
        tab.goto(seeded + path)
        for kind, selector in AVATAR_KINDS.items():
            found = tab.evaluate(
                "(s) => [...document.querySelectorAll(s)].map(e => e.getBoundingClientRect())"
                ".map(r => [Math.round(r.width), Math.round(r.height)])",
                selector,
            )
            sizes[kind].update(tuple(size) for size in found)
            if found:
                seen_on[kind].add(name)
    assert all(seen_on.values()), f"every kind of avatar shows somewhere: {seen_on}"
    assert seen_on["comment"] >= {"post"}
    assert {kind: sorted(found) for kind, found in sizes.items() if len(found) != 1} == {}
    for kind, ((width, height),) in sizes.items():
        assert width == height >= 32, f"{kind} avatars are round and big enough to recognise"


def header_box(tab) -> dict:
    return tab.evaluate(
        """() => {
          const header = document.querySelector('.site-header').getBoundingClientRect();
          const brand = document.querySelector('.brand__name').getBoundingClientRect();
          const name = document.querySelector('.brand__name');
          const line = parseFloat(getComputedStyle(name).lineHeight);
          const controls = 'a, button, input, summary';
          const visible = [...document.querySelector('.site-header').querySelectorAll(controls)]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .map(e => e.getBoundingClientRect());
          const lowestTop = Math.max(...visible.map(r => r.top));
          const highestBottom = Math.min(...visible.map(r => r.bottom));
          return {height: header.height, brandLines: Math.round(brand.height / line),
                  oneLine: lowestTop < highestBottom};
        }"""
    )


@pytest.mark.parametrize("language", LOCALES)
def test_signed_in_header_is_one_line_on_a_desktop_and_small_on_a_phone(new_tab, seeded, language):
    desktop = open_tab(new_tab, seeded, DESKTOP, language, signed_in=True)
    phone = open_tab(new_tab, seeded, PHONE, language, signed_in=True)
    for path in ("/", "/intern/", "/intern/menschen/"):
        desktop.goto(seeded + path)
        box = header_box(desktop)
        assert box["brandLines"] == 1, f"{path}: the brand wraps at 1280 px"
        assert box["oneLine"], f"{path}: the header's controls sit on more than one line"
        assert box["height"] <= 80
        phone.goto(seeded + path)
        box = header_box(phone)
        assert box["height"] <= 0.25 * PHONE["height"], (
            f"{path}: header {box['height']} px on a phone"
        )
        assert box["brandLines"] == 1


def test_phone_menu_opens_without_javascript(new_tab, seeded):
    tab = new_tab(viewport=PHONE, java_script_enabled=False)
    tab.goto(seeded + "/")
    search = tab.locator(".site-header input[type=search]")
    assert not search.is_visible()
    tab.locator(".site-header .menu-button").click()
    assert search.is_visible()
    assert tab.locator(".site-header nav a").first.is_visible()


def test_every_internal_page_has_the_same_staff_navigation(new_tab, seeded):
    tab = open_tab(new_tab, seeded, PHONE, "de", signed_in=True)
    menus = {}
    for name, path in INTERNAL_PAGES.items():
        tab.goto(seeded + path)
        menus[name] = tab.locator(".intern-nav a").all_inner_texts()
        chrome_bottom = tab.evaluate(
            "document.querySelector('.intern-nav')?.getBoundingClientRect().bottom ?? 0"
        )
        assert 0 < chrome_bottom <= 0.25 * PHONE["height"], (
            f"{name}: header and staff navigation take {chrome_bottom} px of a phone"
        )
    first = next(iter(menus.values()))
    assert len(first) >= 4
    assert all(menu == first for menu in menus.values()), menus
    tab.goto(seeded + "/intern/menschen/")
    assert tab.locator(".intern-nav a[aria-current=page]").inner_text() == first[1]


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_footer_touches_the_bottom_of_a_short_page(new_tab, seeded, width, language):
    tab = open_tab(new_tab, seeded, WIDTHS[width], language)
    for path in ("/login/", "/search/?q=nichtsdergleichen"):
        tab.goto(seeded + path)
        bottom = tab.evaluate(
            "document.querySelector('.site-footer').getBoundingClientRect().bottom + scrollY"
        )
        page_height = tab.evaluate("Math.max(innerHeight, document.documentElement.scrollHeight)")
        assert abs(bottom - page_height) <= 1, (
            f"{path}: footer ends at {bottom}, page at {page_height}"
        )


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_printed_post_fits_three_pages_without_navigation_or_forms(
    new_tab, seeded, width, language
):
    tab = open_tab(new_tab, seeded, WIDTHS[width], language)
    tab.goto(seeded + POST)
    tab.emulate_media(media="print")
    for selector in (
        ".site-header",
        ".site-footer",
        "form",
        ".share",
        ".related",
        ".post-nav",
        ".comments",
    ):
        visible = tab.evaluate(
            "(s) => [...document.querySelectorAll(s)].some(e => e.getClientRects().length)",
            selector,
        )
        assert not visible, f"{selector} is printed"
    for text in ("Schichtenspeicher", "Jonas Berger"):
        assert tab.locator("main").get_by_text(text).first.is_visible()
    date = tab.locator("main .post__meta time").first
    assert date.is_visible()
    assert date.inner_text() == expected_date(date.get_attribute("datetime"), language)
    pdf = tab.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert 1 <= pages <= 3, f"the post prints on {pages} pages"


def blocking_violations(tab) -> list[str]:
    results = Axe().run(tab)
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


SCREENS = {**PUBLIC_PAGES, "internal-home": "/intern/", "directory": "/intern/menschen/"}


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_issue_in_either_colour_scheme(new_tab, seeded, scheme, language):
    problems = []
    for width, viewport in WIDTHS.items():
        tab = open_tab(new_tab, seeded, viewport, language, signed_in=True)
        tab.emulate_media(color_scheme=scheme)
        for name, path in SCREENS.items():
            tab.goto(seeded + path)
            shoot(tab, f"{name}-{width}-{scheme}-{language}")
            problems += [
                f"{name} {width}px {language}: {line}" for line in blocking_violations(tab)
            ]
    assert problems == []


def test_dark_mode_follows_the_system_setting(new_tab, seeded):
    tab = new_tab(viewport=DESKTOP)
    tab.goto(seeded + POST)
    light = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    tab.emulate_media(color_scheme="dark")
    dark = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light != dark
    channels = [int(value) for value in re.findall(r"\d+", dark)[:3]]
    assert max(channels) < 60, f"dark background is dark: {dark}"


def test_home_leads_with_a_featured_post_and_its_image(new_tab, seeded):
    tab = new_tab(viewport=DESKTOP)
    tab.goto(seeded + "/")
    featured = tab.locator(".featured")
    assert featured.locator("img").first.is_visible()
    featured_box = featured.bounding_box()
    grid_box = tab.locator(".card-grid").bounding_box()
    assert featured_box["y"] < grid_box["y"], "the featured post comes before the grid"
    assert featured_box["width"] > 2 * tab.locator(".card-grid .card").first.bounding_box()["width"]
    title = featured.locator("h2 a").inner_text()
    assert title not in tab.locator(".card-grid").inner_text(), "the featured post is not repeated"


def test_fonts_are_served_by_the_site_and_links_outside_text_are_not_underlined(new_tab, seeded):
    tab = new_tab(viewport=DESKTOP)
    tab.goto(seeded + POST)
    tab.evaluate("document.fonts.ready")
    families = tab.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any("Source Sans" in family for family in families), families
    calm = ".site-header a, .tag-list a, .author-box a, .post__kicker a, .site-footer a"
    underlined = tab.evaluate(
        """(calm) => [...document.querySelectorAll(calm)]
             .filter(a => getComputedStyle(a).textDecorationLine.includes('underline'))
             .map(a => a.textContent)""",
        calm,
    )
    assert underlined == []
    prose_link = tab.locator(".post__body p a").first
    if prose_link.count():
        assert "underline" in prose_link.evaluate("a => getComputedStyle(a).textDecorationLine")


def test_the_admin_carries_the_company_name_and_mark(new_tab, seeded):
    company = SiteSettings.objects.first().organisation_name
    tab = new_tab(viewport=DESKTOP)
    tab.goto(seeded + "/admin/login/")
    assert company in tab.locator("h1").inner_text()
    assert tab.locator(".login-logo svg.brand__mark").is_visible()
    assert tab.title().endswith(company)
    for width, viewport in WIDTHS.items():
        for scheme in ("light", "dark"):
            editor = new_tab(viewport=viewport)
            editor.emulate_media(color_scheme=scheme)
            log_in(editor, seeded, "miriam.hoffmann")
            editor.goto(seeded + "/admin/comment-moderation/")
            if width == "1280":  # on a phone the sidebar starts folded away
                assert editor.locator(".sidebar svg.brand__mark").first.is_visible()
            shoot(editor, f"moderation-queue-{width}-{scheme}")
            assert_moderation_screens_fit(editor, seeded, viewport)


def assert_moderation_screens_fit(editor, base_url: str, viewport: dict) -> None:
    """The queue's tabs are not under the admin's menu button, and the queue's and the log's
    tables keep to the screen (nothing of a comment or a decision runs off its edge)."""
    editor.goto(base_url + "/admin/comment-moderation/?tab=recent")
    toggle = editor.locator(".sidebar-nav-toggle:visible").first
    if toggle.count():
        button, tab = toggle.bounding_box(), editor.locator(".w-tabs__tab").first.bounding_box()
        apart = (
            tab["y"] >= button["y"] + button["height"] or tab["x"] >= button["x"] + button["width"]
        )
        assert apart, f"the menu button {button} covers the first tab {tab}"
    comment_id = editor.locator(".moderation-row").first.get_attribute("data-comment")
    for path in (
        "/admin/comment-moderation/?tab=recent",
        f"/admin/comment-moderation/{comment_id}/",
    ):
        editor.goto(base_url + path)
        too_wide = editor.evaluate(
            """() => [...document.querySelectorAll(
                 '#moderation-list, #moderation-log, .moderation-actions :is(select, input)')]
               .filter(e => e.getClientRects().length)
               .map(e => {
                 const box = e.closest('.nice-padding');
                 const edge = box.getBoundingClientRect().right
                   - parseFloat(getComputedStyle(box).paddingRight);
                 return [e.id || e.name, Math.round(e.getBoundingClientRect().right - edge)];
               })
               .filter(([, beyond]) => beyond > 1)"""
        )
        assert too_wide == [], f"{path} at {viewport['width']} px: px beyond the content edge"


GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def expected_date(datetime_attribute: str, language: str) -> str:
    """How a post's date reads: „2. Dezember 2026“ in German, "2 December 2026" in English."""
    year, month, day = (int(part) for part in datetime_attribute[:10].split("-"))
    if language == "de":
        return f"{day}. {GERMAN_MONTHS[month - 1]} {year}"
    return f"{day} {ENGLISH_MONTHS[month - 1]} {year}"


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_dates_and_section_names_follow_the_interface_language(new_tab, seeded, width, language):
    tab = open_tab(new_tab, seeded, WIDTHS[width], language, signed_in=True)
    tab.goto(seeded + POST)
    shown = tab.locator(".post__meta time").first
    assert shown.is_visible()
    assert shown.inner_text() == expected_date(shown.get_attribute("datetime"), language)
    if width == "1280":  # on a phone the menu is folded away
        sections = (
            ["Blog", "Menschen", "Intern"] if language == "de" else ["Blog", "People", "Internal"]
        )
        menu = tab.locator(".site-nav").inner_text()
        for name in sections:
            assert name in menu, (name, menu)
    assert tab.locator(".post__kicker a").first.inner_text() == "Blog"


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_fixed_section_pages_speak_the_interface_language(new_tab, seeded, width, language):
    """Home, team and internal home: heading, introduction and tab title in the reader's
    language (the English text the editors wrote), marked with that language."""
    tab = open_tab(new_tab, seeded, WIDTHS[width], language, signed_in=True)
    sections = {
        "/": HomePage.objects.get(depth=2),
        PUBLIC_PAGES["team"]: TeamPage.objects.get(),
        INTERNAL_PAGES["internal-home"]: InternalIndexPage.objects.get(),
    }
    for path, section in sections.items():
        assert section.title_en and section.intro_en, f"the demo writes {path} in English too"
        title, intro = (
            (section.title, section.intro)
            if language == "de"
            else (section.title_en, section.intro_en)
        )
        tab.goto(seeded + path)
        heading = tab.locator("main h1").first
        assert heading.inner_text() == title
        assert heading.evaluate("e => e.closest('[lang]').lang") == language
        lead = tab.locator("main .lead").first
        assert lead.inner_text() == intro
        assert lead.evaluate("e => e.closest('[lang]').lang") == language
        assert tab.title().startswith(title), tab.title()


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize("width", WIDTHS)
def test_listed_posts_in_another_language_say_so(new_tab, seeded, width, language):
    """A listing mixes German and English posts: each post whose language differs from the
    interface's names it visibly and marks its title with its language; the others don't."""
    tab = open_tab(new_tab, seeded, WIDTHS[width], language, signed_in=True)
    other = "en" if language == "de" else "de"
    name = {"de": "Deutsch", "en": "English"}[other]
    listings = {
        "home": ("/", ".featured, .card"),
        "blog": ("/blog/", ".teaser"),
        "internal home": (INTERNAL_PAGES["internal-home"], ".teaser"),
    }
    for listing, (path, item_selector) in listings.items():
        tab.goto(seeded + path)
        items = tab.locator(item_selector)
        foreign = 0
        for index in range(items.count()):
            item = items.nth(index)
            title = item.locator("h2 a, h3 a").first
            title_language = title.evaluate("e => e.closest('[lang]').lang")
            label = item.locator(".language-label")
            if title_language == other:
                foreign += 1
                assert label.is_visible(), f"{listing}: {title.inner_text()} has no label"
                assert label.inner_text() == name
                assert label.get_attribute("lang") == other
            else:
                assert title_language == language, f"{listing}: {title.inner_text()}"
                assert label.count() == 0, f"{listing}: {title.inner_text()} is labelled"
        assert foreign, f"{listing} lists a post in {name} (the demo has one)"
