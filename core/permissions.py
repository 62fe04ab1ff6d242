"""Page permission rules the group permissions alone cannot express."""

from wagtail.models import PagePermissionTester


class PortalPagePermissionTester(PagePermissionTester):
    """Deleting or moving a page needs publish permission.

    Wagtail lets anyone with "change" delete (and so move) unpublished pages. Public advisers have "change" on
    summaries so they can co-author drafts, but must never remove or move anyone's work.
    """

    def can_delete(self, ignore_bulk=False):
        if not (self.user.is_superuser or "publish" in getattr(self, "permissions", set())):
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)
