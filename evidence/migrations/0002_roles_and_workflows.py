"""Roles and the co-production workflows.

Editors: create, edit and publish everywhere. Public advisers: create and edit plain-language summaries and glossary
drafts, comment and sign off; never publish, unpublish, delete or move (see evidence/permissions.py). Moderators:
approve in workflows. Summaries go through public-adviser sign-off then editor approval; glossary terms through
editor approval.
"""

from django.db import migrations

EDITORS, PUBLIC_ADVISERS, MODERATORS = "Editors", "Public advisers", "Moderators"

SNIPPET_ACTIONS = {
    EDITORS: {
        "glossaryterm": ["add", "change", "delete", "publish", "lock", "unlock"],
        "service": ["add", "change", "delete"],
        "equitydimension": ["add", "change", "delete"],
        "place": ["add", "change", "delete"],
    },
    PUBLIC_ADVISERS: {"glossaryterm": ["add", "change"]},
    MODERATORS: {"glossaryterm": ["change"]},
}
# Images and documents use collection permissions: Wagtail's own migrations already give Editors the root collection.


def permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    SignOffTask = apps.get_model("evidence.PublicAdviserSignOffTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, PUBLIC_ADVISERS, MODERATORS)}
    access_admin = apps.get_model("auth.Permission").objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name, group in groups.items():
        group.permissions.add(access_admin)
        for model, actions in SNIPPET_ACTIONS[name].items():
            group.permissions.add(*[permission(apps, "evidence", model, action) for action in actions])

    # Page permissions: replace Wagtail's defaults with the portal's roles.
    root = Page.objects.get(depth=1)
    GroupPagePermission.objects.filter(group__in=groups.values()).delete()
    for action in ("add", "change", "publish", "bulk_delete", "lock", "unlock"):
        GroupPagePermission.objects.create(
            group=groups[EDITORS], page=root, permission=permission(apps, "wagtailcore", "page", action)
        )
    summaries = Page.objects.filter(content_type__app_label="evidence", content_type__model="summaryindexpage").first()
    if summaries:
        for action in ("add", "change"):
            GroupPagePermission.objects.create(
                group=groups[PUBLIC_ADVISERS],
                page=summaries,
                permission=permission(apps, "wagtailcore", "page", action),
            )

    # Editors publish evaluations and case studies directly: drop Wagtail's site-wide default workflow.
    WorkflowPage.objects.filter(page=root).delete()

    def approval_task(name):
        task, created = GroupApprovalTask.objects.get_or_create(
            name=name, defaults={"content_type": ContentType.objects.get_for_model(GroupApprovalTask)}
        )
        if created:
            task.groups.add(groups[EDITORS], groups[MODERATORS])
        return task

    sign_off, _ = SignOffTask.objects.get_or_create(
        name="Public adviser sign-off",
        defaults={"content_type": ContentType.objects.get_for_model(SignOffTask), "max_reading_age": 14},
    )
    summary_workflow, created = Workflow.objects.get_or_create(name="Plain-language summary sign-off")
    if created:
        WorkflowTask.objects.create(workflow=summary_workflow, task=sign_off, sort_order=0)
        WorkflowTask.objects.create(workflow=summary_workflow, task=approval_task("Editor approval"), sort_order=1)
    if summaries:
        WorkflowPage.objects.update_or_create(page=summaries, defaults={"workflow": summary_workflow})

    glossary_workflow, created = Workflow.objects.get_or_create(name="Glossary editor approval")
    if created:
        WorkflowTask.objects.create(
            workflow=glossary_workflow, task=approval_task("Glossary editor approval"), sort_order=0
        )
    glossary_ct = ContentType.objects.get_or_create(app_label="evidence", model="glossaryterm")[0]
    WorkflowContentType.objects.update_or_create(content_type=glossary_ct, defaults={"workflow": glossary_workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_initial"),
        ("home", "0002_site_structure"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
