"""Readability figures: measured in one place, stored on the summary when it is validated or saved."""

import pytest
import textstat

from devdata.factories import PlainLanguageSummaryPageFactory, paragraphs
from evidence.readability import html_to_text, measure

EASY = "The cat sat on the mat. The dog ran to the park. We had fun in the sun."
HARD = (
    "Notwithstanding considerable methodological heterogeneity, the multidisciplinary evaluation demonstrated "
    "statistically significant improvements in organisational accessibility for disadvantaged populations."
)


def test_reading_age_is_flesch_kincaid_grade_plus_five():
    text = "People who live near the sea often have worse health. We asked them why, and listened carefully."
    result = measure(text)
    assert result.reading_age == pytest.approx(max(textstat.flesch_kincaid_grade(text), 0) + 5, abs=0.05)
    assert result.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(text), abs=0.05)


def test_words_and_average_sentence_length():
    result = measure(EASY)
    assert result.words == 18
    assert result.sentences == 3
    assert result.average_sentence_length == pytest.approx(18 / 3, abs=0.05)


def test_harder_text_has_a_higher_reading_age():
    assert measure(HARD).reading_age > measure(EASY).reading_age + 10
    assert measure(HARD).flesch_reading_ease < measure(EASY).flesch_reading_ease


def test_empty_text_measures_as_zero():
    assert measure("").words == 0 and measure("   ").reading_age == 0


def test_described_in_words_a_reader_understands():
    assert measure(EASY).described.startswith("Reading age about ")
    assert "hard to read" in measure(HARD).described


def test_html_keeps_sentence_ends_between_blocks():
    assert html_to_text("<h2>What we found</h2><p>One. Two!</p><p>Three</p>") == "What we found. One. Two! Three."


@pytest.mark.django_db
def test_summary_stores_its_figures_on_save_and_on_revision(evaluation):
    summary = PlainLanguageSummaryPageFactory(slug="m", body=paragraphs(EASY))
    expected = measure(summary.body_text())
    summary.refresh_from_db()
    assert summary.word_count == expected.words == 18
    assert summary.reading_age == expected.reading_age

    summary.body = paragraphs(HARD)
    revision = summary.save_revision()
    assert revision.as_object().reading_age == measure(HARD).reading_age
