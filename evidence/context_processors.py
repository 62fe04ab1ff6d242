"""Template context every page render gets from the evidence app."""

from django.utils.functional import SimpleLazyObject

from evidence.glossary_terms import linker_for_page


def glossary_linker(request):
    """One glossary linker per rendered page, shared by its texts ({% glossarise %}, {% glossarised %}) so each
    term is linked once, and read by "Words explained on this page". Lazy: a page without evidence text never
    loads the glossary."""
    return {"glossary_linker": SimpleLazyObject(linker_for_page)}
