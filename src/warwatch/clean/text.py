"""The boilerplate model for plain text: one block per line, as scraped text comes.

Each line gets a score from its own features (length, closing punctuation, function-word
density in eight languages, bullets and separators, boilerplate phrases: share, read more,
newsletter, cookie, login, tags, copyright, comment widgets, navigation) and the body is the
contiguous run of lines with the highest total score (a maximum-sum segment), so navigation menus
before the story and related-article lists, blurbs and comment widgets after it fall away even
when one of their lines looks like prose. The page's context adjusts the scores first:
- lines repeated on the page (menus, teasers, the headline in a "trending" list) are boilerplate;
- a date standing alone, or a comment head ("12. joe says:", "34 responses to ..."), costs so
  much that the story is not carried across it; once two comment heads appear, what follows
  them is no story;
- the headline (the line that best matches the URL's slug, or the title given with the page)
  anchors the story: it is not body, nothing above it is, and the first paragraph after it
  (after the standfirst, byline and date) gets a bonus; dated items after the story has been
  told are comments or teasers of other stories.
Within the body, strong boilerplate lines, photo captions and runs of three or more non-prose
lines (menus, tag lists, headline lists) are lifted out, unless a line ending with a colon
announces the list; short lines between body paragraphs (sub-headings, one-line quotes) stay.
In whole-body mode (text already cut down to the story by the HTML extractor) no segment is
chosen: boilerplate lines, copies of the story (a long line made of its paragraphs) and the
non-prose lines at either edge are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from warwatch.clean.meta import split_caption
from warwatch.prefilter import Folded

# Lines that are nothing but a widget, a menu entry or a prompt (with punctuation around).
_WIDGET = re.compile(
    r"""^[\W_]*(?:
      share(?:\s+(?:this|on|via|the|article|story|post|page|link|to))*|shares?|tweet|pin(?:\s+it)?|e-?mail
    | print(?:\s+this)?(?:\s+(?:article|page|story))?|whatsapp|facebook|twitter|linkedin|reddit|telegram|x|copy\s+link
    | flipboard|messenger|sms|pinterest|tumblr|vk|save|bookmark|like|follow|reply|report|embed
    | read\s+(?:more|next|also|full\s+(?:article|story))|continue\s+reading|see\s+(?:also|more)|more|show\s+more|load\s+more
    | related(?:\s+(?:articles?|stories|posts?|news|content|coverage|topics|links|reading|videos?))?
    | more\s+(?:from|on|in|stories|news|articles|like\s+this|about)(?:\s+\S+){0,4}
    | recommended(?:\s+(?:for\s+you|stories|articles|reading))?|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in|enjoy)
    | most\s+(?:popular|read|viewed|shared|commented|recent)|trending(?:\s+now|\s+stories|\s+news)?|top\s+stories
    | latest(?:\s+(?:news|stories|posts|videos|headlines))?|editor'?s?\s+picks?|popular(?:\s+(?:now|posts|stories))?|don'?t\s+miss
    | subscribe(?:\s+now|\s+today|\s+here)?|sign\s+up(?:\s+now)?|newsletters?|get\s+the\s+app|download\s+(?:the|our)\s+app
    | log\s*in|login|log\s*out|sign\s*in|sign\s*out|register|my\s+account|create\s+(?:an\s+)?account|forgot(?:ten)?\s+(?:your\s+)?password\??
    | (?:your\s+)?(?:username|user\s*name|password|e-?mail(?:\s+address)?)|remember\s+me|lost\s+your\s+password\??
    | comments?(?:\s*\(\d+\))?|\d+\s+comments?|no\s+comments(?:\s+yet)?|leave\s+a\s+(?:comment|reply)|post\s+(?:a\s+)?comment
    | add\s+(?:a\s+)?comment|view\s+comments|show\s+comments|join\s+the\s+(?:discussion|conversation)|be\s+the\s+first\s+to\s+comment
    | advertisements?|advertising|advert|ad|sponsored(?:\s+content)?|promoted(?:\s+(?:content|stories))?|story\s+continues\s+below
    | scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?|article\s+continues\s+below(?:\s+this\s+ad)?|continue\s+below
    | tags?|tagged|filed\s+under|topics?|categor(?:y|ies)|posted\s+in|keywords?|labels?
    | about(?:\s+us)?|about\s+the\s+authors?|contact(?:\s+us)?|home(?:page)?|menu|search|close|open|skip\s+to(?:\s+main)?\s+content|back\s+to\s+top|go\s+to\s+top|top
    | follow\s+us(?:\s+on\s+\S+)?|like\s+us\s+on\s+facebook|connect\s+with\s+us|stay\s+connected|find\s+us\s+on\s+\S+
    | privacy(?:\s+policy)?|cookie\s+policy|cookies?(?:\s+settings)?|terms(?:\s+(?:of\s+(?:use|service)|and\s+conditions|&\s+conditions))?|sitemap|rss(?:\s+feeds?)?
    | accept(?:\s+(?:all|cookies))?|agree|i\s+agree|ok|got\s+it|dismiss|no,?\s+thanks|manage\s+(?:preferences|settings|cookies)
    | careers?|jobs|advertise(?:\s+with\s+us)?|feedback|faq|help|archives?|video|videos|photos?|gallery|podcasts?|live(?:\s+tv)?|watch(?:\s+live)?
    | listen(?:\s+to\s+(?:this\s+)?(?:article|story))?|play(?:\s+video)?|loading|image|click\s+(?:here|to\s+\S+(?:\s+\S+){0,3})
    | (?:image|photo|picture|slide|foto)\s+\d+\s+(?:of|/)\s+\d+|\d+\s*/\s*\d+
    | previous(?:\s+(?:article|post|story))?|next(?:\s+(?:article|post|story))?|prev|older\s+posts|newer\s+posts|page\s+\d+(?:\s+of\s+\d+)?
    | \d+\s*(?:min(?:ute)?s?|sec)\s+read|reading\s+time.*|updated|published|posted|by|source|via|credit|more\s+videos
    )[\W_]*$""",
    re.I | re.X,
)

# Phrases that mark a short line as boilerplate wherever they sit in it; tried only where one of
# their 4-character keys occurs (prefilter.Folded: 0.14 ms on the short lines of a news page, where
# the search takes 1.28).
_PROMPT = re.compile(
    r"""all\s+rights\s+reserved|©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}|\bcopyright\b.*\b(?:inc|ltd|llc|group|media|news)\b
    | we\s+use\s+cookies|this\s+(?:web)?site\s+uses\s+cookies|by\s+(?:continuing|using)\s+(?:to\s+(?:use|browse)\s+)?(?:this|our)\s+(?:web)?site
    | accept\s+(?:the\s+)?(?:use\s+of\s+)?cookies|cookie\s+(?:policy|settings|preferences|consent)|privacy\s+policy|terms\s+of\s+(?:use|service)
    | subscribe\s+(?:to|for|now|today)|sign\s+up\s+(?:for|to|now|here)|newsletter|delivered\s+(?:straight\s+)?to\s+your\s+inbox|in\s+your\s+inbox
    | get\s+(?:the\s+)?(?:latest|best|top)\s+(?:news|stories|headlines|updates)|join\s+our\s+(?:mailing\s+list|community|newsletter)
    | read\s+more\s*(?:\.\.\.|…|»|>|›)|(?:\.\.\.|…)\s*read\s+more|read\s+more\s*$|continue\s+reading|click\s+here|tap\s+here
    | follow\s+us\s+on|like\s+us\s+on|find\s+us\s+on|share\s+(?:this|on)\s+(?:article|story|facebook|twitter)|share\s+this
    | log\s*in\s+to|sign\s+in\s+to|to\s+(?:post|leave)\s+a\s+comment|comments?\s+(?:are|have\s+been)\s+closed|comment\s+policy
    | you\s+must\s+be\s+logged\s+in|already\s+(?:a\s+subscriber|have\s+an\s+account|registered)|create\s+(?:a\s+)?free\s+account
    | download\s+(?:the|our)\s+(?:free\s+)?app|get\s+the\s+app|available\s+on\s+the\s+app\s+store|on\s+google\s+play
    | disable\s+(?:your\s+)?ad\s*-?\s*blocker|turn\s+off\s+(?:your\s+)?ad\s*-?\s*blocker|whitelist\s+(?:us|our\s+site)
    | (?:you\s+(?:may|might)\s+also\s+like|recommended\s+for\s+you|more\s+stories\s+from|trending\s+now)
    | support\s+(?:our|independent)\s+journalism|become\s+a\s+(?:member|subscriber|patron)|donate\s+(?:now|today)
    | this\s+(?:article|story|content)\s+(?:was|is|has\s+been)\s+(?:originally\s+)?(?:published|produced|made\s+possible)\s+(?:by|in\s+partnership)
    | (?:detected|using|outdated|unsupported)\s+.{0,30}(?:browser|internet\s+explorer)|for\s+your\s+personal,?\s+non-?commercial\s+use
    | (?:enable|turn\s+on)\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required)
    | your\s+e-?mail\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked|save\s+my\s+name,?\s+e-?mail
    | notify\s+me\s+of\s+(?:new|follow-?up)\s+(?:comments|posts)|community\s+(?:standards|guidelines)|by\s+submitting\s+this\s+form
    | report\s+(?:a\s+)?(?:typo|an?\s+error|abuse)|send\s+us\s+(?:a\s+)?(?:tip|correction)|have\s+a\s+(?:news\s+)?tip
    """,
    re.I | re.X,
)
_PROMPT = Folded(_PROMPT, length=4)  # 3-character keys ("in ", "by ") stand at most places of a line

# An author's bio or a publisher's blurb: "Dana Reed is a freelance writer living in Ohio.",
# "Ascom is a global solutions provider focused on ...".
_BIO = re.compile(
    r"^[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|\([A-Z]{2,8}\)|of|de|van|von|al)){0,5}\s+is\s+(?:an?|the)\s+"
    r"(?:[\w-]+,?\s+){0,6}?(?:writer|reporter|journalist|correspondent|columnist|contributor|editor|author|"
    r"blogger|news\s+(?:organi[sz]ation|agency|website|outlet|service)|media\s+(?:group|company|organi[sz]ation)|"
    r"publisher|solutions\s+provider|(?:technology|software|media|holding)\s+company)\b"
)
# Lines after which the story is over when they stand alone (tags, related lists, about us, ...).
_END = re.compile(
    r"""^[\W_]*(?:tags?|tagged(?:\s+with)?|filed\s+under|topics?|related(?:\s+\w+){0,2}|read\s+next|more\s+(?:from|on|stories|news)(?:\s+\S+){0,4}
    | about(?:\s+us)?|about\s+the\s+authors?|comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+(?:comment|reply)|post\s+(?:a\s+)?comment
    | you\s+(?:may|might)\s+also\s+like|recommended(?:\s+\w+){0,2}|most\s+(?:popular|read|viewed)
    | trending(?:\s+\w+)?|latest\s+(?:news|stories)|top\s+stories|footer|join\s+the\s+(?:discussion|conversation)|related\s+tags
    )[\W_]*$""",
    re.I | re.X,
)

_DROP_CAP = re.compile(r"^([B-HJ-NP-Z]) ([a-z]{2,})")  # "T he Davis Cup": a drop cap set apart
_BULLET = re.compile(r"^(?:[*+•·◦▪►▶»›|>\-–]|o(?=\s)|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"""[.!?:;…。！？]['"”’»)\]]*\s*$|[」』]\s*$""")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
# A sentence ending inside a line: a stop, then a capital (or a digit) opening the next one.
_INNER_END = re.compile(r"[a-z0-9][.!?][\"'”’)]?\s+[A-Z0-9]")
_SEPARATORS = re.compile(r"\s[|/•·»›>]\s|\s-\s.*\s-\s")
_TIMESTAMP = re.compile(
    r"^(?:updated|published|posted|last\s+updated|first\s+published)?\s*:?\s*"
    r"(?:\w+,?\s+)?(?:\d{1,2}\s+\w+\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\w{2,4})?)?\W*$",
    re.I,
)
_CODE_LIKE = re.compile(r"^\S*(?:://|\d{4}-\d{2}-\d{2}T\d)\S*$|^[\w.-]+@[\w.-]+$")  # URLs, ISO stamps, e-mails
_BYLINE_LINE = re.compile(r"^by\s+\S+(?:\s+\S+){0,3}(?:\s+(?:on|\||-|–|—)\s+.{0,40})?$", re.I)
_AGO = re.compile(r"^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
                  r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\W*$", re.I)
# "Updated at 1:23 p.m.": a time stamp with no date
_TIME_STAMP = re.compile(r"^(?:last\s+)?(?:updated|published|posted|modified)\s*(?:at|:|on)?\s*\d{1,2}[:.]\d{2}"
                         r"(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\W*$", re.I)
# "Tags: Syria, Idlib, ...", "Filed Under: ...": a tag list on one line ends the story
_TAG_LINE = re.compile(r"^(?:tags|tagged(?:\s+with)?|filed\s+under|topics|related\s+topics|keywords)\s*:?\s+\S", re.I)
# The head of a reader's comment: "12. joe_b says:", "Ann on May 2, 2019 at 4:47 pm said:",
# "34 responses to “...”": after the first of these the story is over.
_COMMENT_HEAD = re.compile(
    r"^(?:\d{1,4}[.)]\s+\S.{0,60}\s(?:says|said|wrote|writes)\s*:"
    r"|.{1,80}\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:says|said|wrote|writes)\s*:"
    r"|\d+\s+(?:responses?|comments?|replies|reactions?|thoughts)\s+(?:to|on)\s+\W?.{1,200})\s*$",
    re.I,
)
# A teaser cut short: "Windows 10 is now available via Windows 10 Update Ass..."
_TRUNCATED = re.compile(r"\w(?:\.\.\.|…)\s*$")

# English function words: prose has many, menus and headline lists few.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for from by with and or but as is are was were be been has have had it its "
    "that this these those which who whom whose said says will would could should may might not no than "
    "then there their they he she his her we our you your i after before into over under about against "
    "while when where also more most some such only other".split()
    # the commonest of French, Spanish, Portuguese, Italian, German, Dutch and Indonesian
    + "le la les des du un une et est que qui dans pour pas sur au aux avec ce il elle sont "
    "el los las del y en por con para una su al lo como pero sus se es o "
    "da do das dos em um uma na no nos os e é com não mais mas ao pela pelo "
    "il di che per non della delle nel gli ed è "
    "der die das und ist nicht mit den dem ein eine auf für von zu im sich auch "
    "het een van en is op te dat niet met voor zijn "
    "yang dan di ke dari ini itu dengan untuk tidak pada adalah akan".split()
)


GAP_STEP = 1.0  # extra cost of each further line in a run of non-prose lines
MAX_CAPTION_CHARS = 3000  # no caption is longer (the caption search is slow on a long line of one word)
END_COST = 60.0  # a line after which the story is over (tags, related, comments)
STAMP_COST = 60.0  # a date line alone parts the story from what follows it
ANCHOR_BONUS = 40.0  # for the first paragraph after a line that repeats the headline
TOLD = 150.0  # the score of a story told, after which dated items are comments or teasers
HEADLINE_COST = 60.0  # the story does not reach back over its headline
ANCHOR_REACH = 12  # how many lines after the headline the story may start
ANCHOR_SHARE = 0.6  # share of the URL slug's words a headline line holds
LIST_ITEM_FLOOR = 8.0  # a line scoring this low is no list item
PROSE_WORDS = 40  # a line this long is prose even without a full stop (no headline is)
HEADLINE_WORDS = 16
COPY_PREFIX = 50  # characters two lines share at their start when one copies the other
COPY_SHARE = 0.8  # share of a long line made of the story's paragraphs when it copies them
LIST_RUN = 3  # this many non-prose lines in a row at the end of a story are a list, not widgets


@dataclass(slots=True)
class Line:
    """One block of text with what the model decided about it."""

    text: str
    score: float = 0.0
    boiler: bool = False  # a widget, a prompt or a menu entry: never body
    end: bool = False  # a line after which the story is over
    caption: tuple[str, str | None] | None = None  # (caption, credit) when it is a photo caption


# The ASCII characters _LETTER does not match (all but a-z and A-Z).
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _letters(text: str) -> int:
    """len(_LETTER.findall(text)): the ASCII letters counted at C speed, and only the other
    characters (curly quotes, dashes, accented letters: a few in a line) searched."""
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    if text.isascii():
        return ascii_letters
    return ascii_letters + len(_LETTER.findall("".join(_NON_ASCII.findall(text))))


# A tag list run into the text of a flattened page ("... on both sides. Tags Syria Aleppo regime
# forces At least 70 fighters were killed ..."): "Tags" opens it (never "Tags were found ...").
_INLINE_TAGS = re.compile(r"(?:^|(?<= ))Tags:? (?!(?:are|were|is|was|have|had|will|would|can|could|may|might|"
                          r"on|of|in|at|with|from|for|to|and|or|the|a|an|that|which|who)\b)(?=[\w\[(])")
# Where the story resumes after a tag list: a sentence end, or a word that opens a news sentence (a
# tag is a name or a noun: "Tags Madaya Syria hunger siege women Hizbollah Three women from ...").
_RESUMES = re.compile(
    r"(?<=[.!?]) (?=[A-Z0-9\"“])|(?<= )(?=(?:The|A|An|At least|More than|Almost|Nearly|Some|Dozens|Hundreds|"
    r"Thousands|Scores|Several|Many|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|"
    r"Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|"
    r"Ninety|\d+) )")
_TAG_WORDS = 40  # a longer run is no tag list
# Words of a sentence, never of a tag: a run holding one reads on into the story ("Tags Syria Idlib
# Government air raids in a northwestern town ... killed at least 27 people").
_NOT_TAG_WORDS = frozenset(
    "a an in into on at to by and or that which who was were is are has have had been be said say says "
    "killed killing struck hit pounded bombed launched targeted wounded injured after as when while with "
    "from near amid".split())
_ANY_END = re.compile(r"[.!?](?: |$)")
# What comes before such a list at a page's end: a counter ("... 43"), a topic ("Topic Violence Erupts
# as Islamic State Rises (1881)"), a list of related headlines ("Related Kobani in Ruins After ...").
_NOT_END = r"(?:[^.!?]|\.(?=\d))*"  # no sentence end ("2.5 Tons" has none)
_COUNTER = r"(?:(?:^|\s)\.\.\.(?:\s*\d+)*)"
_RELATED_TAIL = re.compile(rf"{_COUNTER}?\s*(?:(?:\bTopic\s{_NOT_END}?)?\bRelated|\bTopic)\s{_NOT_END}$|{_COUNTER}$")


def inline_tags(line: str) -> tuple[str, str, str] | None:
    """A tag list run into a line, as (before, the list, after); None when the line has none or
    where the list ends cannot be told. The list runs to the line's end when no sentence follows
    it ("... Tags airstrikes Syria Community standards Comment via Facebook")."""
    found = _INLINE_TAGS.search(line)
    if found is None:
        return None
    start = found.end()
    rest = line[start:]
    if len(rest.split()) <= _TAG_WORDS and _ANY_END.search(rest) is None:
        before = line[:found.start()].rstrip()
        related = _RELATED_TAIL.search(before)
        cut = related.start() if related is not None else len(before)
        return before[:cut].rstrip(), line[cut:].strip(), ""
    resumes = _RESUMES.search(rest)
    words = rest[:resumes.start()].split() if resumes is not None else []
    if not words or len(words) > _TAG_WORDS or not _NOT_TAG_WORDS.isdisjoint(words):
        return None
    end = start + resumes.start()
    return line[:found.start()].rstrip(), line[found.start():end].rstrip(), line[end:].lstrip()


def fold(text: str) -> list[str]:
    """The non-empty lines of a text, whitespace folded within each line."""
    lines = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line:
            lines.append(line)
    return lines


def score_line(text: str) -> Line:
    """The line's own evidence for being body text (positive) or boilerplate (negative)."""
    line = Line(text)
    bare = _BULLET.sub("", text)
    bulleted = bare is not text and len(bare) != len(text)
    words = _WORD.findall(bare)
    n = len(words)
    wide = 0 if bare.isascii() else len(_CJK.findall(bare))
    if wide:
        n += wide // 2  # scripts written without spaces: about two characters a word
    if n == 0:
        line.score, line.boiler = -1.0, True
        return line
    stamp = _AGO.match(bare) or _TIME_STAMP.match(bare) or (n <= 12 and _TIMESTAMP.match(bare))
    if stamp or _COMMENT_HEAD.match(bare):
        # a date standing alone: the story's own date sits above the story, so inside the
        # text it starts a teaser, a comment or the next story
        line.boiler = True
        line.end = not stamp
        line.score = -4.0 - (END_COST if line.end else STAMP_COST)
        return line
    if n <= 40 and _TAG_LINE.match(bare):
        line.boiler = line.end = True
        line.score = -4.0 - END_COST
        return line
    if _WIDGET.match(bare) or _CODE_LIKE.match(bare) or _BYLINE_LINE.match(bare):
        line.boiler = True
        line.end = bool(_END.match(bare))
        line.score = -4.0 - (END_COST if line.end else 0.0)
        return line
    if n <= 40 and _PROMPT.search(bare) or n <= 80 and _BIO.match(bare):
        line.boiler = True
        line.score = -6.0 - min(n, 20)
        return line
    if n >= 2 * PROSE_WORDS and len(_INNER_END.findall(bare)) >= 3 or len(bare) > MAX_CAPTION_CHARS:
        caption = None  # a whole story on one line that mentions a photo is still the story
    else:
        caption = split_caption(bare)  # a slow search on a long line: only where it can count
    if caption is not None:
        line.caption = caption
        return line
    letters = _letters(bare)
    if letters < 0.5 * len(bare.replace(" ", "")):
        line.score = -2.0 - 0.2 * n  # mostly digits and symbols: scores, tables, timestamps
        return line
    ends = bool(_SENTENCE_END.search(bare))
    if not ends and n >= PROSE_WORDS and len(_INNER_END.findall(bare)) >= 2:
        ends = True  # a story scraped onto one line whose last sentence lost its stop (or trails a widget)
    lowered = [w.lower() for w in words]
    function = sum(1 for w in lowered if w in _FUNCTION_WORDS)
    separators = len(_SEPARATORS.findall(bare))
    if separators >= 2 and (separators * 12 >= n or not ends):
        line.score = -0.5 * n
        return line
    if n <= 30 and _TRUNCATED.search(bare):
        line.score = -0.3 * n - 1.0  # a teaser cut short
        return line
    if bulleted and not ends and n < PROSE_WORDS:
        line.score = -0.3 * n - 1.0  # menu entries, related headlines
    elif n >= 8 and (ends or function >= 0.2 * n or len(words) >= PROSE_WORDS):
        line.score = min(n, 80) * (1.0 if ends else 0.5) * (0.5 if bulleted else 1.0)
    elif ends and n >= 3:
        line.score = 1.0
    elif n >= 8:
        line.score = -0.3 * n  # a long line that reads like a headline: related lists, teasers
    else:
        line.score = -2.0 if n <= 2 else -1.5
    return line


def _closes_list(lines: list[Line], start: int, end: int) -> bool:
    """Whether the lines before `end` are a run of at least three list items (not widgets)."""
    run = 0
    for line in reversed(lines[start:end]):
        if line.boiler or line.caption is not None or line.score > 0:
            break
        run += 1
    return run >= LIST_RUN and end - run > start


def _is_stamp(line: Line) -> bool:
    """A date standing alone on its line."""
    return line.boiler and not line.end and line.score <= -STAMP_COST


def _drop_copies(lines: list[Line]) -> None:
    """Mark as boilerplate a line that copies a stretch of the story from one of its paragraphs
    on (a hidden copy of the whole text in a data block or a share widget)."""
    first: dict[str, int] = {}
    for i, line in enumerate(lines):
        if len(line.text) < COPY_PREFIX:
            continue
        key = line.text[:COPY_PREFIX]
        known = first.get(key)
        if known is None:
            first[key] = i
        elif len(line.text) > 2 * len(lines[known].text):
            # a copy when the paragraphs from the first occurrence on make up most of it
            covered = sum(len(earlier.text) for earlier in lines[known:i]
                          if len(earlier.text) >= 20 and earlier.text in line.text)
            if covered >= COPY_SHARE * len(line.text):
                line.score, line.boiler = -4.0, True


def _headline_like(text: str) -> bool:
    """A short line without closing punctuation: a headline in a list of them."""
    return not _SENTENCE_END.search(text) and len(_WORD.findall(text)) <= HEADLINE_WORDS


def _runs(lines: list[Line], start: int, end: int) -> list[int]:
    """Lines inside the story that belong to runs of non-prose lines (menus, tag lists)."""
    found: list[int] = []
    run: list[int] = []
    for i in range(start, end + 1):
        if i < end and lines[i].caption is None and (lines[i].score <= 0 or _headline_like(lines[i].text)):
            run.append(i)
            continue
        announced = bool(run) and run[0] > 0 and lines[run[0] - 1].text.endswith(":")
        if len(run) >= LIST_RUN and not announced:  # "The forbidden foods:" and its list stay
            found.extend(run)
        run = []
    return found


def _best_segment(scores: list[float]) -> tuple[int, int]:
    """The [start, end) run of lines with the highest total score (empty when none is positive).

    Each further line of a run of non-prose lines costs more than the one before, so a long
    menu, teaser list or comment header parts the story from what follows it, while a lone
    sub-heading between two paragraphs costs little.
    """
    best, best_start, best_end = 0.0, 0, 0
    total, start, run = 0.0, 0, 0
    for i, s in enumerate(scores):
        if s <= 0:
            run += 1
            s -= GAP_STEP * (run - 1)
        else:
            run = 0
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best_start, best_end


_SLUG_SPLIT = re.compile(r"[-_+.,]+|%20")
_NOT_SLUG = re.compile(r"^(?:\d+|[0-9a-f]{8,}|html?|php|aspx?|amp|index|story|article|news|www)$")


def _slug_words(url: str | None) -> list[str]:
    """The words of the URL's most descriptive path segment ("syria-offensive-begins")."""
    if not url:
        return []
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1].partition("/")[2]
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in _SLUG_SPLIT.split(segment.lower()) if len(w) > 1 and not _NOT_SLUG.match(w)]
        if len(words) > len(best):
            best = words
    return best if len(best) >= 3 else []


def _headlines(texts: list[str], url: str | None, title: str | None) -> list[int]:
    """Lines that repeat the story's headline: the title given with the page, or most of the
    words of the URL's slug in a short line."""
    slug = _slug_words(url)
    heading = " ".join(title.split()).lower() if title else ""
    found: list[int] = []
    best = 0.0
    for i, text in enumerate(texts):
        if len(text) > 250:
            continue
        lowered = text.lower()
        if heading and (lowered == heading or (len(lowered) > 15 and heading.startswith(lowered))):
            share = 2.0  # the title given with the page beats the slug
        elif slug:
            words = set(_WORD.findall(lowered))
            hits = sum(1 for w in slug if w in words)
            if hits < 3 or hits < ANCHOR_SHARE * len(slug) or hits < 0.35 * len(words):
                continue
            share = hits / len(slug)
        else:
            continue
        if share > best:
            found, best = [i], share
        elif share == best:
            found.append(i)
    return found


def _comments_start(lines: list[Line], texts: list[str]) -> int | None:
    """Where the readers' comments begin: the first of two or more comment heads."""
    heads = [i for i, text in enumerate(texts) if lines[i].end and _COMMENT_HEAD.match(_BULLET.sub("", text))]
    return heads[0] if len(heads) >= 2 else None


def _list_after(lines: list[Line], end: int) -> int:
    """The end of the list that a line ending with a colon announces (its items are short
    lines; links between them are dropped as boilerplate)."""
    i = end
    while i < len(lines):
        line = lines[i]
        if line.end or line.caption is not None or line.score > 0 or line.score <= -LIST_ITEM_FLOOR:
            break
        if line.boiler and not _CODE_LIKE.match(line.text):
            break
        i += 1
    while i > end and lines[i - 1].boiler:
        i -= 1
    return i


@dataclass(slots=True)
class Split:
    """A text parted into body lines, captions and removed lines, in the order they came."""

    body: list[str]
    captions: list[tuple[str, str | None]]
    removed: list[str]


def split_text(text: str, *, whole_body: bool = False, url: str | None = None,
               title: str | None = None) -> Split:
    """Part scraped text into body, captions and boilerplate with the line model.

    `whole_body` is for text already cut down to the story (HTML extraction): only boilerplate
    lines and the non-prose lines at either edge are dropped, no segment is chosen.
    """
    texts, tag_lists = [], []
    for line in fold(text):
        parts = inline_tags(line)
        if parts is None:
            texts.append(line)
        else:  # the tag list is set aside; the text before it and the story after it are lines of their own
            texts += [part for part in (parts[0], parts[2]) if part]
            tag_lists.append(parts[1])
    scored: dict[str, Line] = {}  # a line repeated on the page is scored once
    lines = []
    for t in texts:
        known = scored.get(t)
        if known is None:
            known = scored[t] = score_line(t)
        lines.append(Line(t, known.score, known.boiler, known.end, known.caption))
    if not whole_body:
        seen = Counter(texts)
        for line in lines:
            if seen[line.text] > 1 and line.score > -4.0:
                line.score, line.boiler = -4.0, True  # repeated on the page: a teaser, a menu, a headline
    if whole_body:
        _drop_copies(lines)
        start, end = 0, len(lines)
        if any(line.score > 0 for line in lines):
            while start < end and lines[start].score <= 0 and lines[start].caption is None:
                start += 1
            while end > start and lines[end - 1].score <= 0 and lines[end - 1].caption is None:
                if not lines[end - 1].boiler and _closes_list(lines, start, end):
                    break  # a list that ends the story (tour dates, results) is content
                end -= 1
    else:
        scores = [line.score for line in lines]
        for i in range(1, len(lines)):
            if _is_stamp(lines[i]) and _headline_like(texts[i - 1]):
                scores[i - 1] = min(scores[i - 1], -4.0)  # the title of a dated item
        cut = _comments_start(lines, texts)
        if cut is not None and any(s > 0 for s in scores[:cut]):
            scores[cut:] = [min(s, -1.0) for s in scores[cut:]]
        for h in _headlines(texts, url, title)[:1]:
            scores[h] = -HEADLINE_COST  # the headline is not body, and the story starts after it
            # the story follows its headline (a standfirst, a byline and a date may come
            # between them): its first paragraph gets the bonus
            target = None
            for i in range(h + 1, min(len(lines), h + 1 + ANCHOR_REACH)):
                if lines[i].end:
                    if target is not None:
                        break  # a related list or a tag list after the first paragraph
                    continue  # "Leave a comment" among the post's details
                if scores[i] <= -STAMP_COST:
                    target = None  # a date line: the story starts after it
                elif target is None and scores[i] >= 8.0 and lines[i].caption is None:
                    target = i
            if target is not None:
                scores[target] += ANCHOR_BONUS
                scores[:h] = [min(s, -1.0) for s in scores[:h]]  # teasers above the headline
                told = 0.0
                stamps = []
                for i in range(target, len(lines)):
                    if _is_stamp(lines[i]):
                        if told >= TOLD or stamps:
                            stamps.append(i)
                    elif scores[i] > 0 and not stamps:
                        told += scores[i]
                if len(stamps) >= 2:
                    # dated items after a story told: comments or teasers of other stories
                    scores[stamps[0]:] = [min(s, -1.0) for s in scores[stamps[0]:]]

        start, end = _best_segment(scores)
        listed = end
        if end > start and lines[end - 1].text.rstrip().endswith(":"):
            end = _list_after(lines, end)  # "Tour dates:" and the dates it announces
        for i in _runs(lines, start, listed):
            lines[i].boiler = True
    body: list[str] = []
    captions: list[tuple[str, str | None]] = []
    removed: list[str] = []
    for i, line in enumerate(lines):
        if line.caption is not None:
            captions.append(line.caption)
        elif start <= i < end and not line.boiler:
            body.append(_DROP_CAP.sub(r"\1\2", line.text))
        else:
            removed.append(line.text)
    return Split(body, captions, removed + tag_lists)
