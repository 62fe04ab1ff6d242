"""Evidence models, one module per idea; import from here."""

from .base import TAXONOMY_PREFETCH, BasePage, ReviewDatesMixin, TaxonomyMixin
from .case_study import CaseStudyEvaluation, CaseStudyPage
from .evaluation import EvaluationPage, Method, NextStep, TeamMember, TeamRole
from .glossary import GlossaryPage, GlossaryTerm
from .index_pages import CaseStudyIndexPage, EvaluationIndexPage, SummaryIndexPage
from .sign_off import SummarySignOff
from .summary import PlainLanguageSummaryPage, SummaryCoAuthor
from .taxonomy import EquityDimension, Framework, PageEquityDimension, PagePlace, PageService, Place, Service
from .workflow import PublicAdviserSignOffTask

__all__ = [
    "TAXONOMY_PREFETCH",
    "BasePage",
    "CaseStudyEvaluation",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "EquityDimension",
    "EvaluationIndexPage",
    "EvaluationPage",
    "Framework",
    "GlossaryPage",
    "GlossaryTerm",
    "Method",
    "NextStep",
    "PageEquityDimension",
    "PagePlace",
    "PageService",
    "Place",
    "PlainLanguageSummaryPage",
    "PublicAdviserSignOffTask",
    "ReviewDatesMixin",
    "Service",
    "SummaryCoAuthor",
    "SummaryIndexPage",
    "SummarySignOff",
    "TaxonomyMixin",
    "TeamMember",
    "TeamRole",
]
