"""The message a listing shows for filter values in its address that it does not know (they are left out, never
an error): one wording for the register and the resource hub."""


def unrecognised_notice(ignored):
    """'' when nothing was ignored; else a sentence quoting the first five values, each cut to 40 characters."""
    if not ignored:
        return ""
    shown = ", ".join(f"“{value[:40]}”" for value in ignored[:5])
    return f"We did not recognise {shown}, so {'it was' if len(ignored) == 1 else 'they were'} left out."
