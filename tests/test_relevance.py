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
