from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from .models import GlossaryPage

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(GlossaryPage.forget_base_url, dispatch_uid=f"glossary-base-url-{signal}")
