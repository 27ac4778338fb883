"""The trained sentence classifiers behind P513 (tone), mutual benefit and alternatives."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from parting.check import classifier
from parting.check.judge import judge

ROOT = Path(__file__).resolve().parent.parent


def _trainer() -> ModuleType:
    path = ROOT / "scripts" / "train_check_models.py"
    spec = importlib.util.spec_from_file_location("train_check_models", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_tokens_normalise_numbers_apostrophes_and_keep_tone_marks() -> None:
    assert classifier.tokens("You’ve paid $1,250.00 (twice)?!") == [
        "you've",
        "paid",
        "0",
        "(",
        "twice",
        ")",
        "?",
        "!",
    ]


def test_features_are_unigrams_and_bigrams_with_edges() -> None:
    assert classifier.features("Thanks again") == {
        "thanks",
        "again",
        "<s> thanks",
        "thanks again",
        "again </s>",
    }


@pytest.mark.parametrize("name", classifier.MODEL_NAMES)
def test_every_model_ships_and_loads(name: classifier.ModelName) -> None:
    path = ROOT / "src" / "parting" / "check" / "models" / f"{name}.json.gz"
    raw = json.loads(gzip.decompress(path.read_bytes()))
    model = classifier.load(name)
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) == len(raw["weights"]) > 500
    assert 0.0 <= model.score("") <= 1.0


@pytest.mark.parametrize(
    ("name", "sentence", "fires"),
    [
        (
            "respect",
            "Congrats, you're officially the only client who changed the proof eleven "
            "months in a row.",
            True,
        ),
        (
            "respect",
            "How is anyone supposed to hit a date when the brief changes every week?",
            True,
        ),
        ("respect", "I underestimated the migration, and that one is on me.", False),
        ("respect", "Invoice 44 for $1,200 is now 30 days overdue.", False),
        ("benefit", "A bigger studio can give your launch the full-time attention it needs.", True),
        ("benefit", "I'm moving into teaching next year.", False),
        ("alternatives", "I can stay on at 8 hours a week through June while you hire.", True),
        ("alternatives", "Good luck finding someone.", False),
        (
            "decision",
            "I'm giving notice on the content retainer: my last month will be October.",
            True,
        ),
        (
            "decision",
            "We've made the call to stop development on the app at the end of this sprint.",
            True,
        ),
        ("decision", "The final invoice will go out on 31 May.", False),
    ],
)
def test_models_read_whole_sentences(
    name: classifier.ModelName, sentence: str, fires: bool
) -> None:
    model = classifier.load(name)
    assert classifier.fires(name, sentence) is fires, (
        model.score(sentence),
        model.top_features(sentence),
    )


def test_tone_rule_reports_a_dig_no_phrase_rule_knows() -> None:
    text = (
        "Hi Karen,\n\nI'm ending the support contract on 31 July. How many times can a sprint be "
        "re-planned on a Friday afternoon before the whole team stops believing the plan?"
        "\n\nMichelle"
    )
    result = judge(text)
    assert not result.principles["respectful"].ok
    codes = [f.code for f in result.findings if f.principle == "respectful"]
    assert codes == ["P513"]
    finding = next(f for f in result.findings if f.code == "P513")
    assert finding.text.startswith("How many times can a sprint")


def test_trainer_learns_a_separable_toy_problem() -> None:
    trainer = _trainer()
    examples = [(f"you always ruin plan {i}", 1) for i in range(20)] + [
        (f"thank you for plan {i}", 0) for i in range(20)
    ]
    fitted = trainer.fit(examples, steps=200)
    assert fitted.score("you always ruin it") > 0.9
    assert fitted.score("thank you for it") < 0.1


def test_a_decision_only_the_model_reads_makes_the_draft_direct() -> None:
    text = (
        "Hi Tom,\n\nBit of news: I'm closing the books on the Fernway account after the current "
        "batch.\n\nAna"
    )
    result = judge(text).principles["direct"]
    assert result.ok
    assert [e.text for e in result.evidence] == [
        "Bit of news: I'm closing the books on the Fernway account after the current batch."
    ]


def test_a_decision_the_model_reads_in_a_question_is_hedged() -> None:
    text = (
        "Hi Tom,\n\nI'm giving notice on the content retainer, and my last month will be "
        "October?\n\nAna"
    )
    result = judge(text)
    assert not result.principles["direct"].ok
    assert "P305" in [f.code for f in result.findings]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        # the cue of P507 (sarcastic aside), used sincerely: the tone model disagrees
        ("I'm sure you'll find a great new partner.", True),
        # the same cue as a jab: the model agrees, the finding stands
        ("I'm sure the next editor will be better at mind-reading than I was.", False),
        # "as usual" (P506) in a money line
        ("The final invoice of $450 goes out on the 30th as usual, net 30.", True),
    ],
)
def test_cue_phrases_need_the_tone_models_agreement(text: str, ok: bool) -> None:
    assert judge(text).principles["respectful"].ok is ok


def test_patterns_only_reports_what_the_phrases_alone_find() -> None:
    from parting.check.rules import check_text, get_rule, patterns_only

    text = "I'm sure you'll find a great new partner."
    rule = get_rule("P507")
    assert check_text(text, [rule]) == []
    with patterns_only():
        assert [f.text for f in check_text(text, [rule])] == ["I'm sure you"]
