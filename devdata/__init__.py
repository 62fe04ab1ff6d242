"""Development data: factories for tests, the synthetic evaluations generator (`manage.py generate_evaluations`).

Not part of the running site. Its packages (factory-boy, wagtail-factories) are in requirements-dev.txt, and the
app is installed only by the development, test and benchmark settings.
"""
