"""The portal's roles. Groups with these names are created by migration 0002_roles_and_workflows."""

EDITORS = "Editors"
PUBLIC_ADVISERS = "Public advisers"
MODERATORS = "Moderators"


def in_group(user, name):
    if not user or not user.is_authenticated:
        return False
    # Use the prefetch/cached groups when present; otherwise a single EXISTS query.
    return user.groups.filter(name=name).exists()
