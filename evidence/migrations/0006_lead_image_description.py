"""A case study's lead image is described by the image's own description (its alternative text wherever it is
shown), and deleting the image leaves the story without a picture instead of being refused.

Each story's alternative text becomes its image's description when the image has none; an image that already has
one keeps it (it is what the image library shows and other pages use)."""

from django.db import migrations, models
import django.db.models.deletion


def alt_texts_to_descriptions(apps, schema_editor):
    CaseStudyPage = apps.get_model("evidence", "CaseStudyPage")
    Image = apps.get_model("wagtailimages", "Image")
    for image_id, alt in CaseStudyPage.objects.exclude(lead_image_alt="").values_list(
        "lead_image_id", "lead_image_alt"
    ):
        Image.objects.filter(pk=image_id, description="").update(description=alt.strip()[:255])


def descriptions_to_alt_texts(apps, schema_editor):
    CaseStudyPage = apps.get_model("evidence", "CaseStudyPage")
    for page in CaseStudyPage.objects.select_related("lead_image").exclude(lead_image=None):
        CaseStudyPage.objects.filter(pk=page.pk).update(lead_image_alt=page.lead_image.description[:250])


class Migration(migrations.Migration):
    # As 0005: on PostgreSQL an ALTER after a data step in the same transaction can fail on the rows' pending
    # deferred foreign-key triggers, so each step runs, and commits, on its own.
    atomic = False
    dependencies = [
        ("evidence", "0005_concepts"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(alt_texts_to_descriptions, descriptions_to_alt_texts, atomic=True),
        # A default first, so that going back re-adds the column on a table that has rows.
        migrations.AlterField(
            model_name="casestudypage",
            name="lead_image_alt",
            field=models.CharField(blank=True, default="", max_length=250, verbose_name="Alternative text"),
        ),
        migrations.RemoveField(model_name="casestudypage", name="lead_image_alt"),
        migrations.AlterField(
            model_name="casestudypage",
            name="lead_image",
            field=models.ForeignKey(
                help_text="Shown at the top of the story. The image's description is what people who cannot see it hear.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
            ),
        ),
    ]
