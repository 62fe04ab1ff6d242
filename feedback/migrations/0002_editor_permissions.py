"""Editors review feedback: view, change (only the reviewed flag or status is editable) and delete. No other group
gets any permission on these models, so public advisers and moderators do not see them either."""

from django.db import migrations

EDITORS = "Editors"
MODELS = {
    "pagefeedback": "page feedback",
    "glossarysuggestion": "glossary suggestion",
    "evaluationproposal": "evaluation proposal",
}
ACTIONS = ["view", "change", "delete"]


def permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    for model, verbose_name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="feedback", model=model)
        for action in ACTIONS:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            yield perm


def grant(apps, schema_editor):
    editors, _ = apps.get_model("auth.Group").objects.get_or_create(name=EDITORS)
    editors.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("evidence", "0002_roles_and_workflows"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
