"""A proposer's role takes the evaluation team's value for patients and carers ("patient-carer", evidence
TeamRole), so one role is spelled one way: stored proposals are mapped both ways."""

from django.db import migrations, models

OLD, NEW = "patient-or-carer", "patient-carer"


def relabel(old, new):
    def run(apps, schema_editor):
        apps.get_model("feedback", "EvaluationProposal").objects.filter(role=old).update(role=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_editor_permissions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evaluationproposal",
            name="role",
            field=models.CharField(
                choices=[
                    ("public", "Member of the public"),
                    ("patient-carer", "Patient or carer"),
                    ("practitioner", "Practitioner"),
                    ("commissioner", "Commissioner"),
                    ("researcher", "Researcher"),
                    ("other", "Other"),
                ],
                max_length=32,
                verbose_name="who they are",
            ),
        ),
        migrations.RunPython(relabel(OLD, NEW), relabel(NEW, OLD)),
    ]
