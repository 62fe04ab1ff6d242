from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .site_lookup import forget_sites

        post_save.connect(forget_sites, sender=Site, dispatch_uid="home-forget-sites-save")
        post_delete.connect(forget_sites, sender=Site, dispatch_uid="home-forget-sites-delete")

        from . import content_generation

        content_generation.connect()

        from . import frontend_purge

        frontend_purge.connect()
