"""Property tests of the scorer: scores stay in 0..100, a fully correct answer scores 100, and answers
pointing outside the activity are rejected rather than scored."""

from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dream_lms.scoring import AnswersInvalid, layout_grid, score_activity

# Letters from several scripts; "#" never occurs, so a word holding it is outside every pool.
LETTERS = "abcXYZéßÄç\u0433\u043e\u0440\u0434\u0436日本"  # Latin, accents, Cyrillic, CJK
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=8)
GRID_WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=9)
Case = tuple[str, dict[str, Any], dict[str, Any]]


@st.composite
def drag_drop(draw: st.DrawFn) -> Case:
    pool = draw(st.lists(WORD, min_size=1, max_size=8))
    zones = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=10))
    config = {"type": "dragdroppicture", "words": draw(st.permutations(pool)), "answer": [{"text": t} for t in zones]}
    return "dragdroppicture", config, {"placements": {str(i): t for i, t in enumerate(zones)}}


@st.composite
def drag_drop_group(draw: st.DrawFn) -> Case:
    words = draw(st.lists(WORD, min_size=1, max_size=12, unique=True))
    split = sorted(draw(st.sets(st.integers(1, max(1, len(words) - 1)), max_size=3)) | {len(words)})
    categories = [words[start:end] for start, end in zip([0, *split], split, strict=False) if words[start:end]]
    zones: list[list[str]] = []
    placements: dict[str, str] = {}
    for category in categories:
        for word in category[: draw(st.integers(1, len(category)))]:
            placements[str(len(zones))] = word
            zones.append(category)
    config = {
        "type": "dragdroppicturegroup",
        "words": draw(st.permutations(words)),
        "answer": [{"group": g} for g in zones],
    }
    return "dragdroppicturegroup", config, {"placements": placements}


@st.composite
def match_the_words(draw: st.DrawFn) -> Case:
    pool = draw(st.lists(WORD, min_size=1, max_size=8, unique=True))
    expected = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
    config = {
        "type": "matchTheWords",
        "match_words": [{"word": w} for w in pool],
        "sentences": [{"sentence": f"Sentence {i}", "word": w} for i, w in enumerate(expected)],
    }
    return "matchTheWords", config, {"matches": {str(i): w for i, w in enumerate(expected)}}


@st.composite
def choice(draw: st.DrawFn) -> Case:
    activity_type, count_key = draw(st.sampled_from([("circle", "circleCount"), ("markwithx", "markCount")]))
    count = draw(st.sampled_from([None, 0, 2, 3, 4, -1]))
    config: dict[str, Any] = {"type": activity_type}
    if count is not None:
        config[count_key] = count
    if count == -1:
        key = draw(st.lists(st.booleans(), min_size=1, max_size=12).filter(any))
        selected = [i for i, is_correct in enumerate(key) if is_correct]
    else:
        group = count or 2
        questions = draw(st.integers(1, 6))
        key, selected = [], []
        for question in range(questions):
            # Only the last question may have fewer options than the count.
            options = group if question < questions - 1 else draw(st.integers(1, group))
            right = draw(st.integers(0, options - 1))
            selected.append(len(key) + right)
            key.extend(i == right for i in range(options))
    config["answer"] = [{"coords": {"x": 0, "y": 0, "w": 1, "h": 1}, **({"isCorrect": True} if k else {})} for k in key]
    return activity_type, config, {"selected": selected}


@st.composite
def find_words(draw: st.DrawFn) -> Case:
    words = draw(st.lists(GRID_WORD, min_size=1, max_size=6))
    seed = draw(st.integers(0, 2**32 - 1))
    layout = layout_grid(words, seed)
    assume(not layout.unplaced)
    found = []
    for word, placement in zip(words, layout.placements, strict=True):
        assert placement is not None
        row_step, col_step = (0, 1) if placement.direction == "across" else (1, 0)
        end = [placement.row + row_step * (len(word) - 1), placement.col + col_step * (len(word) - 1)]
        found.append({"start": [placement.row, placement.col], "end": end})
    return "puzzleFindWords", {"type": "puzzleFindWords", "words": words}, {"seed": seed, "found": found}


@st.composite
def typed(draw: st.DrawFn) -> Case:
    texts = draw(
        st.lists(st.text(alphabet=LETTERS + " ", min_size=1, max_size=12).filter(str.strip), min_size=1, max_size=6)
    )
    activity_type = draw(st.sampled_from(["fillSentencesWithDots", "fillpicture"]))
    if activity_type == "fillpicture":
        config: dict[str, Any] = {"type": activity_type, "answer": [{"text": t} for t in texts]}
    else:
        config = {"type": activity_type, "sentences": [{"sentence": "", "word": t} for t in texts]}
    # The student's spelling differs in case and surrounding whitespace only.
    blanks = {str(i): f"  {t.upper() if draw(st.booleans()) else t.lower()}\t" for i, t in enumerate(texts)}
    return activity_type, config, {"blanks": blanks}


ACTIVITY = st.one_of(drag_drop(), drag_drop_group(), match_the_words(), choice(), find_words(), typed())


@given(case=ACTIVITY)
def test_a_fully_correct_answer_scores_100(case: Case) -> None:
    activity_type, config, answers = case
    result = score_activity(activity_type, config, answers)
    assert (result.score, result.correct) == (100, result.total)


def _any_answers(activity_type: str, config: dict[str, Any], correct: dict[str, Any], data: st.DataObject) -> Any:
    """Answers within the activity, right or wrong, complete or partial."""
    if activity_type == "puzzleFindWords":
        straight_runs = st.builds(
            lambda row, col, length: {"start": [row, col], "end": [row, col + length]},
            st.integers(0, 14),
            st.integers(0, 7),
            st.integers(0, 7),
        )
        found = data.draw(st.lists(st.sampled_from(correct["found"]) | straight_runs, max_size=len(config["words"])))
        return {"seed": correct["seed"], "found": found}
    if "selected" in correct:
        options = len(config["answer"])
        count = config.get("circleCount", config.get("markCount"))
        if count == -1:
            return {"selected": sorted(data.draw(st.sets(st.integers(0, options - 1))))}
        group = count or 2
        picks = [
            data.draw(st.none() | st.integers(first, min(first + group, options) - 1))
            for first in range(0, options, group)
        ]
        return {"selected": [pick for pick in picks if pick is not None]}
    ((key, value),) = correct.items()
    if key == "blanks":
        texts: st.SearchStrategy[str] = WORD | st.sampled_from(sorted(value.values()))
    else:
        texts = st.sampled_from(config["words"] if "words" in config else [w["word"] for w in config["match_words"]])
    return {key: data.draw(st.dictionaries(st.sampled_from(sorted(value)), texts))}


@given(case=ACTIVITY, data=st.data())
def test_scores_stay_within_0_and_100(case: Case, data: st.DataObject) -> None:
    activity_type, config, correct = case
    result = score_activity(activity_type, config, _any_answers(activity_type, config, correct, data))
    assert 0 <= result.score <= 100
    assert 0 <= result.correct <= result.total


@given(case=ACTIVITY, extra=st.integers(0, 1000))
def test_an_index_outside_the_activity_is_rejected(case: Case, extra: int) -> None:
    activity_type, config, answers = case
    if activity_type == "puzzleFindWords":
        outside = {"start": [15 + extra, 0], "end": [15 + extra, 2]}
        bad: dict[str, Any] = {"seed": answers["seed"], "found": [outside]}
        expected_code = "out_of_grid"
    else:
        ((key, value),) = answers.items()
        items = len(config.get("answer") or config.get("sentences") or [])
        if isinstance(value, list):
            bad = {key: [items + extra]}
        else:
            bad = {key: {str(items + extra): next(iter(value.values()))}}
        expected_code = "unknown_index"
    with pytest.raises(AnswersInvalid) as raised:
        score_activity(activity_type, config, bad)
    assert raised.value.code == expected_code


@given(case=st.one_of(drag_drop(), drag_drop_group(), match_the_words()), stranger=WORD)
def test_a_word_outside_the_pool_is_rejected(case: Case, stranger: str) -> None:
    activity_type, config, answers = case
    ((key, _),) = answers.items()
    with pytest.raises(AnswersInvalid) as raised:
        score_activity(activity_type, config, {key: {"0": stranger + "#"}})
    assert raised.value.code == "unknown_word"
