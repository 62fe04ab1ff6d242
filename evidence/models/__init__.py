"""Evidence models, one module per idea; import from here. (The base page and its mixins are in core.models; the
choices are defined in core.choices and named here too, as the evidence vocabulary.)"""

from core.choices import Framework, Method, TeamRole

from .case_study import CaseStudyEvaluation, CaseStudyPage
from .evaluation import EvaluationPage, NextStep, TeamMember
from .glossary import GlossaryPage, GlossaryTerm
from .index_pages import CaseStudyIndexPage, EvaluationIndexPage, SummaryIndexPage
from .sign_off import SummarySignOff
from .summary import PlainLanguageSummaryPage, SummaryCoAuthor
from .taxonomy import EquityDimension, PageEquityDimension, PagePlace, PageService, Place, Service
from .taxonomy_pages import TAXONOMY_PREFETCH, TaxonomyMixin
from .workflow import PublicAdviserSignOffTask

__all__ = [
    "TAXONOMY_PREFETCH",
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
    "Service",
    "SummaryCoAuthor",
    "SummaryIndexPage",
    "SummarySignOff",
    "TaxonomyMixin",
    "TeamMember",
    "TeamRole",
]
