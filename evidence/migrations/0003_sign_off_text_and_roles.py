"""Sign-offs keep a digest of the text they approved; roles get exactly what they need.

- Editors may link a portal account to a summary co-author row (only a linked adviser can sign off).
- Moderators approve in workflows and nothing else: Wagtail's own migrations gave its default "Moderators" group
  add, change and delete on every image and document; they need none of it.
  (Approving a workflow's last step publishes without a publish permission: evidence/workflow_finish.py.)
"""

from django.db import migrations, models

EDITORS, MODERATORS = "Editors", "Moderators"


def set_role_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    content_type, _ = ContentType.objects.get_or_create(app_label="evidence", model="summarycoauthor")
    link, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="link_coauthor_account",
        defaults={"name": "Can link a portal account to a summary co-author"},
    )
    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.add(link)
    GroupCollectionPermission.objects.filter(group__name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0002_roles_and_workflows"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="summarycoauthor",
            options={
                "ordering": ["sort_order"],
                "permissions": [("link_coauthor_account", "Can link a portal account to a summary co-author")],
            },
        ),
        migrations.AddField(
            model_name="summarysignoff",
            name="text_digest",
            field=models.CharField(
                blank=True, editable=False, help_text="SHA-256 of the text that was signed off.", max_length=64
            ),
        ),
        migrations.RunPython(set_role_permissions, migrations.RunPython.noop),
    ]
