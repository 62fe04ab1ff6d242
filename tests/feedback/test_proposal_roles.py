"""A proposer's role is spelled as the evaluation team's role (evidence TeamRole): one list of roles, and the data
migration moves stored proposals to it."""

import pytest

from evidence.models import TeamRole
from feedback.models import EvaluationProposal
from tests.migration_steps import migrate, migrate_to_latest

BEFORE = [("feedback", "0002_editor_permissions")]
AFTER = [("feedback", "0003_proposal_roles_as_team_roles")]


def test_every_proposer_role_but_the_public_is_a_team_role_in_the_same_words():
    team = dict(TeamRole.choices)
    roles = dict(EvaluationProposal.Role.choices)
    assert roles.pop(EvaluationProposal.Role.PUBLIC) == "Member of the public"
    assert {value: team.get(value) for value in roles} == roles


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stored_patient_or_carer_proposals_take_the_team_value_and_back():
    old = migrate(BEFORE)
    try:
        Proposal = old.get_model("feedback", "EvaluationProposal")
        Proposal.objects.create(description="Interpreters at A&E", role="patient-or-carer")
        Proposal.objects.create(description="Ramps", role="practitioner")
        new = migrate(AFTER)
        roles = new.get_model("feedback", "EvaluationProposal").objects.values_list("role", flat=True)
        assert sorted(roles) == ["patient-carer", "practitioner"]
        back = migrate(BEFORE)
        roles = back.get_model("feedback", "EvaluationProposal").objects.values_list("role", flat=True)
        assert sorted(roles) == ["patient-or-carer", "practitioner"]
    finally:
        migrate_to_latest()
