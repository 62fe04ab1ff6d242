"""Rich-text links as readers see them: a link to a page or document an anonymous reader may not see (a draft,
an unpublished or restricted page, a document in a restricted collection) keeps its text but loses its address,
as Wagtail renders a link to a deleted page (`<a>` without href). The address of a hidden page names it (its
slug); following it would only meet a 404, a password form or a sign-in page. Registered in home/wagtail_hooks.py.
One query per kind of link, however many links a text holds."""

from django.utils.html import format_html
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from portal.visibility import public_document_ids, public_page_ids


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        visible = public_page_ids([page.pk for page in pages if page is not None])
        return [
            format_html('<a href="{}">', page.localized.url) if page is not None and page.pk in visible else "<a>"
            for page in pages
        ]


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        documents = cls.get_many(attrs_list)
        visible = public_document_ids([document.pk for document in documents if document is not None])
        return [
            format_html('<a href="{}">', document.url) if document is not None and document.pk in visible else "<a>"
            for document in documents
        ]


def register_link_types(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
