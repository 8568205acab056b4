"""The clean stage: scraped text and HTML pages become a story body, captions and metadata.

Every page here is written for the test (in the style of scraped news pages: one block per
line, widget residue above the story, a captioned photo among the paragraphs, tags and a
publisher's blurb below it).
"""

from __future__ import annotations

import datetime as dt

import pytest

from warwatch.clean import clean, split_text
from warwatch.errors import BadInput
from warwatch.ingest import read_pages
from warwatch.models import Article, Page, Skipped

# ---------------------------------------------------------------- scraped text

LOGIN = ["your username", "your password", "Forgot your password?", "Remember me"]
CAPTION = ("Residents inspect a damaged market stall after shelling in the northern town of "
           "Kafr Nabl on March 3, 2021. (Photo by Omar HAJ KADOUR / AFP)")
DATELINE = ("IDLIB, Syria (AP) — Government shelling killed four civilians on Wednesday in a "
            "rebel-held town in northwestern Syria, a war monitor and local rescuers said.")
BODY = [
    DATELINE,
    "The Syrian Civil Defense, also known as the White Helmets, said the shells struck a crowded "
    "market in Kafr Nabl shortly after dawn, wounding at least nine other people.",
    "The Britain-based Syrian Observatory for Human Rights said the shelling came from "
    "government positions south of the town, which has been hit repeatedly this year.",
    "“We pulled two children from under the rubble of a shop,” said a rescuer who gave his "
    "name as Abu Khaled. “The market was full because people wanted to buy bread before noon.”",
    "Government forces and their allies have pressed a campaign against the last "
    "opposition-held enclave since last spring, displacing hundreds of thousands of people.",
    "A cease-fire brokered by Russia and Turkey a year ago has largely held, though both sides "
    "accuse each other of violations.",
    "There was no immediate comment from the government in Damascus.",
]
TAGS = ["TAGS", "Syria", "Idlib", "Civil war"]
BLURB = ("HILLTOPDAILY (HTD) is an independent news organization founded by Ridge Media Ltd., a "
         "company registered in the Republic of Cyprus, with its business address at 12 Harbour "
         "Road, Limassol. Read more...")


BODY_HTML = "".join(f"<p>{p}</p>" for p in BODY)


def seed_style_text() -> str:
    """A scraped page: login residue, a captioned photo, a dateline, tags, about-us blurb."""
    lines = LOGIN + [CAPTION] + BODY[:3] + ["Share this:", "Facebook", "Twitter"] + BODY[3:]
    lines += TAGS + ["ABOUT US", BLURB]
    return "\n".join(lines) + "\n"


def cleaned_text(text: str, **page: object) -> Article:
    return clean(Page(page_id="t", text=text, **page))


def test_scraped_text_keeps_the_story_from_dateline_to_last_paragraph():
    article = cleaned_text(seed_style_text())
    assert article.text == "\n".join(BODY)  # share widgets between paragraphs are gone too
    assert article.text.startswith("IDLIB, Syria (AP) — ")
    assert article.dateline == "IDLIB, Syria"


def test_scraped_text_sets_login_lines_tags_and_blurb_aside():
    article = cleaned_text(seed_style_text())
    for line in LOGIN + TAGS + ["ABOUT US", BLURB, "Share this:"]:
        assert line in article.removed, line
        assert line not in article.text.split("\n")
    assert article.publisher == "HILLTOPDAILY (HTD)"


def test_scraped_text_lifts_the_caption_and_its_credit_out_of_the_body():
    article = cleaned_text(seed_style_text())
    assert len(article.captions) == 1
    caption = article.captions[0]
    assert caption.text.startswith("Residents inspect a damaged market stall")
    assert caption.credit == "Photo by Omar HAJ KADOUR / AFP"
    assert "market stall" not in article.text and "KADOUR" not in article.text
    assert CAPTION not in article.removed
    # the caption's date is the best the page offers for when it was published
    assert article.published == dt.date(2021, 3, 3)
    assert article.published_from == "text"


def test_given_date_wins_over_the_caption_date():
    article = cleaned_text(seed_style_text(), published=dt.date(2021, 3, 4))
    assert article.published == dt.date(2021, 3, 4)
    assert article.published_from == "given"


def test_scraped_text_body_offsets_are_stable():
    article = cleaned_text(seed_style_text())
    start = article.text.index("four civilians")
    assert article.text[start:start + len("four civilians")] == "four civilians"
    assert article.body_hash == cleaned_text(seed_style_text()).body_hash


def test_menu_and_related_headlines_around_the_story_are_dropped():
    menu = ["* Home", "* World", "* Middle East", "* Opinion", "* Video", "Search"]
    related = ["Related", "Turkey sends more troops to northwestern Syria as talks stall",
               "Rebels say they downed a government drone near Saraqib",
               "Aid groups warn of winter crisis in crowded camps along the border"]
    page = "\n".join(menu + BODY + related + ["© 2021 Ridge Media Ltd. All rights reserved."])
    article = cleaned_text(page)
    assert article.text == "\n".join(BODY)
    assert "Related" in article.removed
    assert related[1] in article.removed


def test_comments_after_the_story_are_not_body():
    comments = [
        "12 responses to “Shelling kills four in Idlib market”",
        "1. desert_fox says:",
        "March 3, 2021 at 6:34 am",
        "This is terrible news and the world keeps watching while markets are shelled again.",
        "2. observer77 says:",
        "March 3, 2021 at 7:02 am",
        "Nobody will be held to account for this, as usual, and the cease-fire is a fiction.",
    ]
    article = cleaned_text("\n".join(BODY + comments))
    assert article.text == "\n".join(BODY)


def test_the_url_headline_anchors_the_story_not_the_longer_teaser_list():
    teasers = ["Trending"]
    for i in range(10):
        teasers.append(f"Deal alert number {i}: save on wireless headphones this week")
        teasers.append("Retailers are cutting prices early this year, and the discounts on "
                       f"headphones, tablets and laptops keep growing by the hour, item {i}.")
    headline = "Shelling kills four civilians in Idlib market"
    page = "\n".join(["* Home", *teasers, "Advertisement", headline, "By Staff Writer", *BODY,
                      "Tags", "Syria"])
    url = "https://news.example.org/2021/03/03/shelling-kills-four-civilians-idlib-market/"
    article = cleaned_text(page, url=url)
    assert article.text == "\n".join(BODY)
    assert headline in article.removed
    assert cleaned_text(page, title=headline).text == "\n".join(BODY)


def test_a_list_announced_by_a_colon_stays_with_the_story():
    dates = ["June 9 – West Palm Beach, FL", "June 10 – Tampa, FL", "June 14 – Alpharetta, GA",
             "June 17 – Nashville, TN"]
    intro = "The band will play these dates next summer, the promoter said in a statement:"
    page = "\n".join(["* Home", "* Music", *BODY[1:4], intro, *dates, "Tags", "music", "tour"])
    article = cleaned_text(page)
    assert article.text.split("\n")[-5:] == [intro, *dates]
    assert "Tags" in article.removed


def test_lists_inside_the_story_stay_only_when_announced():
    foods = ["* flour and rice from the depot", "* lentils and dried beans",
             "* cooking oil in small bottles", "* baby formula"]
    intro = "The convoy carried these supplies, according to the aid group:"
    headlines = ["More fighting near Saraqib", "Turkey sends troops to Idlib",
                 "Aid groups warn of a winter crisis", "Rebels down a government drone"]
    announced = "\n".join(BODY[:3] + [intro] + foods + BODY[3:])
    assert cleaned_text(announced).text == "\n".join(BODY[:3] + [intro] + foods + BODY[3:])
    unannounced = "\n".join(BODY[:3] + headlines + BODY[3:])
    article = cleaned_text(unannounced)
    assert article.text == "\n".join(BODY)
    assert all(h in article.removed for h in headlines)


def test_a_date_line_after_the_story_parts_it_from_the_next_ones():
    others = []
    for day, place in ((2, "Saraqib"), (1, "Maarat al-Numan"), (28, "Ariha")):
        others += [f"Rebels say they downed a government drone near {place}",
                   f"March {day}, 2021" if day < 10 else f"February {day}, 2021",
                   f"Opposition fighters said that they had shot down a government drone over "
                   f"{place}, another such claim this month, and posted a video of the wreck.",
                   "Read More"]
    article = cleaned_text("\n".join(BODY + others))
    assert article.text == "\n".join(BODY)


def test_an_author_bio_after_the_story_is_not_body():
    bio = "Rana Haddad is a freelance reporter based in Gaziantep, covering northern Syria."
    article = cleaned_text("\n".join(BODY + [bio, "Want more stories like this?"]))
    assert article.text == "\n".join(BODY)
    assert bio in article.removed


@pytest.mark.parametrize("prefix, suffix", [
    ("", " | Share | Tweet |"),                        # share widgets trail the story, no final stop
    ("1. Kafr Nabl: ", ""),                             # a numbered item that is a whole story
    ("", " Residents inspect the market on March 3 2021. (Photo by Omar Haj Kadour / AFP)"),  # a credit inside
])
def test_a_whole_story_scraped_onto_one_line_is_kept(prefix, suffix):
    # data sets of scraped articles (FA-KES, for one) hold each story as one line, without
    # commas or apostrophes, often ending in widget residue or a photo credit
    story = prefix + " ".join(line.replace(",", "").replace("’", "") for line in BODY).rstrip(".") + suffix
    split = split_text(story)
    assert len(split.body) == 1 and "Abu Khaled" in split.body[0]
    article = clean(Page(page_id="one-line", text=story))
    assert "Kafr Nabl" in article.text


def test_split_text_parts_body_captions_and_removed_in_order():
    split = split_text(seed_style_text())
    assert split.body == BODY
    assert [c[1] for c in split.captions] == ["Photo by Omar HAJ KADOUR / AFP"]
    assert split.removed[:4] == LOGIN
    assert split.removed[-1] == BLURB


# ---------------------------------------------------------------- HTML

HTML_PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Shelling kills four civilians in Idlib market | Hilltop Daily</title>
<meta property="og:title" content="Shelling kills four civilians in Idlib market">
<meta property="article:published_time" content="2021-03-03T09:12:00Z">
<meta name="author" content="Rana Haddad">
<script>window.dataLayer = [{"page": "article"}];</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/video">Video</a></nav></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<article class="story">
<h1>Shelling kills four civilians in Idlib market</h1>
<figure><img src="market.jpg" alt="">
<figcaption>Residents inspect a damaged stall in Kafr Nabl. (Photo by Omar HAJ KADOUR / AFP)</figcaption>
</figure>
{paragraphs}
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Turkey sends troops</a></li>
<li><a href="/b">Rebels down a drone</a></li></ul></aside>
<footer>© 2021 Ridge Media Ltd. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def html_page() -> str:
    return HTML_PAGE.replace("{paragraphs}", "\n".join(f"<p>{p}</p>" for p in BODY))


def test_html_keeps_dateline_paragraphs_and_lifts_the_figcaption():
    article = clean(Page(page_id="h", html=html_page(), url="https://news.example.org/a"))
    assert article.text == "\n".join(BODY)
    assert article.dateline == "IDLIB, Syria"
    assert article.title == "Shelling kills four civilians in Idlib market"
    assert article.published == dt.date(2021, 3, 3)
    assert article.published_from == "markup"
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Residents inspect a damaged stall in Kafr Nabl.", "Photo by Omar HAJ KADOUR / AFP")]
    for junk in ("Share on Facebook", "Related", "Privacy policy", "dataLayer", "Home"):
        assert junk not in article.text


def test_html_drops_a_hidden_copy_of_the_whole_story():
    copy = f"<div class='data-blob'><span>{' '.join(BODY)}</span><span>500</span></div>"
    page = html_page().replace("</article>", copy + "</article>")
    article = clean(Page(page_id="c", html=page))
    assert article.text == "\n".join(BODY)


# ---------------------------------------------------------------- inputs that must not crash


def test_broken_markup_still_gives_the_story():
    broken = ("<html><body><div><p>" + "<p>".join(BODY) +
              "<div><span><b>unclosed <i>tags <table><tr><td>cell")
    article = clean(Page(page_id="b", html=broken))
    assert article.text.startswith("IDLIB, Syria (AP) — ")
    assert "There was no immediate comment from the government in Damascus." in article.text


@pytest.mark.parametrize("html", [
    "<html><head><title>Nothing</title></head><body></body></html>",
    "<html><body><script>var a = 1; for (;;) {}</script><style>p {color: red}</style></body></html>",
    "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
    "<<<>>><//p>",
])
def test_pages_without_a_body_are_refused_with_a_reason(html):
    with pytest.raises(BadInput):
        clean(Page(page_id="e", html=html))


def test_empty_and_binary_pages_are_refused():
    with pytest.raises(BadInput):
        clean(Page(page_id="e", text="   \n  "))
    with pytest.raises(BadInput):
        clean(Page(page_id="e", html="\x00\x01\x02" * 5000))


def test_a_50_mb_page_is_cleaned():
    filler = "<div class='row'><a href='/x'>Link</a> <span>menu item</span></div>\n"
    repeats = 50 * 2**20 // len(filler)
    html = ("<html><body><nav>" + filler * (repeats // 2) + "</nav><article>" +
            BODY_HTML + "</article><footer>" + filler * (repeats // 2) +
            "</footer></body></html>")
    assert len(html) >= 50 * 10**6
    # how long it takes is measured by bench/nesting.py, not asserted here
    article = clean(Page(page_id="big", html=html))
    assert article.text == "\n".join(BODY)


def test_a_50_mb_text_page_does_not_crash():
    menu = [f"* Section {i} | Home | World | Video | Opinion" for i in range(1000)]
    lines = menu * (50 * 2**20 // sum(len(m) + 1 for m in menu))
    text = "\n".join(lines[: len(lines) // 2] + BODY + lines[len(lines) // 2:])
    assert len(text) >= 50 * 10**6
    article = cleaned_text(text)
    assert article.text == "\n".join(BODY)


@pytest.mark.parametrize("tag", ["div", "b", "span", "div/"])  # "<div/>" does not close itself in HTML
def test_a_page_nested_tens_of_thousands_deep_is_refused_with_a_reason(tag):
    html = f"<html><body>{f'<{tag}>' * 100_000}{BODY_HTML}{f'</{tag}>' * 100_000}</body></html>"
    # refused before it is parsed (parsing it would take ~25 s, growing as depth squared): the time
    # saved is measured by bench/nesting.py, not asserted here
    with pytest.raises(BadInput, match=r"nested over 5,000 elements deep"):
        clean(Page(page_id="deep", html=html))


def test_deep_but_real_nesting_stray_end_tags_and_many_short_elements_still_clean():
    deep = f"<html><body>{'<div>' * 2000}<article>{BODY_HTML}</article>{'</div>' * 2000}</body></html>"
    assert clean(Page(page_id="d", html=deep)).text == "\n".join(BODY)
    # many thousands of elements, each closed (or never needing a close), are not deep
    flat = ("<html><body><nav>" + "<div><a href='/x'>Link</a><br><img src='i.png'></div>" * 20_000 +
            "</nav><article>" + BODY_HTML + "</article>" + "</span></b>" * 20_000 + "</body></html>")
    assert clean(Page(page_id="f", html=flat)).text == "\n".join(BODY)
    unclosed_paragraphs = "<html><body><article>" + "".join(f"<p>{p}" for p in BODY) * 1000
    assert clean(Page(page_id="p", html=unclosed_paragraphs)).text.startswith(BODY[0])
    # icons drawn with many self-closing SVG shapes
    icons = ("<html><body><header>" + "<svg viewBox='0 0 9 9'>" + "<path d='M0 0h9'/>" * 20_000 + "</svg>" +
             "</header><article>" + BODY_HTML + "</article></body></html>")
    assert clean(Page(page_id="s", html=icons)).text == "\n".join(BODY)
    # a broken tag list of links never closed: the parser closes each <a> at the next one
    unclosed_links = ("<html><body><article>" + BODY_HTML + "</article><footer>" +
                      "<a href='/tag'>tag " * 20_000 + "</footer></body></html>")
    assert clean(Page(page_id="a", html=unclosed_links)).text == "\n".join(BODY)


def test_wrong_declared_encoding_does_not_break_the_page(tmp_path):
    french = "Le ministère a confirmé les décès à Alep, où les frappes ont repris mercredi."
    body = "<p>" + "</p><p>".join(BODY + [french]) + "</p>"
    # UTF-8 bytes under a page that declares windows-1251: read as UTF-8
    utf8 = tmp_path / "utf8.html"
    utf8.write_bytes(('<html><head><meta charset="windows-1251"></head><body>' + body +
                      "</body></html>").encode("utf-8"))
    # windows-1252 bytes under a page that declares UTF-8: decoded by detection, never a crash
    latin = tmp_path / "latin.html"
    latin.write_bytes(('<html><head><meta charset="utf-8"></head><body>' + body +
                       "</body></html>").encode("cp1252"))
    articles = []
    for path in (utf8, latin):
        pages = list(read_pages([str(path)]))
        assert len(pages) == 1 and not isinstance(pages[0], Skipped), pages
        articles.append(clean(pages[0]))
    assert articles[0].text == "\n".join(BODY + [french])
    assert articles[0].dateline == "IDLIB, Syria"
    assert articles[1].text.split("\n")[1:-1] == BODY[1:]
    assert "\ufffd" not in articles[1].text


def test_a_western_page_misdeclared_as_utf8_reads_as_windows_1252(tmp_path):
    french = "Le ministère a confirmé les décès à Alep, où les frappes ont repris mercredi."
    page = tmp_path / "latin.html"
    page.write_bytes(('<html><head><meta charset="utf-8"></head><body><p>' + "</p><p>".join(BODY + [french]) +
                      "</p></body></html>").encode("cp1252"))
    (read,) = read_pages([str(page)])
    assert french in clean(read).text


def test_a_tag_list_run_into_flattened_text_is_set_aside():
    """A page flattened to one line keeps its tag list between the standfirst and the story; the list
    is no part of either, and a story that resumes on a sentence is its own paragraph again."""
    text = ("Shelling on the old market killed four traders, medics said. Tags Yemen Taiz Houthis shelling "
            "market Four traders were killed on Tuesday when shells hit the old market in Taiz, medics said. "
            "The Houthis denied firing at the market.")
    split = split_text(text)
    assert split.body == ["Shelling on the old market killed four traders, medics said.",
                          "Four traders were killed on Tuesday when shells hit the old market in Taiz, medics "
                          "said. The Houthis denied firing at the market."]
    assert "Tags Yemen Taiz Houthis shelling market" in split.removed


def test_a_tag_list_that_reads_on_into_a_sentence_is_left_alone():
    """Where the list ends cannot be told ("... Houthis Government jets bombed ..."): nothing is cut, so
    no sentence of the story is lost."""
    text = ("Jets bombed the port, residents said. Tags Yemen Hodeidah Houthis Government jets bombed the "
            "port of Hodeidah on Friday killing three dock workers, residents said.")
    assert split_text(text).body == [text]


def test_tags_related_headlines_and_a_counter_at_a_pages_end_are_not_body():
    text = ("Two soldiers were killed when a roadside bomb hit their patrol near Gao on Monday, the army said. "
            "The army blamed jihadists. ... 27 Related Army Convoy Ambushed Near Gao Three Killed in Mopti "
            "Market Blast Tags Mali Gao roadside bomb Community standards Comment via Facebook")
    split = split_text(text)
    assert split.body == ["Two soldiers were killed when a roadside bomb hit their patrol near Gao on Monday, "
                          "the army said. The army blamed jihadists."]
    assert any(line.startswith("... 27 Related Army Convoy") for line in split.removed)


def test_tags_as_a_word_of_the_story_is_kept():
    text = ("Police said name tags were found on the bodies. Tags were also found at the second site, "
            "police said on Monday after the attack on the village.")
    assert split_text(text).body == [text]


def test_pages_that_made_the_rules_slow_or_overflowed_a_date_are_coded():
    """A page dated in year 1 with a weekday in it, a run of text with no sentence end, a line of one
    100,000-letter word (each took the rules a minute or more before): coded or refused, never a crash."""
    from warwatch.pipeline import code_page

    dated = code_page(Page(page_id="y1", text="Gunmen attacked a police post in the north on Sunday, killing two "
                                               "officers, the ministry said.", published=dt.date(1, 1, 1)))
    assert not isinstance(dated, Skipped)
    assert not isinstance(code_page(Page(page_id="run", text="killed " * 20_000)), Skipped)
    assert isinstance(code_page(Page(page_id="word", text="a" * 100_000)), Skipped)
