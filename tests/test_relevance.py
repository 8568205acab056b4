"""The relevance filter keeps conflict and protest reports and rejects ordinary news (texts we wrote)."""

from __future__ import annotations

from warwatch.models import Article, Page
from warwatch.relevance import assess, is_relevant

AIRSTRIKE = (
    "Airstrikes kill 14 civilians in Idlib, monitor says. "
    "BEIRUT - Airstrikes on a market in the rebel-held town of Maarat al-Numan killed at least 14 "
    "civilians, including three children, on Saturday, the Syrian Observatory for Human Rights said. "
    "The monitor said warplanes also shelled villages in the southern countryside, wounding dozens. "
    "Government forces and allied militias have pressed an offensive against militants in the province "
    "since last month, and the death toll was expected to rise.")

PROTEST = (
    "Police fire tear gas at protesters in Khartoum. "
    "KHARTOUM - Riot police fired tear gas and rubber bullets at thousands of demonstrators who marched "
    "on the presidential palace on Thursday, witnesses said. Protesters chanted slogans against the "
    "government and burned tyres; a doctors' committee said two protesters were killed and dozens "
    "injured in the clashes, the deadliest day of the protest movement so far.")

FOOTBALL = (
    "United edge City in derby thriller. "
    "A late header from the captain gave United a 2-1 win over City on Sunday. The visitors dominated "
    "possession and their attack looked sharp in the first half, but the home side defended deep and "
    "struck on the counter. The manager praised the fighting spirit of his young squad and said the "
    "club would strengthen its defence in the January transfer window. City remain top of the table.")

MARKETS = (
    "Stocks rally as inflation cools. "
    "Shares rose for a third day on Wednesday as new figures showed inflation easing to 2.4 percent, "
    "raising hopes that the central bank will cut rates in the spring. Technology stocks led the rally, "
    "while oil prices slipped on signs of weaker demand. Analysts warned that the gains could fade if "
    "wage growth stays strong, and the bond market remained cautious ahead of the budget.")

POLITICS = (
    "Senate passes farm bill after long debate. "
    "The Senate approved the farm bill on Tuesday by 68 votes to 31 after weeks of debate over crop "
    "insurance and food aid. The opposition attacked the cost of the subsidies but several of its "
    "members voted in favour. The bill now goes to the House, where the agriculture committee chair "
    "said she expected a vote before the recess. Farmers' groups welcomed the compromise.")


def test_conflict_and_protest_reports_pass():
    assert is_relevant(AIRSTRIKE)
    assert is_relevant(PROTEST)


def test_ordinary_news_is_rejected_even_with_borrowed_words():
    for text in (FOOTBALL, MARKETS, POLITICS):
        assert not is_relevant(text), assess(text)


def test_terms_match_whole_words_and_stems():
    assert assess("The skill of the crisis team was praised.").score == 0
    killings = assess("The killings continued.")
    assert killings.score > 0 and killings.terms == 1


def test_one_repeated_word_does_not_carry_a_page():
    assert assess("attack " * 200).score == assess("attack attack attack").score
    assert not is_relevant("attack " * 200)


def test_long_pages_need_density_not_just_a_few_hits():
    padded = POLITICS + " " + " ".join([MARKETS] * 30) + " Two soldiers were killed in a clash with rebels."
    reading = assess(padded)
    assert reading.score > 0 and not reading.relevant
    assert is_relevant(AIRSTRIKE + " " + POLITICS)


def test_pages_are_read_from_their_paragraphs_not_their_menus():
    menu = "".join(f"<li><a href='/s{i}'>Airstrike kills {i} rebels in clashes with militants</a></li>"
                   for i in range(40))
    paragraphs = "".join(f"<p>{s}.</p>" for s in MARKETS.split(". "))
    ordinary = Page("p1", html=f"<html><head><title>Markets</title></head><body><nav><ul>{menu}</ul></nav>"
                               f"<article>{paragraphs}</article></body></html>")
    assert not is_relevant(ordinary)
    story = "".join(f"<p>{s}.</p>" for s in AIRSTRIKE.split(". "))
    conflict = Page("p2", html=f"<html><body><nav><ul><li>Home</li></ul></nav><article>{story}</article>"
                               f"<script>var attack = 'killed wounded';</script></body></html>")
    assert is_relevant(conflict)


def test_a_page_without_paragraphs_is_read_from_its_body():
    page = Page("p3", html="<html><body><div>" + AIRSTRIKE + "</div><script>x=1</script></body></html>")
    assert is_relevant(page)


def test_text_pages_and_articles_are_read_with_their_titles():
    assert is_relevant(Page("p4", text=PROTEST))
    article = Article("a1", text=AIRSTRIKE, body_hash="h", title="Airstrikes kill 14")
    assert is_relevant(article)
    assert not is_relevant(Article("a2", text=FOOTBALL, body_hash="h2", title="Derby"))


def test_the_stream_filter_passes_relevant_pages_and_skips_and_counts_the_rest():
    from warwatch.models import Skipped
    from warwatch.relevance import RelevanceFilter

    keep = RelevanceFilter()
    items = [Page("a", text=AIRSTRIKE), Page("b", text=FOOTBALL), Skipped("c", "empty input"),
             Page("d", text=MARKETS), Page("e", text=PROTEST)]
    passed = list(keep(items))
    assert [getattr(i, "page_id", None) or i.where for i in passed] == ["a", "c", "e"]
    assert keep.rejected == 2


def _story_html(text: str, title: str) -> str:
    story = "".join(f"<p>{s}.</p>" for s in text.split(". "))
    return (f"<html><head><title>{title}</title><style>p {{ color: red }}</style></head><body>"
            f"<nav><a href='/'>Home</a></nav><article>{story}</article></body></html>")


def test_html_is_read_from_raw_bytes_as_from_the_decoded_page():
    from warwatch.relevance import html_text

    page = _story_html(AIRSTRIKE.replace("BEIRUT - ", "BEIRUT &ndash; "), "Airstrikes &amp; shelling")
    text = html_text(page.encode("utf-8"))
    assert text == html_text(page)
    assert text.startswith("Airstrikes & shelling \n ")
    assert "BEIRUT \u2013 Airstrikes" in text and "color" not in text and "Home" not in text
    assert assess(text) == assess(Page("p", html=page))


def test_paragraph_text_keeps_inline_markup_and_stops_at_the_next_block():
    from warwatch.relevance import MIN_PARAGRAPH_CHARS, html_text

    filler = "Word " * (MIN_PARAGRAPH_CHARS // 5)
    html = ("<body><p class='lead'>Rebels <a href='/x'>shelled</a> the <b>town</b>.<div>Related: "
            f"football</div><p>Second <span>paragraph</span></p><param name='x'><pre>code</pre><P>{filler}</body>")
    text = html_text(html.encode())
    assert " ".join(text.split()) == "Rebels shelled the town . Second paragraph " + filler.strip()


def test_a_page_laid_out_without_paragraphs_is_read_whole_but_its_scripts():
    from warwatch.relevance import html_text

    html = ("<html><head><title>T</title><script>var killed = 1;</script></head><body><div>" + AIRSTRIKE
            + "</div><script type='text/javascript'>if (a < b) { rebels(); }</script><svg><text>x</text>"
              "</svg><style>div{}</style>")
    text = html_text(html.encode())
    assert "Maarat al-Numan" in text
    assert "var killed" not in text and "rebels()" not in text and "div{}" not in text
    assert is_relevant(Page("p", html=html))


def test_undecodable_bytes_do_not_stop_the_filter():
    keep_bytes = _story_html(PROTEST, "Protest").encode("utf-8").replace(b"Thursday", b"Thursday\xff\xfe")
    from warwatch.relevance import RelevanceFilter

    assert RelevanceFilter().keeps_html(keep_bytes)
    assert RelevanceFilter().keeps_html(b"\x00\x01\x02" * 1000) is False
    assert RelevanceFilter().keeps_html(_story_html(PROTEST, "Protest").encode("utf-16"))


def test_ingest_judges_pages_as_it_reads_them_and_counts_the_rejected(tmp_path):
    import gzip
    import json

    from warwatch.ingest import IngestOptions, read_pages
    from warwatch.relevance import RelevanceFilter

    (tmp_path / "a-conflict.html.gz").write_bytes(gzip.compress(_story_html(AIRSTRIKE, "Airstrikes").encode()))
    (tmp_path / "b-markets.html").write_text(_story_html(MARKETS, "Markets"), encoding="cp1252")
    (tmp_path / "c-protest.txt").write_text(PROTEST)
    (tmp_path / "d-football.txt").write_text(FOOTBALL)
    (tmp_path / "e-mixed.jsonl").write_text(
        json.dumps({"id": "j1", "text": POLITICS}) + "\n" + json.dumps({"id": "j2", "html": _story_html(PROTEST, "P")})
        + "\nnot json\n")
    (tmp_path / "f-empty.html").write_bytes(b"")
    options = IngestOptions(relevance=RelevanceFilter())
    items = list(read_pages([str(tmp_path)], options))
    kept = [getattr(i, "page_id", None) or getattr(i, "path", None) for i in items if isinstance(i, Page)]
    skipped = [i.where for i in items if not isinstance(i, Page)]
    assert len(kept) == 3 and "j2" in kept
    assert [p.path for p in items if isinstance(p, Page) and p.path] == [str(tmp_path / "a-conflict.html.gz"),
                                                                          str(tmp_path / "c-protest.txt")]
    assert skipped == [f"{tmp_path / 'e-mixed.jsonl'}:3"]  # a bad line is still reported, not judged
    # markets, football, politics and the empty page (no text to judge) are counted as rejected
    assert options.relevance.rejected == 4
    everything = list(read_pages([str(tmp_path)], IngestOptions()))
    assert sum(isinstance(i, Page) for i in everything) == 6
