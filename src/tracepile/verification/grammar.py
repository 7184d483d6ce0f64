"""The published claim grammar: every sentence form the verifier reads, the moment of the run each
speaks of, and the closed list of fact words (all other wording is free). docs/claims.md is generated here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# 3.3: descriptive fact words corroborated by a code span of their sentence (a property of the value described,
# an extreme with its `max(...)`/`min(...)`, `yields` said of a value), by the run (`the first call`) or the line's
# code (`raises ... to the power`, `drops that digit`, `subtracts 2`); `it is True` for the line's condition;
# `that same sentence` / `the first sentence` before a quotation; `one more time`; `previous` of a `prev` name; the
# asking clause of the last question; a call of the line's code stated after the line (`so `l * x // gcd(l, x) = 6``).
# 3.2: descriptions after a code span checked; loop grounds after `over`, with since / the list; quantifiers
# (both, every item, only); where execution goes back to; a call's result in its line; element changes
# (appends, an item goes from); repeated calls; the deciding part of an and/or verdict; what a summary
# leaves alone (`none of these iterations changes ...`).
# 3.1: persistence and sameness, loop sizes with their ground, descriptive numbers.
GRAMMAR_VERSION = "3.3"

# Moments a value claim can speak of (the checker reads exactly this state).
MOMENTS = {
    "before": "the state just before the step runs (operands, loop and branch inputs)",
    "during": "a sub-expression evaluated while the step runs (a condition's value)",
    "after": "the state once the step has finished",
    "entry": "the arguments a call starts with",
    "stretch": "the state once a summarised stretch of iterations has finished",
    "auto": "a value span of free wording: the moment its cue names (a word before it: `now`, `afterwards`, "
            "`after` name the state after the step; `with`, `before`, `was`, `from` the state before), else the "
            "moment at which it is true (see Moments without set phrases)",
    "": "no value: a fact about control flow, the code, or output",
}

# Facts are closed, wording is open: outside a claim a sentence may use any word except these, which
# state facts on their own (with numbers, code spans and the names of the program and its problem).
FACT_WORDS: dict[str, frozenset[str]] = {category: frozenset(words.split()) for category, words in {
    "truth": "true false truthy falsy holds hold fails failed passes succeeds succeeded correct wrong yes",
    "comparison": "equal equals unequal greater larger bigger smaller less lower higher more fewer least most "
                  "exceeds exceeded exceed than above below under same different differs differ match matches "
                  "matched maximum minimum largest smallest biggest greatest lowest highest",
    "property": "empty sorted unsorted even odd positive negative nonzero prime divisible palindrome unique "
                "duplicate duplicates missing present absent exists exist found valid invalid reversed infinite "
                "already yet always ever itself themselves",
    "negation": "not no never neither nor none nothing cannot can't isn't doesn't don't didn't won't wasn't "
                "aren't hasn't haven't without n't",
    "quantifier": "all every only both each any some either whole entire everything",
    "count": "zero one two three four five six seven eight nine ten eleven twelve twenty hundred thousand once "
             "twice thrice times single double triple half dozen first second third fourth fifth sixth seventh "
             "eighth ninth tenth last final penultimate previous",
    "repetition": "again still stays stay stayed remains remain remained unchanged longer anymore keeps kept "
                  "retains",
    "change": "grows grew falls fell doubles doubled halves halved triples tripled becomes became become "
              "increases increased decreases decreased rises rose drops dropped shrinks shrank climbs climbed "
              "increments incremented decrements decremented changes changed updates updated resets",
    "control flow": "prints printed outputs runs ran executes executed skips skipped enters entered leaves returns returned breaks "
                    "broke continues continued ends ended jumps jumped exits exited calls called raises raised "
                    "yields yielded finishes finished stops stopped terminates terminated repeats repeated "
                    "loops looped iterates iterated",
}.items()}
FACT_WORD_SET = frozenset().union(*FACT_WORDS.values())
# A motion verb with `back` says the step returns to code that ran before: outside a claim it is a fact phrase.
MOVED_BACK = re.compile(r"\b(?:goes|go|went|going|comes|come|came|coming|heads|headed|heading|moves|moved|moving|gets|"
                        r"got|getting|steps|stepped|stepping|is|are|was|were) back\b", re.I)
# Repetition phrases are claims of their own, about the step's earlier runs (checked, not free wording).
REPEAT_PHRASES = ("for the first time", "once again", "once more", "one more time", "this time", "as before", "again")
# Words a paragraph may open with before it names its line (`Now line 5 ...`, `On line 5, ...`).
OPENERS = (r"(?:Now|Next|Then|Here|After that|Afterwards|Moving on|Continuing|Meanwhile|At this point|"
           r"Execution (?:moves|returns|goes|comes|passes|jumps) (?:on )?to|Control (?:moves|returns|passes|goes) "
           r"(?:on )?to|We (?:reach|move on to|move to|come to|arrive at|get to|go to|are at|are now at)|"
           r"The program (?:moves on to|reaches|comes to))")

SPAN = r"(?:(?<!`)`[^`\n]+`(?!`)|(?<!`)`` (?:[^`\n]|(?<!`)`(?!`))+? ``(?!`))"  # a Markdown code span
# Forms are matched on a sentence's skeleton, where each code span is one mark: a value span
# (`expr = value`) or any other span. Spans holding only these keywords stay literal words of a form.
VALUE_MARK, SPAN_MARK = "\x01", "\x02"
KEYWORD_SPANS = frozenset({"elif", "else", "for", "while", "pass", "try", "except", "return", "continue", "break"})
_ANY = f"[{VALUE_MARK}{SPAN_MARK}]"
_SEP = r"(?:,? and |, )"

_PLACEHOLDERS = {
    "S": lambda g: rf"(?P<{g}>{_ANY})",  # one code span
    "V": lambda g: rf"(?P<{g}>{VALUE_MARK})",  # one `expr = value` span
    "L": lambda g: rf"(?P<{g}>{VALUE_MARK}(?:{_SEP}{VALUE_MARK})*)",  # a list of value spans
    "NL": lambda g: rf"(?P<{g}>{_ANY}(?:{_SEP}{_ANY})*)",  # a list of name spans
    "N": lambda g: rf"(?P<{g}>\d+)",  # a line, iteration, count or depth number
    "NS": lambda g: rf"(?P<{g}>\d+(?:{_SEP}\d+)*)",  # a list of such numbers
    "FENCE": lambda g: rf"(?P<{g}_f>`{{3,}})\n(?P<{g}>[\s\S]*?)\n?(?P={g}_f)",
}


SLOT = r"<(NL|NS|FENCE|S|V|L|N):(\w+)>"  # a typed slot in a form's pattern


@dataclass(frozen=True)
class Form:
    """One sentence form: a pattern with typed slots, the claim kind it makes, and its moment."""

    name: str
    pattern: str  # regex with slots <S:name>, <V:name>, <L:name>, <NL:name>, <N:name>, <NS:name>, <FENCE:name>
    kind: str  # the check that reads it (a Checker method `claim_<kind>`)
    moment: str = ""
    fixed: dict = field(default_factory=dict)  # constant arguments of the claim
    example: str = ""
    context: str = "line"  # the paragraph kind it belongs to (documentation)
    needs: tuple[str, ...] = ()  # words one of which every match holds (for patterns without a fixed word)

    def regex(self, prefix: str) -> str:
        def slot(match: re.Match) -> str:
            return _PLACEHOLDERS[match.group(1)](f"{prefix}{match.group(2)}")
        return re.sub(SLOT, slot, self.pattern)

    def shape(self) -> str:
        """The pattern as a person reads it: slots as `expr`, `x = v`, N."""
        text = re.sub(SLOT, lambda m: _SHAPES[m.group(1)], self.pattern)
        for regex, plain in (("^(?:[-*] )?", ""), ("\\b", ""), ("\\(", "("), ("\\)", ")"), ("^", "")):
            text = text.replace(regex, plain)
        return text


_SHAPES = {"S": "`expr`", "V": "`expr = value`", "L": "`x = v`, ... and `y = w`", "NL": "`name`, ...",
           "N": "N", "NS": "N, ... and M", "FENCE": "```text```"}

_BULLET = r"^(?:[-*] )?"
# what may follow a value list of `sets`/`so`: not a relation, nor a persistence phrase about its last value
_NOT_RELATED = (r"(?!,? (?:which )?is (?:still )?(?:greater|less|at least|at most|equal|different|smaller|larger|in |"
                r"not in)|,? (?:stays|remains|is still|is unchanged|stays unchanged|remains unchanged|does not change|"
                r"keeps its value|is left)\b|,? (?:which is )?(?:the same (?:value )?as before|unchanged)\b|,? (?:which )?counts as\b)")
_SKIPPED = r"(?:is skipped|does not run(?: at all)?)"  # a part of the line that does not run
_BACK = r"(?:, and execution goes back to line <N:back>(?: \(depth <N:depth>\))?)?"

FORMS: tuple[Form, ...] = (
    # ------------------------------------------------ anchors: which step a paragraph narrates
    Form("line", _BULLET + r"(?:" + OPENERS + r"[,:]? (?:[Ll]ine|on line|at line)|Line|On line|At line|In line) <N:line>\b(?:(?: then| now)? (?:runs|"
         r"executes|is executed|is run|is reached)(?: next)?(?=[,;.:]|$| (?:and|so|now|then|with|again|once|this|for|"
         r"as)\b))?", "line", needs=("ine ",),
         example="Now line 4 runs.", context="line"),
    Form("back", _BULLET + r"Back at line <N:line>,", "back",
         example="Back at line 4, so `y = 9`.", context="back"),
    Form("summary_same", _BULLET + r"Iterations <N:first> to <N:last> of the loop at line <N:loop> "
         r"take the same path", "summary", fixed={"same": True}, context="summary",
         example="Iterations 3 to 8 of the loop at line 2 take the same path; after iteration 8, `s = 36`."),
    Form("summary", _BULLET + r"Iterations <N:first> to <N:last> of the loop at line <N:loop> are summarised",
         "summary", fixed={"same": False}, context="summary",
         example="Iterations 3 to 8 of the loop at line 2 are summarised; after iteration 8, `s = 36`."),
    Form("summary_paths", _BULLET + r"Iterations <N:first> to <N:last> of the loop at line <N:loop> take "
         r"<N:paths> different paths", "summary", fixed={"same": False}, context="summary",
         example="Iterations 3 to 8 of the loop at line 2 take 2 different paths: in iterations 4 and 7, it runs "
                 "lines 3 and 4; in the other 4 iterations, it runs line 3; after iteration 8, `s = 11`."),
    Form("script_start", r"The script starts running from the top", "call", fixed={"func": "<module>"},
         context="call", example="The script starts running from the top."),
    Form("script_end", r"The script reaches its end", "return", fixed={"func": "<module>"},
         context="return", example="The script reaches its end."),
    Form("call", r"(?P<{p}opening>(?:We (?:enter|step into|call)|The call enters|Calling|Entering|Execution enters|"
         r"(?:A|The) (?:new |first |recursive )?call to|The function) )?<S:func>(?: \(depth <N:depth>\))?"
         r"(?({p}opening)(?: (?:is called|is entered|is invoked|begins|starts))?| (?:is called|is entered|is invoked))"
         r",? with <L:entry>",
         "call", moment="entry", context="call", example="We enter `f` (depth 2) with `n = 3`."),
    Form("call_no_args", r"(?:We (?:enter|step into|call)|The call enters|Calling|Entering|Execution enters) <S:func>"
         r"(?: \(depth <N:depth>\))?(?:, which takes no arguments|,? with no arguments)", "call",
         fixed={"no_args": True}, context="call", example="We enter `main`, which takes no arguments."),
    Form("resume", r"The generator <S:func> resumes where it left off", "resume", context="call",
         example="The generator `gen` resumes where it left off."),
    Form("repeat_call", r"<S:call> returns <S:value>, as in call <N:earlier>", "repeat_call", context="return",
         example="`cmp('0', '0')` again returns `0`, as in call 2."),
    Form("quiet_calls", _BULLET + r"Its calls are summarised: line <N:line> starts <N:calls> calls? \(of <NL:funcs>\), "
         r"which print nothing and change nothing outside themselves", "quiet_calls", context="line",
         example="Its calls are summarised: line 34 starts 5351 calls (of `goldbach` and `_is_prime`), which print "
                 "nothing and change nothing outside themselves."),
    Form("return", r"(?:So |The call to )?<S:func>(?: (?:is done|finishes|ends) and)? (?:returns|gives back|hands "
         r"back|passes back|sends back)(?: the value)? <S:value>" + _BACK, "return",
         context="return", needs=("returns", " back"),
         example="So `f` returns `6`, and execution goes back to line 9 (depth 1)."),
    Form("yield", r"<S:func> yields <S:value>, handing control back to its caller" + _BACK, "yield",
         context="return", example="`gen` yields `1`, handing control back to its caller."),
    Form("unwind", r"The exception is not caught inside <S:func>, so it leaves <S:func2>(?:,? and the call "
         r"(?:returns no value|returns nothing|gives back no value))?", "unwind",
         context="return", example="The exception is not caught inside `f`, so it leaves `f`."),
    Form("shown", r"Python shows the returned value as <S:value>, which is the final answer", "shown",
         context="final", example="Python shows the returned value as `Temperature(36.6)`, which is the final answer."),
    Form("not_shown", r"Python cannot show the returned value, so the final answer gives its class and attributes "
         r"instead", "shown", fixed={"unavailable": True}, context="final",
         example="Python cannot show the returned value, so the final answer gives its class and attributes instead."),
    Form("raises", r"(?:This|It) raises <S:text>", "raises", context="any",
         example="This raises `ValueError: bad`."),
    Form("prints", r"(?:(?:It|This|it|this|which|and|so it|and it) )?prints <S:text>", "prints", context="any", example="It prints `3`."),
    Form("output_is", r"The output is <S:text>", "prints", context="any", example="The output is `3`."),
    Form("module_prints", r"Before the call, the module's top-level code runs once; line <N:line> prints <S:text>",
         "prints", context="any", example="Before the call, the module's top-level code runs once; line 7 prints `4`."),
    Form("stretch_prints", r"Together they print <S:text>", "stretch_prints", context="summary",
         example="Together they print `'1\\n2\\n'`."),
    Form("stretch_calls", r"in these iterations, <S:func> is called <N:count> times?(?:, <N:total> times? so far)?",
         "stretch_calls", context="summary", example="in these iterations, `helper` is called 4 times, 6 times so far"),
    Form("stretch_tally", r"in these iterations, line <N:line> runs <N:count> times?, <N:total> times? so far",
         "stretch_tally", context="summary", example="in these iterations, line 9 runs 3 times, 5 times so far"),
    Form("stretch_keeps", r"none of these iterations changes <NL:names>", "stretch_keeps", context="summary",
         example="none of these iterations changes `count` and `best`"),
    Form("stretch_skips_line", r"none of these iterations runs line <N:line>", "stretch_skips", context="summary",
         example="none of these iterations runs line 9"),
    Form("stretch_skips_call", r"none of these iterations calls <S:func>", "stretch_skips", context="summary",
         example="none of these iterations calls `is_prime`"),
    Form("after_iteration", r"after iteration <N:iteration>, <L:stretch>", "after_iteration",
         moment="stretch", context="summary", example="after iteration 8, `i = 7` and `s = 36`"),
    Form("unchanged", r"after iteration <N:iteration>, nothing in this frame changed", "after_iteration",
         fixed={"unchanged": True}, context="summary", example="after iteration 8, nothing in this frame changed"),
    Form("iteration_group", r"in iterations? <NS:iterations>, it runs lines? <NS:lines>", "iteration_group",
         context="summary", example="in iterations 4 and 7, it runs lines 3 and 4"),
    Form("iteration_rest", r"in the other <N:count> iterations?, it runs lines? <NS:lines>", "iteration_group",
         fixed={"rest": True}, context="summary", example="in the other 4 iterations, it runs line 3"),
    Form("input_call", r"^Try the call <S:call> and follow it step by step to see what it gives", "input",
         context="intro", example="Try the call `f(3)` and follow it step by step to see what it gives."),
    Form("input_stdin", r"^Try this standard input and run the script on it:\n<FENCE:stdin_text>", "input",
         fixed={"stdin": True}, context="intro",
         example="Try this standard input and run the script on it:\n```\n3\n```"),
    # ------------------------------------------------ what the line's statement is (checked against the code)
    Form("if", r"checks the condition <S:test>(?: with <L:before>)?", "statement", "before",
         {"kinds": ("if",)}, example="checks the condition `a > b` with `a = 5` and `b = 1`"),
    Form("elif", r"checks the `elif` condition <S:test>(?: with <L:before>)?", "statement", "before",
         {"kinds": ("elif",)}, example="checks the `elif` condition `a == b`"),
    Form("while", r"checks the loop condition <S:test>(?: with <L:before>)?", "statement", "before",
         {"kinds": ("while",)}, example="checks the loop condition `i < n` with `i = 0` and `n = 3`"),
    Form("assert", r"asserts <S:test>(?: with <L:before>)?", "statement", "before", {"kinds": ("assert",)},
         example="asserts `n >= 0` with `n = 3`"),
    Form("for_back", r"(?:(?:goes|comes|jumps|loops|heads) back to|returns to|is back at)(?: the (?:head|top|start) of)? "
         r"(?:the|its) `for` loop", "for_back",
         example="goes back to the `for` loop"),
    Form("loop_back", r"(?:goes|comes|jumps|loops|heads|moves|is) back (?:up )?(?:to|at) the (?:(?:top|head|header|start|"
         r"beginning) of the (?:`for` )?loop|loop(?: header| head| condition| test| check)?)", "loop_back",
         needs=("back",), example="goes back to the top of the loop"),
    Form("for", r"(?:takes the next item of|advances|moves|starts|begins|enters|reaches|runs|is the head of|heads) "
         r"the `for` loop(?: on)?", "statement",
         fixed={"kinds": ("for",)}, example="advances the `for` loop"),
    Form("inline_loop", r"runs the one-line loop <S:source>", "statement", fixed={"kinds": ("inline_loop",)},
         example="runs the one-line loop `for c in s: n += 1`"),
    Form("inline_loop_plain", r"runs a loop written on one line", "statement",
         fixed={"kinds": ("inline_loop",)}, example="runs a loop written on one line"),
    Form("def", r"defines the function <S:name>", "statement", fixed={"kinds": ("def",)},
         example="defines the function `f`"),
    Form("class", r"defines the class <S:name>", "statement", fixed={"kinds": ("class",)},
         example="defines the class `Node`"),
    Form("import", r"imports <NL:names>", "statement", fixed={"kinds": ("import",)},
         example="imports `math`"),
    Form("return_stmt", r"returns <S:source>(?:, with <L:before>)?", "statement", "before",
         {"kinds": ("return",)}, example="returns `a + b`, with `a = 1` and `b = 2`"),
    Form("return_plain", r"reaches the `return` statement(?:, with <L:before>)?", "statement", "before",
         {"kinds": ("return",)}, example="reaches the `return` statement"),
    Form("break", r"breaks out of the loop", "statement", fixed={"kinds": ("break",)},
         example="breaks out of the loop"),
    Form("continue", r"jumps to the next iteration", "statement", fixed={"kinds": ("continue",)},
         example="jumps to the next iteration"),
    Form("pass", r"does nothing \(`pass`\)", "statement", fixed={"kinds": ("pass",)},
         example="does nothing (`pass`)"),
    Form("try", r"enters the `try` block", "statement", fixed={"kinds": ("try",)},
         example="enters the `try` block"),
    Form("except", r"is the `except` clause that catches the exception", "statement",
         fixed={"kinds": ("except",)}, example="is the `except` clause that catches the exception"),
    Form("raise", r"raises an exception", "statement", fixed={"kinds": ("raise",)},
         example="raises an exception"),
    Form("global", r"declares names as global", "statement", fixed={"kinds": ("global",)},
         example="declares names as global"),
    Form("runs_source", r"runs <S:source>", "statement", example="runs `print(x)`"),
    # ------------------------------------------------ values
    Form("operands", r"(?:computes with|reads|uses) <L:before>", "values", "before",
         needs=("computes with", "reads", "uses"),
         example="reads `total = 4` and `x = 2`"),
    Form("computes", r"(?:step by step,|Python evaluates|on the way,|working it out,) <L:during>", "values",
         "during", needs=("step by step", "evaluates", "on the way", "working it out"),
         example="step by step, `a * a = 289` and `a * a % m = 44`"),
    Form("sets_values", r"(?:this sets|sets|resets|initialises|initializes) <L:after>" + _NOT_RELATED, "values", "after",
         needs=("sets", "initiali"), example="this sets `total = 6`"),
    Form("effects", r"(?:so|now|after it,|which leaves|and leaves|leaves|leaving|the result is|"
         r"(?:it |which |and )?becomes?|(?:it |which |and )?turns into|ends up as|"
         r"(?:and |which )?(?:ends|ending|finishes|finishing) (?:up )?with) "
         r"<L:after>" + _NOT_RELATED, "values", "after",
         needs=("so", "now", "after it", "leav", "result", "becom", "turns", "ends up"),
         example="so `total = 6`"),
    Form("deleted", r"<NL:names> no longer exists?", "deleted", "after", example="`tmp` no longer exists"),
    # ------------------------------------------------ conditions
    Form("truth", r"<S:expr>(?: is| is also| comes out| evaluates to| turns out|, which is|, which comes out)? "
         r"(?P<{p}truth>True|False)\b", "truth", "during",
         example="`a > b` is True"),
    Form("counts_as", r"<V:claim>, which counts as (?P<{p}truthy>true|false)\b", "counts_as", "during",
         example="`len(s) = 0`, which counts as false"),
    Form("taken", r"the (?:whole |entire |full )?condition (?:is|holds|comes out|evaluates to) "
         r"(?P<{p}truthy>true|false|True|False)\b", "counts_as", example="the condition is true"),
    Form("it_truth", r"(?:(?:[Ii]t|[Tt]his) is (?P<{p}truthy>True|False))\b", "counts_as",
         needs=tuple(f"{w} is {v}" for w in ("it", "It", "this", "This") for v in ("True", "False")),
         example="it is True"),
    Form("assertion", r"the assertion (?P<{p}outcome>passes|fails)", "assertion",
         example="the assertion passes"),
    # ------------------------------------------------ control flow
    Form("next", r"line <N:line> runs next", "next", fixed={"where": "any"}, example="line 6 runs next"),
    Form("body_next", r"the body runs next, at line <N:line>", "next", fixed={"where": "body"},
         example="the body runs next, at line 6"),
    Form("enters_body", r"execution enters the body at line <N:line>", "next", fixed={"where": "body"},
         example="execution enters the body at line 6"),
    Form("else_next", r"it skips to the `else` part at line <N:line>", "next", fixed={"where": "else"},
         example="it skips to the `else` part at line 8"),
    Form("elif_next", r"it moves on to the `elif` at line <N:line>", "next", fixed={"where": "elif"},
         example="it moves on to the `elif` at line 8"),
    Form("skip_body", r"the body is skipped and execution continues at line <N:line>", "next",
         fixed={"where": "skip"}, example="the body is skipped and execution continues at line 9"),
    Form("skip_ahead", r"it skips ahead to line <N:line>", "next", fixed={"where": "skip"},
         example="it skips ahead to line 9"),
    Form("while_iteration", r"iteration <N:iteration> of the (?:(?P<{p}which>inner|outer) )?loop runs, starting at "
         r"line <N:line>", "next",
         fixed={"where": "body"}, example="iteration 2 of the loop runs, starting at line 4"),
    Form("loop_exit", r"the loop ends and execution continues at line <N:line>", "next",
         fixed={"where": "skip"}, example="the loop ends and execution continues at line 7"),
    Form("continues", r"execution continues at line <N:line>", "next", fixed={"where": "any"},
         example="execution continues at line 7"),
    Form("iteration", r"(?:this is )?iteration <N:iteration>(?: begins with|,? starts:|, with| starts with|"
         r" begins:| begins,| starts,)? "
         r"(?:<L:after>" + _NOT_RELATED + r"|the next item)", "iteration", "after",
         example="iteration 2 begins with `i = 1`"),
    Form("iteration_back", r"iteration <N:iteration> of the (?:`for` )?loop at line <N:line> (?:begins|starts) with "
         r"<L:after>", "iteration_back", "after", example="iteration 2 of the loop at line 8 begins with `x = 4`"),
    Form("loop_end", r"there are no more items, so the loop ends after <N:count> iterations?", "loop_end",
         example="there are no more items, so the loop ends after 3 iterations"),
    Form("loop_empty", r"there is nothing to iterate over, so the loop body does not run at all", "loop_end",
         fixed={"count": 0}, example="there is nothing to iterate over, so the loop body does not run at all"),
    # ------------------------------------------------ question steps: a question's answer worked out in words
    # (issue 11, questions answered by reasoning). Each speaks of the run as narrated so far (the cursor).
    Form("count_in_iterations", r"Counting them, line <N:line> ran in iterations <NS:iterations> of the loop at "
         r"line <N:loop>, so it ran <N:count> times?", "count_runs", context="answer",
         example="Counting them, line 5 ran in iterations 1, 3 and 4 of the loop at line 3, so it ran 3 times."),
    Form("count_in_calls", r"Counting them, line <N:line> ran in calls <NS:calls> of <S:func>, so it ran "
         r"<N:count> times?", "count_runs", context="answer",
         example="Counting them, line 3 ran in calls 1 and 2 of `f`, so it ran 2 times."),
    Form("count_calls", r"Counting them, <S:func> was entered with <NL:entries>, so it was called <N:count> times?",
         "count_calls", context="answer",
         example="Counting them, `fact` was entered with `n = 3`, `n = 2` and `n = 1`, so it was called 3 times."),
    Form("loop_total", r"So this run of the loop at line <N:loop> had <N:count> iterations?", "loop_total",
         context="answer", example="So this run of the loop at line 3 had 4 iterations."),
    Form("extreme", r"Over the run, <S:name> took the values <NL:values> (?:in <S:func>|at the top level of the "
         r"script), and the (?P<{p}which>largest|smallest) of them is <S:best>", "extreme", context="answer",
         example="Over the run, `h` took the values `0`, `3`, `7` and `2` in `level`, and the largest of them is `7`."),
    Form("first_past", r"At the end of iterations 1 to <N:last> of the loop at line <N:loop>, <S:name> was "
         r"<NL:values>, so iteration <N:answer> is the first after which <S:condition> holds", "first_past",
         context="answer", example="At the end of iterations 1 to 2 of the loop at line 3, `h` was `3` and `7`, "
         "so iteration 2 is the first after which `h > 3` holds."),
    Form("first_exception", r"So the first exception of this run is <S:text>, raised at line <N:line>",
         "first_exception", context="answer",
         example="So the first exception of this run is `ZeroDivisionError: division by zero`, raised at line 5."),
    Form("no_exception", r"The run is over, and no exception was raised during it", "first_exception",
         fixed={"none": True}, context="answer", example="The run is over, and no exception was raised during it."),
    Form("kth_return", r"This was call <N:k> of <S:func>, counting calls in the order they start, and it "
         r"returned <S:value>", "kth_return", context="answer",
         example="This was call 2 of `twice`, counting calls in the order they start, and it returned `6`."),
    Form("kth_state", r"That was run <N:k> of line <N:line>, and after it <S:name> holds <S:value>, of type "
         r"<S:type>", "kth_state", context="answer",
         example="That was run 2 of line 5, and after it `s` holds `6`, of type `int`."),
    Form("kth_next", r"So right after run <N:k> of line <N:line>, line <N:next> is the next line to run", "kth_next",
         context="answer", example="So right after run 2 of line 4, line 7 is the next line to run."),
    Form("kth_last", r"So after run <N:k> of line <N:line>, no other line runs", "kth_next", fixed={"none": True},
         context="answer", example="So after run 1 of line 8, no other line runs."),
    Form("line_ran", r"So line <N:line> does run, and this is its first run", "line_ran", context="answer",
         example="So line 5 does run, and this is its first run."),
    Form("line_never", r"The run is over, and line <N:line> never ran", "line_ran", fixed={"never": True},
         context="answer", example="The run is over, and line 7 never ran."),
    Form("deepest", r"The deepest call of this run is <S:func> at depth <N:depth>", "deepest", context="answer",
         example="The deepest call of this run is `fact` at depth 4."),
    Form("kth_branch", r"That was check <N:k> of line <N:line>: the condition is (?P<{p}truth>True|False), so "
         r"(?:line <N:next> runs next|the call ends)", "kth_branch", context="answer",
         example="That was check 2 of line 4: the condition is False, so line 7 runs next."),
    Form("backward_target", r"Working backwards, the result to reach is <S:value>, and the `return` at line <N:line> "
         r"produces it", "backward_target", context="answer",
         example="Working backwards, the result to reach is `16`, and the `return` at line 8 produces it."),
    Form("backward_raise", r"Working backwards, the call has to raise <S:text>, which line <N:line> raises",
         "backward_target", fixed={"raised": True}, context="answer",
         example="Working backwards, the call has to raise `KeyError: 'x'`, which line 4 raises."),
    Form("backward_printed", r"Working backwards, the output to reach ends with <S:text>, which line <N:line> "
         r"prints", "backward_target", fixed={"printed": True}, context="answer",
         example="Working backwards, the output to reach ends with `4`, which line 7 prints."),
    Form("backward_needs", r"That step of line <N:line> works from <NL:needs>", "backward_needs",
         context="answer", example="That step of line 8 works from `s = 16`."),
    Form("backward_match", r"The run (?:gives|ends with|prints) <S:value>, the result to reach, so this input "
         r"works", "backward_match", context="answer",
         example="The run gives `16`, the result to reach, so this input works."),
    # ------------------------------------------------ issue 11, values: standard-input reads, mutating calls
    Form("stdin_reads", r"reads (?P<{p}noun>the line|the lines|the text) <NL:texts> from standard input",
         "stdin_reads", "during", example="reads the line `'5 3\\n'` from standard input"),
    Form("stdin_count", r"reads <N:count> characters? from standard input", "stdin_count", "during",
         example="reads 120 characters from standard input"),
    Form("passes_args", r"(?:passes|passing|hands) <NL:values>(?: on)? to", "passes_args", "before",
         example="passes `p = (1, 2)` and `q = (0, 3)` on to"),
    Form("mutating_call", r"(?:calls|calling) <S:call>(?: on <V:receiver>)?(?:,? which returns <S:value>)?",
         "mutating_call", "during",
         example="calls `q.popleft()`, which returns `3`"),
    # ------------------------------------------------ issue 11, varied language: meanings, comments, context
    Form("problem_quote", r'^The problem says "(?P<{p}quote>[^"`]+)", (?:which is where|and that is where|and this is '
         r"where) <V:given> comes from", "problem_quote", "after", context="line",
         example='The problem says "Rosa bakes 5 batches", which is where `batches = 5` comes from.'),
    Form("name_meaning", r"^(?:In the problem's terms|In words|Put simply), the (?P<{p}words>[a-z]+(?: [a-z]+)*) "
         r"(?:comes? to|(?:is|are) now|is|are) <S:value>", "name_meaning", "after", context="line",
         example="In the problem's terms, the total cookies come to `40`."),
    Form("problem_mention", r'^The problem (?:mentions|refers to) (?:it|this) in "(?P<{p}quote>[^"`]+)"',
         "problem_mention", context="line", example='The problem mentions it in "what is her profit in dollars?"'),
    Form("problem_answer", r'^So the answer to the question "(?P<{p}question>[^"`]+)" is <S:value>',
         "problem_answer", context="final",
         example='So the answer to the question "What is her profit in dollars?" is `18`.'),
    Form("comment", r'^The comment (?:at|on) line <N:line> (?:says|reads|explains): "(?P<{p}text>[^"`]+)"',
         "comment", context="line", example='The comment at line 5 says: "skip the header".'),
    Form("change", r"<S:name> (?P<{p}direction>grows|goes up|increases|rises|climbs|shrinks|goes down|decreases|"
         r"drops|falls|doubles|halves|steps up|steps down|is multiplied)(?: by <S:delta>)?(?:,? from <S:old>)?"
         r"(?:,? to <S:new>)?", "change",
         "after", needs=("grows", "goes ", "increases", "rises", "climbs", "shrinks", "decreases", "drops", "falls", "doubles", "halves", "steps ", "multiplied"),
         example="`total` grows by `4`, from `3` to `7`"),
    Form("stays", r"(?:<S:name>|(?P<{p}pronoun>it)) (?:(?:stays|remains|is still|still is|still holds|still equals|is left|keeps its "
         r"value|keeps the value|is unchanged|stays unchanged|remains unchanged|is left unchanged)(?: at| as|,)? "
         r"<S:value>|(?:stays the same|is unchanged|remains unchanged|stays unchanged|keeps its value|does not "
         r"change|is not changed|is untouched|is left unchanged|still holds the same value|is the same as before|stays the "
         r"same as before))", "stays", "after",
         needs=("stays", "remains", "still", "left", "keeps", "unchanged", "change", "untouched", "same"),
         example="`best` stays at `9`"),
    Form("relation", r"(?:(?:because|since|as) )?<S:left>(?: is|,? which is|,)? (?:still )?(?P<{p}relation>greater than|less than|at least|at most|equal to|"
         r"different from|smaller than|larger than|in|not in) <S:right>", "relation", "before",
         example="because `x = 3` is greater than `1`"),
    Form("because_value", r"because <V:operand>(?=[,;]|$)", "because_value", "before",
         example="because `swapped = False`"),
    Form("last_iteration", r"(?:this|it) is the (?:last|final) (?:iteration|pass|round) of (?:the|this) loop",
         "last_iteration", example="it is the last iteration of the loop"),
    Form("loop_size", r"(?:the loop|it) (?:runs|will run) <N:count> (?:iterations|times) in all", "loop_size",
         example="the loop runs 5 iterations in all"),
    Form("call_tally", r"(?:That|This|that|this) is call <N:count> of <S:func>", "call_tally", context="call",
         example="That is call 3 of `fib`."),
    Form("line_tally", r"(?:That|This|that|this) is run <N:count> of line <N:line>", "line_tally",
         example="That is run 3 of line 9."),
    Form("loop_ground", r"<S:sequence>,? (?:which )?holds <N:size> (?:numbers?|items?|characters?|elements?|values?), so "
         r"(?:the loop|it) (?:runs|will run) <N:count> (?:iterations?|times?)(?: in all)?", "loop_ground",
         example="`range(0, 10)` holds 10 numbers, so the loop will run 10 times"),
    Form("over_ground", r"(?:(?:loops|iterates|goes|runs|walks|steps|moves) )?over <S:sequence>,? (?:which )?holds "
         r"<N:size> (?:numbers?|items?|characters?|elements?|values?), so (?:the loop|it) (?:runs|will run) <N:count> "
         r"(?:iterations?|times?)(?: in all)?", "loop_ground",
         example="runs over `range(0, 3)`, which holds 3 numbers, so the loop will run 3 times"),
    Form("last_of", r"the last of the <N:size> (?:numbers|items|characters|elements|values) (?:in|of) <S:sequence>",
         "last_of", example="the last of the 4 items in `order = [0, 1, 2, 3]`"),
    Form("flips", r"(?:this|that) (?:flips|reverses) the outcome of the previous check at line <N:line>, which was "
         r"(?P<{p}truthy>true|false)", "flips", example="this flips the outcome of the previous check at line 4, "
         "which was true"),
    # ------------------------------------------------ grammar 3.0: natural wording of values, moments and loops
    Form("changed_inside", r"<S:name> is now <S:value>, changed (?:inside|in|by) (?:the call to )?<S:func>",
         "changed_inside", "after", example="`arr` is now `[1, 2, 5]`, changed inside `quick_sort`"),
    Form("becomes", r"<S:target> (?P<{p}verb>becomes|now becomes|changes to|turns into|is updated to|is changed to|"
         r"is reassigned to|is now|now is|now holds|now equals|is set to|ends up as|ends up at|takes the value|"
         r"gets the value|is bound to|is rebound to) (?P<{p}symbol>the (?:sympy )?symbol )?<S:value>", "becomes", "after",
         needs=("becomes", "changes", "turns", "updated", "changed", "reassigned", "now", "set to", "ends up", "takes the", "gets the", "bound to"),
         example="`arr[2]` becomes `9`"),
    Form("natural_value", r"<S:expr> (?P<{p}verb>is|was|gives|gave|returned|evaluates to|comes to|comes out as|comes out to|"
         r"works out to|equals|holds|has the value|results in|produces|is computed as) <S:value>", "natural_value",
         "auto", needs=(" is ", " was ", "gives", "gave", "returned", "evaluates", "comes", "works out", "equals", "holds", "has the value", "results", "produces", "computed"),
         example="`int(input())` gives `2`"),
    Form("ordinal", r"the (?P<{p}ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|last|"
         r"final) (?:item|element|value|character|letter|entry|pair|number|word|key|tuple|string|iteration|pass|"
         r"round)\b", "ordinal", example="the second item"),
    Form("iteration_at", r"(?:(?:in|on|during|for|into|starting|begins|begin|starts|start) )?(?:the )?(?:loop )?"
         r"(?:iteration|pass|round) (?:number )?<N:iteration>\b(?: of the (?:outer |inner )?(?:`for` |\x02 )?loop)?"
         r"(?:,? (?:with|starting with|giving|begins with|starts with|begins|starts|runs))?", "ordinal", needs=("iteration", "pass ", "round "),
         example="in iteration 2"),
    Form("over", r"(?:(?:loops|iterates|goes|runs|walks|steps|moves) )?over <S:iterable>", "over", "before",
         example="over `legs = [(60, 30), (60, 60)]`"),
    Form("starred", r"the starred name(?: <S:name>)? (?:collects|gathers|takes|gets|receives|captures|holds) "
         r"(?:everything|all the items|all the values|the items|the values|the rest|the remaining items|whatever is "
         r"left)(?P<{p}where> between the first and the last(?: items?| ones?| values?)?| in between| in the middle| "
         r"after the first(?: items?| ones?| values?)?| before the last(?: items?| ones?| values?)?)?", "starred",
         example="the starred name collects everything between the first and the last item"),
    Form("sets_to", r"(?:sets|assigns|initializes|initialises|resets|updates|changes|rebinds|binds) <S:target> to "
         r"<S:value>", "becomes", "after", fixed={"verb": "is set to"}, example="sets `total` to `0`"),
    Form("assigns_value", r"(?:assigns|stores|puts|writes) <S:value> (?:to|in|into) <S:target>", "becomes", "after",
         fixed={"verb": "is set to"}, needs=("assigns", "stores", "puts", "writes"),
         example="stores `9` in `arr[2]`"),
    Form("empty", r"(?:an? )?empty(?P<{p}free>(?: [a-z]+){0,3})[,:]? (?:so |and )?(?:now )?<V:claim>", "empty", "auto",
         example="an empty dictionary, `groups = {}`"),

    Form("appends", r"(?:this |it |and )?(?:appends|pushes) <S:item> (?:to|onto) <S:name>", "appends", "after",
         example="this appends `4` to `stack`, or `(4, 3)` to `adj[u] = []` (the list before the line)"),
    Form("moves", r"<S:name> (?:goes|changes|moves|jumps|switches|is updated|is changed) from <S:old> to <S:new>",
         "change", "after", fixed={"direction": "changes"}, example="`last` goes from `None` to `3`"),
    Form("sorted", r"(?:once |when |after being |is |are |in )?sorted(?: order)?(?P<{p}free>(?: [a-z]+){0,3})[,:]? "
         r"(?:so |and |gives |is )?<V:claim>", "sorted", "auto", example="once sorted, `a = [1, 2, 5]`"),
    Form("already", r"(?:<S:name>|(?P<{p}pronoun>it)) (?:(?:was|is) already(?: at| set to| equal to)?|already "
         r"(?:held|had|holds|has|contained|contains|was|is|equals|equalled))(?: the value)? <S:value>", "stays", "after",
         needs=("already",), example="`c` was already `1`"),
    # ------------------------------------------------ grammar 3.1: persistence and sameness (checks/persistence.py)
    Form("item_already", r"(?:the value (?:there|at that (?:index|position|slot))|th(?:at|is|e) (?:slot|entry|cell|"
         r"position|place)|(?:index|position|slot|entry|cell) <N:index>) (?:(?:was|is) already|already (?:held|had|"
         r"holds|has|contained|contains|was|is))(?: the value)? <S:value>", "item_already", "after",
         needs=("already",), example="that slot already held `0`"),
    Form("item_over", r"(?:writes|puts|stores|copies) <S:new> over <S:old>", "item_over", "after",
         needs=("over",), example="writes `3` over `3`"),
    Form("stays_many", r"<NL:names> (?:(?:stay|remain|are still|are unchanged|stay unchanged|remain unchanged)"
         r"(?: at| as)? <S:value>|(?:stay the same|are unchanged|remain unchanged|stay unchanged|do not change|are not "
         r"changed|keep their values))", "stays_many", "after",
         needs=("stay", "remain", "still", "unchanged", "change", "keep"), example="`l` and `r` stay at `6`"),
    Form("stays_value", r"(?:is still|still is|stays|remains|is unchanged at|stays at|remains at) <V:name>", "stays",
         "after", needs=("still", "stays", "remains", "unchanged"), example="the key is still `key = 'aac'`"),
    Form("same_as_before", r"<V:name>,? (?:which is )?(?:the same (?:value )?as before|unchanged)\b", "stays",
         "after", needs=("same", "unchanged"), example="so `choices = 8`, the same value as before"),
    Form("nothing_changes", r"the (?:result|value|values|order|outcome|contents?|state) (?:does not change|is unchanged|"
         r"stays the same|remains the same|is the same as before|is not changed)|nothing (?:is added|is appended|is "
         r"inserted|is removed|changes|is changed)|(?:changes|modifies|alters) nothing", "nothing_changes",
         needs=("change", "same", "nothing"), example="the order does not change"),
    Form("no_swap", r"no swap (?:happens|happened|is made|was made|takes place|took place|is done|occurs|occurred)|"
         r"nothing is swapped", "no_swap", needs=("swap",), example="no swap happens"),
    Form("same_code", r"(?:checks|tests|evaluates|computes|works out) the same (?:condition|expression|test|"
         r"computation|check)|does the same(?: thing| computation| calculation)?", "same_code", needs=("same",),
         example="checks the same condition"),
    Form("same_object", r"(?:binds|points|sets|ties) <S:target> to the same", "same_object", needs=("same",),
         example="binds `s2` to the same string"),
    Form("comment_line", r"(?:the )?comment (?:at|on|in) line <N:line>", "comment_line",
         example="the comment at line 7"),
    Form("loop_after", r"the loop ends after <N:count> iterations?", "loop_end",
         example="the loop ends after 1 iteration"),

    Form("loop_done", r"(?:the|this|that|its) (?:`for` |`while` )?loop (?:ends|is over|finishes|is done|stops|"
         r"terminates|is exhausted|is finished|has finished|exits|runs out)|there are no (?:more )?items left|"
         r"no items remain", "loop_done", needs=("loop", "items"),
         example="the loop is over"),
    Form("moving", r"(?:moving|moves|bringing|brings|taking|takes|pushing|pushes|sending|sends) <S:name>"
         r"(?P<{p}way> up| down)? from <S:old> to <S:new>", "change", "after", fixed={"direction": "changes"},
         example="moving `p` up from `2` to `3`"),

    Form("holds", r"the (?:whole |entire )?condition (?P<{p}truthy>holds|does not hold|fails|is met|is not met)\b",
         "counts_as", example="the condition holds"),
    Form("line_late", r"(?<=, )line <N:line>\b(?! runs next)", "line_late", context="line",
         example="With `x = 7`, line 8 adds it"),

    Form("no_longer", r"the (?:whole |entire )?condition (?:no longer holds|is no longer (?:true|met|satisfied))",
         "no_longer", example="the condition no longer holds"),

    Form("is_empty", r"(?:<S:name>|the (?:list|queue|dictionary|dict|set|string|stack|heap|deque|sequence|array|"
         r"input|result|text)(?: <S:name2>)?) is (?P<{p}negated>not |still |now |no longer )?empty", "is_empty",
         example="the list is not empty"),

    Form("prints_value", r"(?:prints|outputs) (?:the (?P<{p}free>(?:[a-z]+ ){0,2}[a-z]+)(?: (?:held|stored) in| "
         r"of)?,? )?<V:claim>", "prints_value", context="line", example="prints the count held in `n = 3`"),

    Form("relation_verb", r"(?:(?:because|since|as) )?<S:left>(?:,? which)? (?:still )?(?P<{p}relation>matches|equals|differs from|"
         r"exceeds|is above|is below|is under|is not equal to|no larger than|no greater than|no more than|no "
         r"less than|no smaller than|is not below|is not above|is not greater than|is not "
         r"larger than|is not bigger than|is not less than|is not smaller than|is not at least|is not at most|is not)"
         r"(?: the value)? <S:right>",
         "relation", "before", example="`word[length] = 'b'` matches `ch = 'b'`"),

    Form("body_skipped", r"(?:the |its )?(?:loop )?body does not run(?: at all)?(?! yet| until)", "body_skipped",
         example="the loop body does not run at all"),
    Form("every_item", r"(?P<{p}quantifier>every|each|all(?: the)?) (?P<{p}noun>items?|elements?|values?|numbers?|"
         r"entries|entry|characters?|keys?)(?: of| in) <S:sequence> (?:is|are)(?: still)? (?P<{p}property>positive|"
         r"negative|even|odd|nonzero|non-zero|zero|non-negative|nonnegative|truthy|falsy|empty|non-empty|(?P<{p}relation>"
         r"greater than|less than|larger than|smaller than|at least|at most|equal to|different from) <S:bound>)",
         "every_item", example="every item of `xs` is positive"),
    Form("only_changes", r"only <NL:names> (?:changes?|is changed|are changed|is updated|are updated|gets a new value|"
         r"get new values|is (?:re)?assigned)", "only_changes", "after", example="only `b` changes"),
    Form("def_body", r"(?:its|the|the function's) body does not run (?:yet|until (?:it is|the function is) called)",
         "def_body", example="its body does not run until it is called"),
    Form("part", r"(?:the (?P<{p}which>first|second|left|right) (?:part|operand|half|clause|side)(?: of the condition)?"
         r"(?: already| alone)?|(?P<{p}all>both|neither|all) (?:(?:parts?|operands?|sides?|halves|conditions?|checks?|"
         r"comparisons?|clauses?)(?: of the condition)?|of them))"
         r" (?P<{p}verdict>holds?|fails?|is true|is false|is True|is False|are true|are false|settles it|decides it|"
         r"is already (?:true|false|True|False))",
         "part", example="the first part already settles it"),
    Form("reads_all", r"reads all (?:of )?(?:the )?(?:standard input|input|text on standard input)(?: at once)?",
         "reads_all", example="reads all of standard input"),

    Form("same_source", r"(?:read off |taken from |from |in |again from )?(?:[Tt]he|[Tt]hat|[Tt]his) same (?:sentence|"
         r"formula|equation|text|phrase|statement|quote|words)", "same_source", needs=("same",),
         example="from the same sentence"),
    Form("scales", r"(?P<{p}verb>doubles|halves|triples) (?:it|the (?P<{p}free>[a-z]+(?: [a-z]+)?)|<S:operand>)",
         "scales", example="doubles the distance"),
    # ------------------------------------------------ grammar 3.2: where execution goes next, loop grounds in words
    # (checks/transitions.py)
    Form("loop_next", r"(?:the (?P<{p}skipped>`while` body|loop body|body|`continue`|`break`) " + _SKIPPED + r",? and )?"
         r"(?:execution|control|it) (?:goes|jumps|loops|heads|comes|returns|moves) back (?:up )?to (?:the (?:top|head|"
         r"header|start|beginning) of )?the (?:(?P<{p}which>inner|outer) )?(?P<{p}loop>`for` |`while` )?loop(?: header|"
         r" head| condition)? (?:at|on) line <N:line>", "loop_next", needs=("back",),
         example="execution goes back to the inner `for` loop at line 4"),
    Form("back_to_line", r"(?:the (?P<{p}skipped>`while` body|loop body|body|`continue`|`break`) " + _SKIPPED + r",? and )?"
         r"(?:execution|control) (?:goes|jumps|comes|returns|moves) back to line <N:line>(?! \(depth)", "loop_next",
         fixed={"plain": True}, needs=("back",), example="execution goes back to line 3"),
    Form("skip_named", r"the (?P<{p}skipped>`while` body|`continue`|`break`) " + _SKIPPED + r",? and execution "
         r"continues at line <N:line>", "loop_next", fixed={"plain": True, "forward": True}, needs=("continues",),
         example="the `continue` is skipped and execution continues at line 8"),
    Form("sees_enclosing", r"(?:it |which |and )?(?:(?:sees|reads|uses|can see|has access to) (?P<{p}seen>\x01(?:" + _SEP
         + r"\x01)*) from (?:the|its) enclosing (?:function|call|scope)|(?:sees|can see) (?P<{p}seen2>\x01(?:" + _SEP
         + r"\x01)*)(?=[.;]|$))", "sees_enclosing", context="call",
         needs=("sees", "see", "enclosing"),
         example="it sees `chosen = []` and `nums = [1, 2]` from the enclosing function"),
    Form("counts_as_plain", r"<V:claim>,?(?: which)? counts as (?P<{p}truthy>true|false)\b", "operand_counts_as",
         "during", needs=("counts as",), example="`k = 0` counts as false"),
    Form("one_each", r"(?:builds|makes|creates|puts in|adds) one (?P<{p}empty>empty )?(?P<{p}free>[a-z]+) for each "
         r"(?:number|item|value|element|character) (?:in|of) <V:source>[,;]? (?:so )?(?:now )?<V:claim>", "one_each",
         needs=("for each",), example="builds one empty list for each number in `range(n) = range(0, 2)`, so now "
         "`adj = [[], []]`"),
    Form("counted_empty", r"(?P<{p}count>two|three|four|five|six|seven|eight|nine|ten|\d+) empty(?P<{p}free>(?: "
         r"[a-z]+){0,2})[,:]? (?:so |and )?(?:now )?<V:claim>", "counted_empty", "auto", needs=("empty",),
         example="gives two empty lists, so now `adj = [[], []]`"),
    Form("whole_truth", r"the (?:whole|entire|full) (?:condition )?<S:expr>(?: is| comes out| evaluates to)? "
         r"(?P<{p}truth>True|False)\b", "whole_truth", "during", needs=("whole", "entire", "full"),
         example="the whole `a or b` is True"),
    Form("runs_keyword", r"runs `(?P<{p}keyword>continue|break|pass)`", "runs_keyword",
         example="runs `continue`"),
    Form("next_iteration_at", r"(?:it|execution) (?:jumps|goes|moves) (?:on )?to the next iteration of the loop at line "
         r"<N:line>", "loop_next", needs=("next iteration",),
         example="it jumps to the next iteration of the loop at line 3"),
    Form("else_continues", r"execution continues in the `else` part at line <N:line>", "next",
         fixed={"where": "else"}, example="execution continues in the `else` part at line 8"),
    Form("call_finished", r"the call (?:has finished|has returned|is done|is over)", "call_finished", context="back",
         needs=("the call",), example="the call has finished"),
    Form("loop_end_found", r"(?:(?:finds|has|there are) no (?:more|further) items(?: left)?(?:,? (?:and )?so|, and)|with no "
         r"(?:more|further) items(?: left)?,) the loop ends after <N:count> iterations?", "loop_end", needs=("items",),
         example="finds no more items, so the loop ends after 2 iterations"),
    Form("loop_ground_since", r"(?:since|because|as) <S:sequence> holds <N:size> (?:numbers?|items?|characters?|"
         r"elements?|values?), the loop (?:runs|will run) <N:count> (?:iterations?|times?)(?: in all)?", "loop_ground",
         needs=("holds",), example="since `range(0, 2)` holds 2 numbers, the loop will run 2 times"),
    Form("loop_ground_noun", r"(?:(?:since|because|as) )?the (?P<{p}noun>list|string|range|tuple|dictionary|set) "
         r"holds <N:size> (?:numbers?|items?|characters?|elements?|values?|keys?)(?:, so|,) the loop (?:runs|will run) "
         r"<N:count> (?:iterations?|times?)(?: in all)?", "loop_ground_noun", needs=("holds",),
         example="the list holds 3 items, so the loop will run 3 times"),

)

# Relations said with a verb, as the relation they state (the `relation` check reads these words).
RELATION_WORDS = {"matches": "equal to", "equals": "equal to", "differs from": "different from",
                  "exceeds": "greater than", "is above": "greater than", "is below": "less than",
                  "is under": "less than", "is not equal to": "different from", "is not below": "at least",
                  "is not above": "at most", "is not greater than": "at most", "is not larger than": "at most",
                  "is not bigger than": "at most", "is not less than": "at least", "is not smaller than": "at least",
                  "is not at least": "less than", "no larger than": "at most", "no greater than": "at most",
                  "no more than": "at most", "no less than": "at least", "no smaller than": "at least", "is not at most": "greater than", "is not": "different from"}

FINAL = re.compile(r"^(?:[-*] )?Final answer(?: \(standard output\))?:[ \t]*(.*)\Z", re.S)

# A whole accepted text for one run (documentation; a test verifies it against a real trace).
EXAMPLE_CODE = "def f(xs):\n    total = 0\n    for x in xs:\n        if x > 1:\n            total += x\n    return total\n"
EXAMPLE_CALL = "f([3, 1])"
EXAMPLE_TEXT = """\
The call enters `f` with `xs = [3, 1]`.

Line 2 executes; this sets `total = 0`.

Line 3 takes the next item of the `for` loop; iteration 1 starts: `x = 3`.

Line 4 checks the condition `x > 1` with `x = 3`; `x > 1` is True, so execution enters the body at line 5.

Line 5 reads `x = 3`; this sets `total = 3`.

Line 3 takes the next item of the `for` loop; iteration 2 starts: `x = 1`.

Line 4 checks the condition `x > 1` with `x = 1`; `x > 1` is False, so it skips ahead to line 3.

Line 3 goes back to the `for` loop; there are no more items, so the loop ends after 2 iterations and \
execution continues at line 6.

Line 6 returns `total`, with `total = 3`.

The call to `f` returns `3`.

Final answer: 3"""

# Sentences of free wording the grammar accepts where their claims hold (documentation and tests).
FREE_EXAMPLES = (
    ("Line 1 reads from standard input: the call gives `input() = '2'`, which converts to `int(input()) = 2`, so "
     "afterwards `t = 2`.", "the line; three value spans, the last a new value"),
    ("Line 17 runs `s2 += \"y\"`; now `s2 = 'xy'`, and `s` stays at `'x'`.",
     "the line; its statement; a new value; a name that keeps its value"),
    ("Line 11 checks the condition `n` with `n = 2`; again the condition is true.",
     "the line; the condition; a value before; an earlier check with the same outcome"),
    ("Line 8 takes the next item of the `for` loop over `legs = [(60, 30), (60, 60)]`.",
     "the line; the loop's iterable and its value"),
    ("Line 10 writes `9` into `arr[2]`, so `arr[2]` becomes `9`.", "an item the line assigns, and its change"),
)

# Sentences the grammar rejects, and why (documentation and tests).
REJECTED_EXAMPLES = (
    ("At this point x is 7.", "a name of the program and a number outside any claim"),
    ("Line 4 runs; then x equals 7.", "a name of the program, a comparison and a number outside a claim"),
    ("Line 4 runs; `x` is 7.", "a number outside a claim"),
    ("Line 4 does not set `x = 3`.", "negation outside a claim"),
    ("Line 4 runs; all values are equal.", "a quantifier and a comparison outside a claim"),
    ("Iterations 3 to 8 of the loop at line 2 work the same way.", "an unchecked similarity claim"),
    ("At this point the list is already sorted.", "property words outside a claim"),
    ("Line 5 runs again for the last time.", "an ordinal outside a claim"),
)
