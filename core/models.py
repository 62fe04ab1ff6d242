"""The abstract base page and the small mixins every app's page types share (home, evidence, resources…).

Nothing here imports an app of the project (evidence, home, search…): pages of any app build on it without an
import cycle.
Per-page extras that belong to one app stay there (the glossary linker: `evidence.context_processors`; the
taxonomies: `evidence.models.taxonomy_pages`)..
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from core.choices import TeamRole
from core.permissions import PortalPagePermissionTester
from portal.site_address import site_origin


def panels_without(panels, field_name):
    """`panels` less the one that edits `field_name`: by name, not by position, so a panel added to the list later
    (by Wagtail or here) is kept."""
    return [panel for panel in panels if getattr(panel, "field_name", None) != field_name]


class BasePage(Page):
    """Every portal page: a short plain summary used in listings, search results and metadata."""

    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One plain sentence for listings and search results (no more than 300 characters).",
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("summary")]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return PortalPagePermissionTester(user, self)

    def get_view_restrictions(self):
        """Wagtail checks these on every page served (two queries: the ancestors, then their restrictions); for a
        reader's request they come from this process's memo for the content generation (core/reader_memo.py)."""
        from core.reader_memo import view_restrictions_for

        restrictions = view_restrictions_for(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    def get_url_parts(self, request=None):
        """Wagtail's (site id, root URL, path) with the site's own address (portal/site_address.py) as the root
        URL, instead of the Site record's hostname: `full_url`, the sitemap, canonical links and emails then
        name the address readers use. Only for the site being served (or the only one): another Wagtail Site's
        pages keep their own root URL."""
        parts = super().get_url_parts(request=request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _root_url, page_path = parts
        origin = site_origin(request)
        if origin and self._is_served_site(site_id, request):
            return site_id, origin, page_path
        return parts

    def _is_served_site(self, site_id, request):
        if len({paths.site_id for paths in self._get_site_root_paths(request)}) == 1:
            return True
        site = Site.find_for_request(request) if request is not None else None
        return site is not None and site.pk == site_id


class ReviewDatesMixin(models.Model):
    last_reviewed = models.DateField(null=True, blank=True, verbose_name="Page last reviewed")
    next_review = models.DateField(null=True, blank=True, verbose_name="Next review due")

    review_panels = [MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("next_review")], heading="Review")]

    class Meta:
        abstract = True

    @property
    def review_overdue(self):
        """True once the next review date has passed (the due date itself is not yet overdue), in local time."""
        return self.next_review is not None and self.next_review < timezone.localdate()

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review and self.next_review < self.last_reviewed:
            raise ValidationError({"next_review": "The next review must come after the last review."})


class TeamMemberBase(Orderable):
    """A member of a team credited on a page (an evaluation's, a registered project's): each concrete class adds
    its own ParentalKey `page` with related_name "team"."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=20, choices=TeamRole.choices)
    organisation = models.CharField(max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")])]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"
